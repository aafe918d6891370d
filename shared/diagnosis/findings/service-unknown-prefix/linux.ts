import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { LINUX_COMMANDS } from '../../linux/common.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.addr6], detect: linuxServiceUnknownPrefix };

/**
 * The line's IPv6 prefix is in no known MAP-E rule and the tunnel does not point at a known AFTR/BR, and the
 * user gave no contract notice: nothing can be computed (info, not an error: the line may be a new rule).
 */
export function linuxServiceUnknownPrefix(ctx: DiagnosisContext): FindingParts[] {
  const { service, prefix: p } = ctx.line;
  if (service || !p) return [];
  return [
    {
      evidence: p.evidence,
      detail: {
        ja: `${p.value} は既知のMAP-Eルールにも、既知のDS-Lite/固定IPの接続先にも一致しません。契約通知のBRやサービス名を入力すると診断を続けられます。`,
        en: `${p.value} matches no known MAP-E rule, and the tunnel points at no known AFTR/BR. Entering the service or BR from the contract notice lets the diagnosis continue.`,
      },
      data: { prefix: p.value, origin: p.origin },
    },
  ];
}
