import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HostKeyInfo {
  host: string;
  port: number;
  keyType: string;
  /** OpenSSH style: `SHA256:` + unpadded base64 of the key blob's SHA-256. */
  fingerprint: string;
}

interface Entry {
  keyType: string;
  fingerprint: string;
  addedAt: string;
}

/** OpenSSH-compatible fingerprint of a raw SSH public key blob. */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type is the first length-prefixed string of the blob (e.g. `ssh-ed25519`). */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const len = keyBlob.readUInt32BE(0);
  return len > 0 && len < 64 && keyBlob.length >= 4 + len ? keyBlob.subarray(4, 4 + len).toString('latin1') : 'unknown';
}

export type HostKeyVerdict = { kind: 'known' } | { kind: 'unknown' } | { kind: 'changed'; previous: Entry };

/**
 * Trust on first use, stored in the app's data dir (`known_hosts.json`). A changed key is never
 * accepted silently: the caller must stop and explain.
 */
export class KnownHosts {
  constructor(private readonly file: string) {}

  static inDataDir(dir: string): KnownHosts {
    return new KnownHosts(join(dir, 'known_hosts.json'));
  }

  private read(): Record<string, Entry> {
    if (!existsSync(this.file)) return {};
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, Entry>;
    } catch {
      throw new Error(`the known hosts file ${this.file} is damaged; move it away to start afresh`);
    }
  }

  private static key(host: string, port: number): string {
    return `[${host.toLowerCase()}]:${port}`;
  }

  check(info: HostKeyInfo): HostKeyVerdict {
    const entry = this.read()[KnownHosts.key(info.host, info.port)];
    if (!entry) return { kind: 'unknown' };
    return entry.fingerprint === info.fingerprint && entry.keyType === info.keyType ? { kind: 'known' } : { kind: 'changed', previous: entry };
  }

  /** The fingerprint trusted for this host and port, or null. */
  fingerprint(host: string, port: number): string | null {
    return this.read()[KnownHosts.key(host, port)]?.fingerprint ?? null;
  }

  trust(info: HostKeyInfo): void {
    const all = this.read();
    all[KnownHosts.key(info.host, info.port)] = { keyType: info.keyType, fingerprint: info.fingerprint, addedAt: new Date().toISOString() };
    // Write-then-rename so a crash never leaves half a file.
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(all, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  forget(host: string, port: number): void {
    const all = this.read();
    delete all[KnownHosts.key(host, port)];
    writeFileSync(this.file, JSON.stringify(all, null, 2) + '\n', { mode: 0o600 });
  }
}
