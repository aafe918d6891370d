/**
 * Which SSH algorithms the app uses by default, which it uses only when the user agrees (older RTX firmware offers
 * only these: RTX810's sshd offers diffie-hellman-group1-sha1 and ssh-rsa alone, RTX1210's cannot do rsa-sha2-*;
 * ../shared/reference/peer-tools.md), and what a server's offer needs.
 */
import { createRequire } from 'node:module';
import type { SshOffer } from './ssh-probe.js';
import { ssh2 } from './ssh2-library.js';

type Category = 'kex' | 'hostKey' | 'cipher' | 'mac';
export const CATEGORIES: readonly Category[] = ['kex', 'hostKey', 'cipher', 'mac'];
export type AlgorithmLists = Record<Category, string[]>;

/** SHA-1 key exchange and signatures, CBC ciphers: supported by ssh2 but weak, so never used without asking. */
export const LEGACY: AlgorithmLists = {
  kex: ['diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1', 'diffie-hellman-group1-sha1'],
  hostKey: ['ssh-rsa', 'ssh-dss'],
  cipher: ['aes128-cbc', 'aes192-cbc', 'aes256-cbc', '3des-cbc'],
  mac: ['hmac-md5', 'hmac-sha1-96'],
};

/**
 * ssh2's defaults without `ssh-rsa` (SHA-1 signatures, off by default in OpenSSH since 8.8): what the app offers
 * first. Read from ssh2 itself (its defaults depend on the platform's ciphers and CPU).
 */
export function modernAlgorithms(): AlgorithmLists {
  ssh2(); // loads ssh2 the one way (its group fix first), then its constants
  const c = createRequire(import.meta.url)('ssh2/lib/protocol/constants.js') as {
    DEFAULT_KEX: string[];
    DEFAULT_SERVER_HOST_KEY: string[];
    DEFAULT_CIPHER: string[];
    DEFAULT_MAC: string[];
  };
  const modern = (list: string[], category: Category) => list.filter((a) => !LEGACY[category].includes(a));
  return {
    kex: modern(c.DEFAULT_KEX, 'kex'),
    hostKey: modern(c.DEFAULT_SERVER_HOST_KEY, 'hostKey'),
    cipher: modern(c.DEFAULT_CIPHER, 'cipher'),
    mac: modern(c.DEFAULT_MAC, 'mac'),
  };
}

export interface OfferVerdict {
  /** Per category, the server's legacy algorithms the app would have to allow (empty: a modern one matches). */
  needed: AlgorithmLists;
  /** Categories where nothing matches even with the legacy ones: no connection is possible at all. */
  impossible: Category[];
}

/** What connecting to a server with this offer takes. */
export function judgeOffer(offer: SshOffer, modern: AlgorithmLists = modernAlgorithms()): OfferVerdict {
  const needed: AlgorithmLists = { kex: [], hostKey: [], cipher: [], mac: [] };
  const impossible: Category[] = [];
  for (const category of CATEGORIES) {
    const offered = offer[category];
    // An AEAD cipher (…-gcm@openssh.com, chacha20-poly1305) brings its own integrity: no MAC is negotiated.
    if (category === 'mac' && offer.cipher.some((c) => modern.cipher.includes(c) && /gcm|poly1305/.test(c))) continue;
    if (offered.some((a) => modern[category].includes(a))) continue;
    const legacy = offered.filter((a) => LEGACY[category].includes(a));
    if (legacy.length) needed[category] = legacy;
    else impossible.push(category);
  }
  return { needed, impossible };
}

export function needsLegacy(v: OfferVerdict): boolean {
  return CATEGORIES.some((c) => v.needed[c].length > 0);
}
