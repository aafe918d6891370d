import { makeFinding } from '../../finding.js';
import type { DiagnosisContext } from '../../context.js';
import type { Finding } from '../../types.js';
import { ev, LINUX_COMMANDS } from './common.js';
import { linuxService } from './expected.js';

export const linuxServiceUnknownPrefixNeeds = [LINUX_COMMANDS.addr6] as const;

/**
 * The line's IPv6 prefix is in no known MAP-E rule and the tunnel does not point at a known AFTR/BR, and the
 * user gave no contract notice: nothing can be computed (info, not an error: the line may be a new rule).
 */
export function linuxServiceUnknownPrefix(ctx: DiagnosisContext): Finding[] {
  const s = linuxService(ctx);
  if (s.serviceId !== null || !s.prefix) return [];
  const p = s.prefix;
  return [
    makeFinding('SERVICE_UNKNOWN_PREFIX', {
      evidence: ev(ctx, p.evidence),
      detail: {
        ja: `${p.address} は既知のMAP-Eルールにも、既知のDS-Lite/固定IPの接続先にも一致しません。契約通知のBRやサービス名を入力すると診断を続けられます。`,
        en: `${p.address} matches no known MAP-E rule, and the tunnel points at no known AFTR/BR. Entering the service or BR from the contract notice lets the diagnosis continue.`,
      },
      data: { prefix: p.address, origin: p.origin },
    }),
  ];
}
