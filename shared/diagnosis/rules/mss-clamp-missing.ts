/**
 * MSS_CLAMP_MISSING (warning): TCP MSS is not clamped for the tunnel, so large transfers stall (§6 #11).
 * Yamaha clamps with `ip tunnel tcp mss limit auto`; a clamp on the LAN interface also counts.
 */
import type { DiagnosisContext } from '../context.js';
import { makeFinding } from '../finding.js';
import type { Rule } from '../rule.js';
import { RTX_COMMANDS } from '../rtx-facts.js';
import type { Finding } from '../types.js';
import { linuxMssClampMissing, linuxMssClampMissingNeeds } from './linux/mss-clamp-missing.js';
import { configEvidence, rtxPlan, rtxTunnel, rtxWan } from './common.js';

export const mssClampMissing: Rule = {
  code: 'MSS_CLAMP_MISSING',
  platforms: ['rtx', 'linux'],
  needs: { rtx: [RTX_COMMANDS.config], linux: linuxMssClampMissingNeeds },
  run: (ctx) => (ctx.input.platform === 'rtx' ? rtxMssClampMissing(ctx) : linuxMssClampMissing(ctx)),
};

export function rtxMssClampMissing(ctx: DiagnosisContext): Finding[] {
  const cfg = ctx.rtx.config;
  const t = rtxTunnel(ctx);
  if (!cfg || !t || t.tcpMssLimit) return [];
  const wan = rtxWan(ctx);
  const lanClamp = Object.values(cfg.interfaces).some((i) => i.name !== wan && i.tcpMssLimit);
  if (lanClamp) return [];
  return [
    makeFinding('MSS_CLAMP_MISSING', {
      evidence: [configEvidence(ctx, [...t.selectLines, ...(t.mtu?.lines ?? [])])],
      detail: {
        ja: `トンネル${t.id}に ip tunnel tcp mss limit auto がありません。`,
        en: `Tunnel ${t.id} has no ip tunnel tcp mss limit auto.`,
      },
      fix: rtxPlan(
        [`tunnel select ${t.id}`, 'ip tunnel tcp mss limit auto'],
        [`tunnel select ${t.id}`, 'no ip tunnel tcp mss limit'],
        { kind: 'output-contains', command: RTX_COMMANDS.config, text: 'ip tunnel tcp mss limit auto' },
        { ja: `トンネル${t.id}でTCP MSSを自動調整する`, en: `Clamp TCP MSS on tunnel ${t.id}` },
      ),
      data: { tunnel: t.id },
    }),
  ];
}
