import { makeFinding } from '../../finding.js';
import type { DiagnosisContext } from '../../context.js';
import type { Finding } from '../../types.js';
import { LINUX_COMMANDS, tunnelEvidence, tunnelsOf } from './common.js';

/** `ip -s -d link show` (or `ip -s link show <tunnel>`): the RX/TX counters are under the interface. */
export const linuxTunnelNoRxNeeds = [LINUX_COMMANDS.link] as const;

/**
 * The classic IPIP/MAP-E symptom: packets leave, nothing comes back. Reported with the causes found
 * alongside (the engine fills `causes`); on its own it has no fix, only the check that proves a fix worked.
 */
export function linuxTunnelNoRx(ctx: DiagnosisContext): Finding[] {
  const findings: Finding[] = [];
  for (const t of tunnelsOf(ctx)) {
    const st = t.stats;
    if (!st || st.rxPackets === null || st.txPackets === null) continue;
    if (st.rxPackets !== 0 || st.txPackets === 0) continue;
    findings.push(
      makeFinding('TUNNEL_NO_RX', {
        evidence: tunnelEvidence(ctx, t, (e) => /\blink\b/.test(e.command)),
        detail: {
          ja: `トンネル ${t.name} は ${st.txPackets} パケット送信していますが、受信は 0 です。`,
          en: `Tunnel ${t.name} has sent ${st.txPackets} packets and received none.`,
        },
        data: { tunnel: t.name, txPackets: st.txPackets, rxPackets: 0 },
      }),
    );
  }
  return findings;
}
