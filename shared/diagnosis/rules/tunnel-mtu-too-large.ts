/** TUNNEL_MTU_TOO_LARGE (warning): `ip tunnel mtu` above what a 1500-byte line carries under a 40-byte IPv6 header. */
import type { DiagnosisContext } from '../context.js';
import { makeFinding } from '../finding.js';
import type { Rule } from '../rule.js';
import { RTX_COMMANDS } from '../rtx-facts.js';
import type { Finding } from '../types.js';
import { linuxTunnelMtuTooLarge, linuxTunnelMtuTooLargeNeeds } from './linux/tunnel-mtu-too-large.js';
import { configEvidence, configLine, lastLine, rtxPlan, rtxTunnel } from './common.js';

export const tunnelMtuTooLarge: Rule = {
  code: 'TUNNEL_MTU_TOO_LARGE',
  platforms: ['rtx', 'linux'],
  needs: { rtx: [RTX_COMMANDS.config], linux: linuxTunnelMtuTooLargeNeeds },
  run: (ctx) => (ctx.input.platform === 'rtx' ? rtxTunnelMtuTooLarge(ctx) : linuxTunnelMtuTooLarge(ctx)),
};

/** 1500 − 40 (IPv6 header); every service in the catalog says 1460. */
const FALLBACK_LIMIT = 1460;

export function rtxTunnelMtuTooLarge(ctx: DiagnosisContext): Finding[] {
  const t = rtxTunnel(ctx);
  const limit = ctx.service?.record?.mtu.value ?? FALLBACK_LIMIT;
  if (!t?.mtu || t.mtu.value <= limit) return [];
  const line = `ip tunnel mtu ${limit}`;
  return [
    makeFinding('TUNNEL_MTU_TOO_LARGE', {
      evidence: [configEvidence(ctx, t.mtu.lines)],
      detail: {
        ja: `トンネル${t.id}のMTUは ${t.mtu.value} ですが、IPv6ヘッダー40バイトを引いた ${limit} 以下にする必要があります。`,
        en: `Tunnel ${t.id}'s MTU is ${t.mtu.value}; it must be at most ${limit} (1500 minus the 40-byte IPv6 header).`,
      },
      fix: rtxPlan(
        [`tunnel select ${t.id}`, line],
        [`tunnel select ${t.id}`, configLine(ctx, lastLine(t.mtu))],
        { kind: 'output-contains', command: RTX_COMMANDS.config, text: line },
        { ja: `トンネル${t.id}のMTUを ${limit} にする`, en: `Set tunnel ${t.id}'s MTU to ${limit}` },
      ),
      data: { tunnel: t.id, mtu: t.mtu.value, limit },
    }),
  ];
}
