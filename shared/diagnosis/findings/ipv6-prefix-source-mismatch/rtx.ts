/**
 * On an RTX: the config takes its prefix from DHCPv6-PD (`dhcp-prefix@lan2`) on a line
 * that gives RA only (1G without Hikari Denwa, or behind an HGW), or from RA (`ra-prefix@lan2`) on a
 * line that delegates by PD (10G, Cross, directly behind a Hikari Denwa HGW). ipoe-domain.md §1.4b, §6 #8.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { FindingParts } from '../../parts.js';
import { configEvidence, configLine, rtxPlan, underlayCheck } from '../../rtx/common.js';
import { prefixPicture } from '../../rtx/prefix-picture.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config, RTX_COMMANDS.dhcp6, RTX_COMMANDS.ipv6Address, RTX_COMMANDS.ipv6Route], detect: rtxIpv6PrefixSourceMismatch };

export function rtxIpv6PrefixSourceMismatch(ctx: DiagnosisContext): FindingParts[] {
  const cfg = ctx.rtx.config;
  const p = prefixPicture(ctx);
  if (!cfg || !p.wan || !p.configSource || !p.pd) return [];
  const wan = p.wan;
  const from = p.configSource;
  let to: 'ra-prefix' | 'dhcp-prefix';
  if (from === 'dhcp-prefix' && p.pd.prefix === null && p.ra) to = 'ra-prefix';
  else if (from === 'ra-prefix' && p.pd.prefix !== null && !p.ra && p.anyGlobal === false) to = 'dhcp-prefix';
  else return [];

  // Every line that names `from@wan` moves to `to@wan`; the DHCPv6 client switches between PD and ir=on.
  const commands: string[] = [];
  const inverse: string[] = [];
  const lines: number[] = [];
  const rewrite = (line: number | undefined): void => {
    const old = configLine(ctx, line);
    if (line === undefined || !old.includes(`${from}@${wan}`)) return;
    lines.push(line);
    commands.push(old.split(`${from}@${wan}`).join(`${to}@${wan}`));
    inverse.push(old);
  };
  for (const d of p.defs) rewrite(d.lines[d.lines.length - 1]);
  for (const i of Object.values(cfg.interfaces)) for (const a of i.ipv6Addresses) rewrite(a.lines[a.lines.length - 1]);
  const client = cfg.interfaces[wan]?.dhcp6Service;
  if (client?.role === 'client') {
    const old = configLine(ctx, client.lines[client.lines.length - 1]);
    const wanted = to === 'ra-prefix' ? `ipv6 ${wan} dhcp service client ir=on` : `ipv6 ${wan} dhcp service client`;
    if (old !== wanted) {
      lines.push(...client.lines);
      commands.push(wanted);
      inverse.push(old);
    }
  }
  const evidence = [configEvidence(ctx, lines)];
  if (p.pd.clientLines.length > 0 || p.pd.lines.length > 0) evidence.push(ctx.evidence(RTX_COMMANDS.dhcp6, [...p.pd.clientLines, ...p.pd.lines]));
  if (p.ra) evidence.push(p.ra);
  if (p.noGlobalEvidence) evidence.push(p.noGlobalEvidence);
  const W = wan.toUpperCase();
  const detail =
    to === 'ra-prefix'
      ? {
          ja: `設定は ${from}@${wan}（DHCPv6-PD）でプレフィックスを取りますが、${W} にPDの割り当てはなく、回線はRAでプレフィックスを出しています（1Gでひかり電話なし、またはHGW配下）。ra-prefix@${wan} に変えます。`,
          en: `The config takes its prefix by DHCPv6-PD (${from}@${wan}), but ${W} has no PD lease and the line announces its prefix by RA (1G without Hikari Denwa, or behind an HGW). Switch to ra-prefix@${wan}.`,
        }
      : {
          ja: `設定は ra-prefix@${wan}（RA）でプレフィックスを取りますが、回線はDHCPv6-PDで ${p.pd.prefix} を割り当てており、RAのプレフィックスはありません（10G・クロス、ひかり電話HGW直下）。dhcp-prefix@${wan} に変えます。`,
          en: `The config takes its prefix from RA (ra-prefix@${wan}), but the line delegates ${p.pd.prefix} by DHCPv6-PD and announces no RA prefix (10G, Cross, or directly behind a Hikari Denwa HGW). Switch to dhcp-prefix@${wan}.`,
        };
  return [
    {
      evidence,
      detail,
      ...(commands.length > 0
        ? {
            fix: rtxPlan(commands, [...inverse].reverse(), underlayCheck(ctx, ctx.line.br?.address), {
              ja: `プレフィックスの取得方法を ${to}@${wan} に変える`,
              en: `Take the prefix with ${to}@${wan}`,
            }),
          }
        : {}),
      data: { configured: from, line: to },
    },
  ];
}
