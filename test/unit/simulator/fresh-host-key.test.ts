import { describe, expect, it } from 'vitest';
import ssh2 from 'ssh2';
import { freshHostKey } from '../../../main/simulator/host/serve-ssh.js';

describe('freshHostKey', () => {
  it('always returns a key ssh2 can parse (ssh2 alone fails about once in 400)', () => {
    for (let i = 0; i < 2000; i++) {
      expect(ssh2.utils.parseKey(freshHostKey())).not.toBeInstanceOf(Error);
    }
  });
});
