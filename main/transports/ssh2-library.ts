/**
 * The one way the app loads ssh2, so the Diffie-Hellman group fix below is in place before ssh2 reads `crypto`.
 *
 * ssh2 does `diffie-hellman-group1-sha1` with Node's `crypto.createDiffieHellmanGroup('modp2')`, taken from
 * `crypto` when ssh2 is first loaded. Electron's BoringSSL has no `modp2`, so inside Electron group1 fails with
 * "Unknown DH group" while plain Node works (Eugeny/tabby #8840, SchoofsKelvin/vscode-sshfs #413; Netcatty
 * PR #1039 falls back to the prime itself). Older RTX firmware offers only group1, so when the named group is
 * missing, the group is built from its published prime: RFC 2409 §6.2, the Second Oakley Group, generator 2.
 * ssh2 must therefore never be imported statically by app code: a static import runs before any of ours.
 */
import crypto from 'node:crypto';
import { createRequire } from 'node:module';

type Ssh2 = typeof import('ssh2');

/** RFC 2409 §6.2 (1024-bit MODP, "Oakley Group 2"), which OpenSSL and Node call `modp2`. */
export const OAKLEY_GROUP_2_PRIME =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF';

const PUBLISHED_GROUPS: Record<string, string> = { modp2: OAKLEY_GROUP_2_PRIME };
const WRAPPED = Symbol.for('ipoe-doctor.dh-group-fallback');

type CryptoGroups = Pick<typeof crypto, 'createDiffieHellmanGroup' | 'createDiffieHellman'>;

/**
 * Make `createDiffieHellmanGroup(name)` fall back to the published prime when the runtime does not know the
 * group (Electron). Where the runtime has it, its own implementation is used unchanged. Idempotent.
 */
export function installDhGroupFallback(target: CryptoGroups): void {
  const current = target.createDiffieHellmanGroup as typeof target.createDiffieHellmanGroup & { [WRAPPED]?: true };
  if (current[WRAPPED]) return;
  const own = current.bind(target);
  const wrapped = Object.assign(
    (name: string) => {
      try {
        return own(name);
      } catch (err) {
        const prime = PUBLISHED_GROUPS[name];
        if (!prime) throw err;
        return target.createDiffieHellman(prime, 'hex', 2) as unknown as crypto.DiffieHellmanGroup;
      }
    },
    { [WRAPPED]: true as const },
  );
  target.createDiffieHellmanGroup = wrapped as typeof target.createDiffieHellmanGroup;
}

let loaded: Ssh2 | null = null;

/** ssh2, loaded on first use, after the group fix. */
export function ssh2(): Ssh2 {
  if (!loaded) {
    installDhGroupFallback(crypto);
    loaded = createRequire(import.meta.url)('ssh2') as Ssh2;
  }
  return loaded;
}
