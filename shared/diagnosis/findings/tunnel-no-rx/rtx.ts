/**
 * On an RTX: IPv4 goes out of the tunnel and nothing comes back. IPIP and MAP-E have no
 * handshake, so "Online" proves nothing; Received (IPv4) 0 with Transmitted > 0 is the signature.
 * The engine attaches the causes found alongside (BR_ADDRESS_WRONG, filters …).
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import { TUNNEL_STATUS_READ } from '../../rtx/reads.js';
import type { FindingParts } from '../../parts.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [TUNNEL_STATUS_READ, RTX_COMMANDS.config], detect: rtxTunnelNoRx };

export function rtxTunnelNoRx(ctx: DiagnosisContext): FindingParts[] {
  const ids = new Set<number>();
  const main = ctx.rtx.tunnel;
  if (main) ids.add(main.id);
  for (const t of ctx.rtx.ipip?.tunnels ?? []) ids.add(t.id);
  const out: FindingParts[] = [];
  for (const id of ids) {
    const observed = ctx.rtx.tunnelStatus(id);
    const st = observed?.status;
    const rx = st?.received.ipv4;
    const tx = st?.transmitted.ipv4;
    if (!observed || !st || !rx || !tx || rx.packets !== 0 || tx.packets === 0) continue;
    const lines = [...(st.status?.lines ?? []), ...rx.lines, ...tx.lines, ...(st.remoteEndpoint?.lines ?? [])];
    const remote = st.remoteEndpoint?.value ?? ctx.line.br?.address ?? '?';
    const online = st.status?.online ?? false;
    const ce = ctx.line.ce?.value ?? ctx.line.prefix?.value ?? '?';
    out.push({
      evidence: [ctx.evidence(observed.command, lines)],
      detail: {
        ja: `TUNNEL[${id}] はIPv4を ${tx.packets} パケット送信し、受信は0です（宛先 ${remote}）。${online ? '「Online」表示はインターフェースが上がっているだけで、相手からの応答を意味しません。' : ''}`,
        en: `TUNNEL[${id}] sent ${tx.packets} IPv4 packets and received none (remote ${remote}).${online ? ' "Online" only means the interface is up, not that the other end answers.' : ''}`,
      },
      checklist: [
        {
          party: 'vne',
          item: {
            ja: `CE ${ce} からBR ${remote} へのIPv4 in IPv6 パケットはBRに届いていますか。BRは応答していますか。この回線の登録は有効ですか。`,
            en: `Do IPv4-in-IPv6 packets from CE ${ce} reach BR ${remote}, and does the BR answer? Is this line's registration active?`,
          },
        },
      ],
      data: { tunnel: id, txPackets: tx.packets, rxPackets: 0, remote },
    });
  }
  return out;
}
