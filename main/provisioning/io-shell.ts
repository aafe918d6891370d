/**
 * HB46PP I/O on the CE itself, over the app's shell to it: the provisioning server answers by the request's
 * source address, so the look-up must leave from the line. DNS through the same POSIX functions the datapath
 * scripts use (shared/linux/datapath/line-dns.ts), HTTP through curl.
 */
import { LINE_DNS_FUNCTIONS } from '../../shared/linux/datapath/line-dns.js';
import { shq } from '../../shared/linux/datapath/sh.js';
import type { DnsAnswer, HttpReply, ProvisioningIo } from './hb46pp-client.js';

/** Runs a command on the CE (as the login user: nothing here needs root). */
export type RunOnCe = (command: string, opts?: { timeoutMs?: number }) => Promise<{ output: string; exitCode: number }>;

const FUNCTIONS = LINE_DNS_FUNCTIONS.join('\n');
/** curl's exit codes for a certificate it could not verify, a timeout, and no connection. */
const CURL_CERT = new Set([35, 51, 58, 60, 77, 83, 90, 91]);
const MARK = '@@IPOE_HTTP@@';

/** Lines `answer …` / `nxdomain` / `nodata` / `fail …` of dns_query, as one answer. */
export function dnsQueryAnswer(output: string): DnsAnswer {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const values = lines.filter((l) => l.startsWith('answer ')).map((l) => l.slice(7));
  if (values.length) return { kind: 'answers', values };
  if (lines.includes('nxdomain')) return { kind: 'nxdomain' };
  if (lines.includes('nodata')) return { kind: 'nodata' };
  return { kind: 'fail', why: lines.find((l) => l.startsWith('fail '))?.slice(5) ?? (lines.join(' ') || 'no answer') };
}

export function shellProvisioningIo(run: RunOnCe, wan: string, knownDns: readonly string[] = []): ProvisioningIo {
  return {
    async lineDns() {
      const r = await run(`${FUNCTIONS}\nLINE_DNS_KNOWN=${shq(knownDns.join(' '))} line_dns ${shq(wan)}`);
      return r.output.split('\n').map((l) => l.trim()).filter((l) => l.includes(':'));
    },
    async txt(name, server) {
      const r = await run(`${FUNCTIONS}\ndns_query TXT ${shq(name)} ${shq(server)}`, { timeoutMs: 30_000 });
      return dnsQueryAnswer(r.output);
    },
    async get(url, opts): Promise<HttpReply> {
      const secs = Math.max(1, Math.round(opts.timeoutMs / 1000));
      const r = await run(
        // No `exit`: this runs in the session's own shell.
        `if command -v curl >/dev/null 2>&1; then ` +
          `curl -q -6 -sS -m ${secs} ${opts.verifyCertificate ? '' : '-k '}-w ${shq(`\n${MARK} %{http_code} %{redirect_url}\n`)} ${shq(url)} 2>&1; echo "${MARK} exit $?"; ` +
          `else echo "${MARK} nocurl"; fi`,
        { timeoutMs: opts.timeoutMs + 15_000 },
      );
      const out = r.output;
      if (out.includes(`${MARK} nocurl`)) return { kind: 'unreachable', why: 'curl is not installed on the CE (apt-get install curl)' };
      const exit = Number(/@@IPOE_HTTP@@ exit (\d+)/.exec(out)?.[1] ?? '1');
      const statusLine = /\n?@@IPOE_HTTP@@ (\d{3}) ?(\S*)\n/.exec(out);
      if (exit !== 0 || !statusLine) {
        const why = out.split('\n').find((l) => l.startsWith('curl:'))?.replace(/^curl: \(\d+\) /, '') ?? `curl exit ${exit}`;
        if (exit === 28) return { kind: 'timeout' };
        if (CURL_CERT.has(exit)) return { kind: 'certificate', why };
        return { kind: 'unreachable', why };
      }
      const body = out.slice(0, statusLine.index);
      return { kind: 'reply', status: Number(statusLine[1]), location: statusLine[2] || null, body };
    },
  };
}
