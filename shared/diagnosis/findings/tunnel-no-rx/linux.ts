import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { LINUX_COMMANDS, tunnelEvidence, tunnelsOf } from '../../linux/common.js';

/** `ip -s -d link show` (or `ip -s link show <tunnel>`): the RX/TX counters are under the interface. */
export const linux: Detector = { needs: [LINUX_COMMANDS.link], detect: linuxTunnelNoRx };

/**
 * The classic IPIP/MAP-E symptom: packets leave, nothing comes back. Reported with the causes found
 * alongside (the engine fills `causes`); on its own it has no fix, only the check that proves a fix worked.
 */
export function linuxTunnelNoRx(ctx: DiagnosisContext): FindingParts[] {
  const findings: FindingParts[] = [];
  for (const t of tunnelsOf(ctx)) {
    const st = t.stats;
    if (!st || st.rxPackets === null || st.txPackets === null) continue;
    if (st.rxPackets !== 0 || st.txPackets === 0) continue;
    findings.push({
      evidence: tunnelEvidence(ctx, t, (e) => /\blink\b/.test(e.command)),
      detail: {
        ja: `トンネル ${t.name} は ${st.txPackets} パケット送信していますが、受信は 0 です。`,
        en: `Tunnel ${t.name} has sent ${st.txPackets} packets and received none.`,
      },
      data: { tunnel: t.name, txPackets: st.txPackets, rxPackets: 0 },
    });
  }
  return findings;
}
