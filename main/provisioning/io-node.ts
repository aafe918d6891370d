/**
 * HB46PP I/O from the computer the app runs on (Node's own DNS resolver and HTTP client), for checks from this
 * computer (issue 18's line check) and the tests: the DNS servers are the line's, given by the caller, never the
 * system's resolver; requests go over IPv6 only, as the spec requires.
 */
import { Resolver } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { DnsAnswer, HttpReply, ProvisioningIo } from './hb46pp-client.js';

export interface NodeIoOptions {
  /** The line's DNS servers (`[addr]:port` allowed, for tests). */
  dnsServers: readonly string[];
  /** Extra CA certificates (PEM) to trust for t=b besides Node's own. */
  ca?: string | Buffer;
  dnsTimeoutMs?: number;
}

const CERT_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME|ALTNAME/;

export function nodeProvisioningIo(o: NodeIoOptions): ProvisioningIo {
  return {
    lineDns: async () => [...o.dnsServers],
    async txt(name, server): Promise<DnsAnswer> {
      const r = new Resolver({ timeout: o.dnsTimeoutMs ?? 3000, tries: 2 });
      r.setServers([server]);
      try {
        const records = await r.resolveTxt(name);
        return records.length ? { kind: 'answers', values: records.map((chunks) => `"${chunks.join('')}"`) } : { kind: 'nodata' };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOTFOUND') return { kind: 'nxdomain' };
        if (code === 'ENODATA') return { kind: 'nodata' };
        return { kind: 'fail', why: code ?? String(err) };
      }
    },
    get(url, opts): Promise<HttpReply> {
      return new Promise((resolve) => {
        const u = new URL(url);
        const lib = u.protocol === 'https:' ? https : http;
        const req = lib.get(url, { family: 6, timeout: opts.timeoutMs, rejectUnauthorized: opts.verifyCertificate, ...(o.ca ? { ca: o.ca } : {}) }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ kind: 'reply', status: res.statusCode ?? 0, location: typeof res.headers.location === 'string' ? res.headers.location : null, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (e) => resolve({ kind: 'unreachable', why: e.message }));
        });
        req.on('timeout', () => {
          req.destroy();
          resolve({ kind: 'timeout' });
        });
        req.on('error', (e: NodeJS.ErrnoException) => {
          if (CERT_ERRORS.test(e.code ?? '') || CERT_ERRORS.test(e.message)) resolve({ kind: 'certificate', why: e.code ?? e.message });
          else resolve({ kind: 'unreachable', why: e.code ?? e.message });
        });
      });
    },
  };
}
