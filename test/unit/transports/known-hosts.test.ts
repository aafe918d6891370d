import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnownHosts, fingerprintOf, keyTypeOf } from '../../../main/transports/known-hosts.js';

// An ssh-ed25519 public key blob: string "ssh-ed25519" then 32 key bytes.
const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), Buffer.alloc(32, 7)]);

describe('known hosts (trust on first use)', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'kh-')), 'known_hosts.json');

  it('reads the key type and makes an OpenSSH-style fingerprint', () => {
    expect(keyTypeOf(blob)).toBe('ssh-ed25519');
    expect(fingerprintOf(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('unknown → trusted → known; a different key for the same host and port is "changed"', () => {
    const kh = new KnownHosts(file());
    const info = { host: 'Router.LAN', port: 22, keyType: 'ssh-ed25519', fingerprint: fingerprintOf(blob) };
    expect(kh.check(info).kind).toBe('unknown');
    kh.trust(info);
    expect(kh.check({ ...info, host: 'router.lan' }).kind).toBe('known');
    expect(kh.check({ ...info, port: 2222 }).kind).toBe('unknown');
    const changed = kh.check({ ...info, fingerprint: 'SHA256:other' });
    expect(changed).toMatchObject({ kind: 'changed', previous: { fingerprint: info.fingerprint } });
  });

  it('says what to do with a damaged file instead of trusting anything', () => {
    const f = file();
    writeFileSync(f, '{ not json');
    expect(() => new KnownHosts(f).check({ host: 'h', port: 22, keyType: 'x', fingerprint: 'y' })).toThrow(/damaged; move it away/);
  });
});
