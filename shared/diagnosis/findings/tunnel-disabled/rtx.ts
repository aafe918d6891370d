/** On an RTX: the IPv4 tunnel is configured but not enabled (no `tunnel enable N`), or reported down. */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import { TUNNEL_STATUS_READ } from '../../rtx/reads.js';
import type { Evidence, FindingParts } from '../../parts.js';
import { configEvidence, configLine, lastLine, restoreOr, rtxPlan, tunnelRx } from '../../rtx/common.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config, TUNNEL_STATUS_READ], detect: rtxTunnelDisabled };

export function rtxTunnelDisabled(ctx: DiagnosisContext): FindingParts[] {
  const t = ctx.rtx.tunnel;
  if (!t) return [];
  const observed = ctx.rtx.tunnelStatus(t.id);
  const status = observed?.status.status;
  const enabled = t.enabled?.value === true;
  const down = status !== null && status !== undefined && !status.online;
  if (enabled && !down) return [];
  const evidence: Evidence[] = [configEvidence(ctx, [...t.selectLines.slice(0, 1), ...(t.enabled?.lines ?? [])])];
  if (observed && status) evidence.push(ctx.evidence(observed.command, status.lines));
  if (!enabled) {
    const old = configLine(ctx, lastLine(t.enabled));
    return [
      {
        evidence,
        detail: {
          ja: `トンネル${t.id}は設定されていますが、tunnel enable ${t.id} がありません${t.enabled ? '（無効化されています）' : ''}。`,
          en: `Tunnel ${t.id} is configured but tunnel enable ${t.id} is missing${t.enabled ? ' (it is disabled)' : ''}.`,
        },
        fix: rtxPlan([`tunnel enable ${t.id}`], [restoreOr(old, `tunnel disable ${t.id}`)], tunnelRx(t.id), {
          ja: `トンネル${t.id}を有効にする`,
          en: `Enable tunnel ${t.id}`,
        }),
        data: { tunnel: t.id, configured: false },
      },
    ];
  }
  // Enabled in the config but down: something below the tunnel (usually the IPv6 prefix) is missing.
  return [
    {
      evidence,
      detail: {
        ja: `トンネル${t.id}は有効化されていますが、ルーターは「${status?.text ?? ''}」と表示しています。多くはIPv6側（プレフィックス・CEアドレス）が揃っていないためです。`,
        en: `Tunnel ${t.id} is enabled, but the router reports "${status?.text ?? ''}". Usually the IPv6 side (prefix, CE address) is not in place.`,
      },
      checklist: [
        {
          party: 'vendor',
          item: { ja: `tunnel enable ${t.id} 済みのトンネルが ${status?.text ?? ''} のままです。上がらない理由を確認する方法を教えてください。`, en: `Tunnel ${t.id} is enabled but stays ${status?.text ?? ''}. How do we find out why it does not come up?` },
        },
      ],
      data: { tunnel: t.id, configured: true, status: status?.text ?? null },
    },
  ];
}
