import type { Detector } from '../../definition.js';
import { normaliseCommand } from '../../../linux/commands.js';
import { cleanLines } from '../../../linux/text.js';
import { SERVICES } from '../../../services/index.js';
import type { DiagnosisContext } from '../../context.js';
import type { Evidence, FindingParts } from '../../parts.js';

/** `ping -6 gw.transix.jp`, `dig AAAA gw.transix.jp`, `host -t AAAA …`, `nslookup …`, `getent ahosts …`. */
export const linux: Detector = { needs: [], detect: linuxAftrNameUnresolved };

const AFTR_NAMES = SERVICES.filter((s) => s.encapsulation.value === 'ds-lite').flatMap((s) => s.endpoints.value.flatMap((e) => (e.name ? [e.name.toLowerCase()] : [])));
const RESOLVERS = new Set(['dig', 'host', 'nslookup', 'getent', 'resolvectl', 'drill']);
/** What resolvers print when a name has no address (glibc, dig status, host, nslookup, timeouts). */
const FAILED = /name or service not known|unknown host|temporary failure in name resolution|nxdomain|servfail|not found|no servers could be reached|timed out|can't find|ANSWER: 0,/i;

/**
 * DS-Lite: the AFTR name does not resolve. ip6tnl itself takes only addresses, so on Linux this bites the
 * scripts that look the AFTR up; said only when a lookup or ping of a known AFTR name visibly failed.
 */
export function linuxAftrNameUnresolved(ctx: DiagnosisContext): FindingParts[] {
  const evidence: Evidence[] = [];
  let name: string | null = null;
  for (const p of ctx.linux.pings) {
    if (!AFTR_NAMES.includes(p.target.toLowerCase()) || p.received > 0 || !p.error || !FAILED.test(p.error)) continue;
    name ??= p.target.toLowerCase();
    evidence.push(p.evidence);
  }
  for (const o of ctx.input.outputs) {
    if (o.status !== 'ok') continue;
    const w = normaliseCommand(o.command).map((x) => x.toLowerCase());
    if (!RESOLVERS.has(w[0] ?? '')) continue;
    const target = w.find((x) => AFTR_NAMES.includes(x.replace(/\.$/, '')));
    if (!target) continue;
    const bad = cleanLines(o.output).filter((l) => FAILED.test(l.text));
    // `dig` prints an ANSWER section when it worked; any address line means the name resolved.
    if (bad.length === 0 || /\bAAAA\s+[0-9a-f:]+/i.test(o.output) || /has IPv6 address/i.test(o.output)) continue;
    name ??= target.replace(/\.$/, '');
    evidence.push(ctx.evidence(o.command, bad.map((l) => l.line)));
  }
  if (!name || evidence.length === 0) return [];
  const addresses = SERVICES.filter((s) => s.endpoints.value.some((e) => e.name?.toLowerCase() === name)).flatMap((s) => s.endpoints.value.flatMap((e) => (e.address ? [e.address] : [])));
  return [
    {
      evidence,
      detail: {
        ja: `${name} を名前解決できませんでした。回線のIPv6 DNS（DHCPv6 または RA の RDNSS）を受け取れているか確認してください。${addresses.length ? `公開情報のAFTRアドレス: ${addresses.join(', ')}。` : ''}`,
        en: `${name} did not resolve. Check that the line's IPv6 DNS servers (DHCPv6 or RA RDNSS) are in use.${addresses.length ? ` Published AFTR addresses: ${addresses.join(', ')}.` : ''}`,
      },
      checklist: [
        {
          party: 'isp',
          item: { ja: `${name} を解決できるIPv6 DNSサーバーのアドレスを教えてください。`, en: `Which IPv6 DNS servers resolve ${name} on this line?` },
        },
      ],
      data: { name },
    },
  ];
}
