import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { judgeOffer, LEGACY, modernAlgorithms, needsLegacy } from '../../../main/transports/ssh-algorithms.js';
import { parseKexInit } from '../../../main/transports/ssh-probe.js';
import { installDhGroupFallback, OAKLEY_GROUP_2_PRIME } from '../../../main/transports/ssh2-library.js';

const offer = (kex: string[], hostKey: string[], cipher: string[], mac: string[]) => ({ banner: 'SSH-2.0-OpenSSH_7.7', kex, hostKey, cipher, mac });

describe('older SSH: modern first, the legacy ones named', () => {
  it('modern means ssh2\'s defaults without SHA-1 signatures, SHA-1 key exchange or CBC', () => {
    const m = modernAlgorithms();
    expect(m.hostKey).not.toContain('ssh-rsa');
    expect(m.hostKey).toContain('rsa-sha2-256');
    for (const k of LEGACY.kex) expect(m.kex).not.toContain(k);
    for (const c of LEGACY.cipher) expect(m.cipher).not.toContain(c);
    expect(m.kex.length).toBeGreaterThan(3);
  });

  it("an RTX810-like server (group1, ssh-rsa, aes128-cbc) needs exactly those, and can be reached with them", () => {
    const v = judgeOffer(offer(['diffie-hellman-group1-sha1'], ['ssh-rsa'], ['aes128-cbc', '3des-cbc'], ['hmac-sha1', 'hmac-md5']));
    expect(v).toEqual({ needed: { kex: ['diffie-hellman-group1-sha1'], hostKey: ['ssh-rsa'], cipher: ['aes128-cbc', '3des-cbc'], mac: [] }, impossible: [] });
    expect(needsLegacy(v)).toBe(true);
  });

  it('a modern server needs nothing; a server with nothing usable at all is impossible, not "legacy"', () => {
    const modern = judgeOffer(offer(['curve25519-sha256'], ['ssh-ed25519'], ['chacha20-poly1305@openssh.com'], []));
    expect(needsLegacy(modern)).toBe(false);
    expect(modern.impossible).toEqual([]);
    expect(judgeOffer(offer(['gss-gex-sha1-foo'], ['ssh-ed25519'], ['aes128-ctr'], ['hmac-sha2-256'])).impossible).toEqual(['kex']);
  });

  it('reads the name-lists of a real KEXINIT payload', () => {
    const names = (...l: string[]) => {
      const b = Buffer.from(l.join(','), 'latin1');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(b.length);
      return Buffer.concat([len, b]);
    };
    const payload = Buffer.concat([
      Buffer.from([20]),
      Buffer.alloc(16, 7),
      names('diffie-hellman-group1-sha1'),
      names('ssh-rsa'),
      names('aes128-cbc'),
      names('aes128-cbc'),
      names('hmac-sha1'),
      names('hmac-sha1'),
      names('none'),
      names('none'),
      names(),
      names(),
      Buffer.from([0, 0, 0, 0, 0]),
    ]);
    expect(parseKexInit(payload)).toEqual({ kex: ['diffie-hellman-group1-sha1'], hostKey: ['ssh-rsa'], cipher: ['aes128-cbc'], mac: ['hmac-sha1'] });
    expect(() => parseKexInit(Buffer.from([21]))).toThrow(/not KEXINIT/);
  });
});

describe('diffie-hellman-group1 where the runtime lacks the named group (Electron/BoringSSL)', () => {
  it('the RFC 2409 prime is exactly the group Node calls modp2', () => {
    expect(crypto.createDiffieHellmanGroup('modp2').getPrime('hex').toUpperCase()).toBe(OAKLEY_GROUP_2_PRIME);
  });

  it('with modp2 made unavailable, the fallback builds the same group, and it agrees on a secret with the real one', () => {
    // A crypto without the named group, as Electron's: createDiffieHellmanGroup("modp2") throws as BoringSSL's does.
    const boring = {
      createDiffieHellmanGroup: (name: string) => {
        if (name === 'modp2') throw new Error('Unknown DH group');
        return crypto.createDiffieHellmanGroup(name);
      },
      createDiffieHellman: crypto.createDiffieHellman,
    } as unknown as Pick<typeof crypto, 'createDiffieHellmanGroup' | 'createDiffieHellman'>;
    expect(() => boring.createDiffieHellmanGroup('modp2')).toThrow('Unknown DH group');
    installDhGroupFallback(boring);
    installDhGroupFallback(boring); // twice is once
    const ours = boring.createDiffieHellmanGroup('modp2');
    expect(ours.getPrime('hex').toUpperCase()).toBe(OAKLEY_GROUP_2_PRIME);
    expect(ours.getGenerator('hex')).toBe('02');
    const theirs = crypto.createDiffieHellmanGroup('modp2');
    const a = ours.generateKeys();
    const b = theirs.generateKeys();
    expect(ours.computeSecret(b).equals(theirs.computeSecret(a))).toBe(true);
    // Groups the runtime has are its own; unknown names still fail.
    expect(boring.createDiffieHellmanGroup('modp14').getPrime().length).toBe(256);
    expect(() => boring.createDiffieHellmanGroup('modp99')).toThrow();
  });
});
