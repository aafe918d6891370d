/**
 * On an RTX: no masquerade on the IPv4 tunnel. MAP-E and fixed IP translate on the CE; DS-Lite
 * does not need it (the AFTR does NAPT), so DS-Lite is never reported.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { FindingParts, FixPlan } from '../../parts.js';
import { configEvidence, rtxPlan, tunnelRx } from '../../rtx/common.js';
import { tunnelNat } from '../../rtx/nat.js';
import { TUNNEL_NAT_READ } from '../../rtx/reads.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config, TUNNEL_NAT_READ], detect: rtxNatDescriptorMissing };

export function rtxNatDescriptorMissing(ctx: DiagnosisContext): FindingParts[] {
  const n = tunnelNat(ctx);
  const cfg = ctx.rtx.config;
  if (!n || !cfg) return [];
  const t = n.tunnel;
  const enc = ctx.line.encapsulation ?? (t.encapsulation?.value === 'map-e' ? 'map-e' : null);
  if (enc !== 'map-e' && enc !== 'ipip') return [];
  const type = n.descriptor?.type?.value;
  if (n.descriptor && type && type !== 'none') return [];
  // Fixed IP needs the contracted address as outer; without it we cannot write the command.
  const outer = enc === 'map-e' ? 'map-e' : ctx.line.fixedIpv4?.value ?? null;
  const used = new Set(Object.keys(cfg.natDescriptors).map(Number));
  let id = n.descriptor?.id ?? (enc === 'map-e' ? 1000 : 1);
  while (!n.descriptor && used.has(id)) id++;
  const lines = [...t.selectLines.slice(0, 1), ...(t.natDescriptors?.lines ?? []), ...(n.descriptor?.type?.lines ?? [])];
  let fix: FixPlan | undefined;
  if (outer) {
    const commands = [`nat descriptor type ${id} masquerade`, `nat descriptor address outer ${id} ${outer}`, `tunnel select ${t.id}`, `ip tunnel nat descriptor ${id}`];
    const inverse = [`tunnel select ${t.id}`, 'no ip tunnel nat descriptor', `no nat descriptor address outer ${id}`, `no nat descriptor type ${id}`];
    fix = rtxPlan(commands, inverse, tunnelRx(t.id), { ja: `トンネル${t.id}にIPマスカレード（外側 ${outer}）を付ける`, en: `Masquerade tunnel ${t.id} to ${outer}` });
  }
  return [
    {
      evidence: [configEvidence(ctx, lines)],
      detail: n.descriptor
        ? { ja: `トンネル${t.id}のNATディスクリプター ${n.descriptor.id} は type ${type ?? '（未設定）'} です。`, en: `Tunnel ${t.id}'s NAT descriptor ${n.descriptor.id} has type ${type ?? '(not set)'}.` }
        : { ja: `トンネル${t.id}に ip tunnel nat descriptor がありません。LANのプライベートアドレスのまま送信されます。`, en: `Tunnel ${t.id} has no ip tunnel nat descriptor: LAN private addresses go out untranslated.` },
      ...(fix ? { fix } : {}),
      data: { tunnel: t.id, outer },
    },
  ];
}
