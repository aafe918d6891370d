/**
 * On an RTX: the DS-Lite AFTR name (`gw.transix.jp` …) does not resolve. Only said on evidence:
 * a ping6 to the name that failed to resolve, or a log line naming it with a resolution failure.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { Evidence, FindingParts } from '../../parts.js';
import { configEvidence, logEvidence, rtxPlan, tunnelRx } from '../../rtx/common.js';

/** The AFTR name the tunnel aims at (the config's, else the service's), lower-case; '' when there is none. */
function aftrName(ctx: DiagnosisContext): string {
  return (ctx.rtx.tunnel?.endpointName?.remote ?? ctx.line.br?.name ?? '').toLowerCase();
}

/**
 * What the RTX detector reads: the config, and the log lines that name the AFTR, newest first until one says it
 * did not resolve; only when the tunnel aims at a name.
 */
export const rtx: Detector = {
  needs: [
    RTX_COMMANDS.config,
    {
      command: RTX_COMMANDS.log,
      lines: ['{aftrName}'],
      newestFirst: true,
      enough: (lines) => lines.some((l) => UNRESOLVED.test(l)),
      when: (ctx) => ctx.rtx.config === undefined || aftrName(ctx) !== '',
    },
  ],
  detect: rtxAftrNameUnresolved,
};

/** Words RTX and resolvers use for "no such name" (English and Japanese consoles). */
const UNRESOLVED = /resolv|unknown host|host not found|not found|no address|名前解決|見つかりません|解決できません/i;

export function rtxAftrNameUnresolved(ctx: DiagnosisContext): FindingParts[] {
  const t = ctx.rtx.tunnel;
  const name = aftrName(ctx);
  if (!name) return [];
  const evidence: Evidence[] = [];
  for (const p of ctx.rtx.pings6) {
    if (p.target.toLowerCase() !== name) continue;
    const bad = p.result.errors.filter((e) => UNRESOLVED.test(e.text));
    if (bad.length > 0 && p.result.replies.length === 0) evidence.push(ctx.evidence(p.command, bad.flatMap((e) => e.lines)));
  }
  const logLines = (ctx.rtx.log?.entries ?? []).filter((e) => e.message.toLowerCase().includes(name) && UNRESOLVED.test(e.message));
  evidence.push(...logEvidence(ctx, logLines));
  if (evidence.length === 0) return [];

  // The RTX learns the line's IPv6 DNS servers by DHCPv6; without `dns server dhcp <wan>` it never asks them.
  const cfg = ctx.rtx.config;
  const wan = ctx.rtx.wan;
  const usesLineDns = cfg?.dns.servers.some((s) => /\bdhcp\b/.test(s.raw)) ?? true;
  if (t?.endpointName) evidence.push(configEvidence(ctx, t.endpointName.lines));
  return [
    {
      evidence,
      detail: {
        ja: `AFTR名 ${name} を名前解決できません。回線からIPv6のDNSサーバーを受け取れていないか、ルーターがそれを使っていません。${usesLineDns ? '' : `設定に dns server dhcp ${wan ?? 'lan2'} がありません。`}`,
        en: `The AFTR name ${name} does not resolve: the router has no IPv6 DNS server from the line, or does not use it.${usesLineDns ? '' : ` The config has no dns server dhcp ${wan ?? 'lan2'}.`}`,
      },
      ...(!usesLineDns && wan && t
        ? {
            fix: rtxPlan([`dns server dhcp ${wan}`], [`no dns server dhcp ${wan}`], tunnelRx(t.id), {
              ja: `回線のDNSサーバー（DHCPv6）を使う`,
              en: `Use the line's DNS servers (DHCPv6)`,
            }),
          }
        : {}),
      checklist: [
        {
          party: 'isp',
          item: {
            ja: `この回線はDHCPv6でIPv6のDNSサーバーを通知していますか。${name} はそのDNSで引けますか。`,
            en: `Does this line hand out IPv6 DNS servers by DHCPv6, and do they resolve ${name}?`,
          },
        },
      ],
      data: { name },
    },
  ];
}
