/**
 * On an RTX: IPv4 goes out of the tunnel and nothing comes back. IPIP and MAP-E have no
 * handshake, so "Online" proves nothing; Received (IPv4) 0 with Transmitted > 0 is the signature.
 * The engine attaches the causes found alongside (BR_ADDRESS_WRONG, filters …).
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import { TUNNEL_STATUS_READ } from '../../rtx/reads.js';
import type { FindingParts, Text } from '../../parts.js';
import { normalizeIpv6 } from '../../address.js';
import { isPlaceholder } from '../../redacted.js';

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
    // The address the tunnel really aimed at: the status's (an earlier block when the latest is redacted), else the
    // config's when it is this tunnel's. Never the expected BR: that is what the tunnel should have used.
    const configured = main?.id === id ? normalizeIpv6(main.endpointAddress?.remote) : null;
    const remote = observed.remote?.value ?? configured;
    const hidden = remote === null && (observed.remoteRedacted || isPlaceholder(main?.id === id ? main.endpointAddress?.remote : null));
    const online = st.status?.online ?? false;
    const ce = ctx.line.ce?.value ?? ctx.line.prefix?.value ?? null;
    const evidence = [ctx.evidence(observed.command, lines)];
    if (observed.remote?.earlier) evidence.push(observed.remote.evidence);
    const to: Text = remote ? { ja: `（宛先 ${remote}）`, en: ` (remote ${remote})` } : hidden ? { ja: '（宛先は貼り付けで伏せ字）', en: ' (the remote is hidden in the paste)' } : { ja: '', en: '' };
    const from: Text = ce ? { ja: `CE ${ce} から`, en: ` from CE ${ce}` } : { ja: 'この回線のCEから', en: " from this line's CE" };
    const br: Text = remote ? { ja: `BR ${remote}`, en: `BR ${remote}` } : { ja: 'BR', en: 'the BR' };
    out.push({
      evidence,
      detail: {
        ja: `TUNNEL[${id}] はIPv4を ${tx.packets} パケット送信し、受信は0です${to.ja}。${online ? '「Online」表示はインターフェースが上がっているだけで、相手からの応答を意味しません。' : ''}`,
        en: `TUNNEL[${id}] sent ${tx.packets} IPv4 packets and received none${to.en}.${online ? ' "Online" only means the interface is up, not that the other end answers.' : ''}`,
      },
      checklist: [
        {
          party: 'vne',
          item: {
            ja: `${from.ja}${br.ja} へのIPv4 in IPv6 パケットはBRに届いていますか。BRは応答していますか。この回線の登録は有効ですか。`,
            en: `Do IPv4-in-IPv6 packets${from.en} reach ${br.en}, and does the BR answer? Is this line's registration active?`,
          },
        },
      ],
      data: { tunnel: id, txPackets: tx.packets, rxPackets: 0, remote: remote ?? (hidden ? 'redacted' : '?') },
    });
  }
  return out;
}
