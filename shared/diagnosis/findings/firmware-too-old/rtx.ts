/**
 * On an RTX: the router's firmware predates the feature the service needs. The minimum revisions
 * are data (shared/rtx/models.ts, each with its source); without a minimum the rule says nothing.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { compareRevision, featureSupport } from '../../../rtx/models.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { FindingParts } from '../../parts.js';
import { neededFeatures, rtxDevice } from '../../rtx/features.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.environment, RTX_COMMANDS.config], detect: rtxFirmwareTooOld };

export function rtxFirmwareTooOld(ctx: DiagnosisContext): FindingParts[] {
  const d = rtxDevice(ctx);
  if (!d) return [];
  const out: FindingParts[] = [];
  for (const need of neededFeatures(ctx)) {
    const min = featureSupport(d.model, need.feature);
    if (!min || min.support !== 'yes' || min.minimum === null || compareRevision(d.firmware, min.minimum) >= 0) continue;
    out.push({
      evidence: [...d.evidence, ...need.evidence],
      detail: {
        ja: `${d.model} Rev.${d.firmware} は ${need.feature} に対応する前のファームウェアです。Rev.${min.minimum} 以降が必要です（出典: ${min.sources.join('; ')}）。`,
        en: `${d.model} Rev.${d.firmware} predates ${need.feature} support; Rev.${min.minimum} or later is needed (source: ${min.sources.join('; ')}).${min.note ? ` ${min.note}` : ''}`,
      },
      checklist: [
        {
          party: 'vendor',
          item: {
            ja: `${d.model} で ${need.feature} を使える最新のファームウェアはどれですか（現在 Rev.${d.firmware}）。`,
            en: `Which current ${d.model} firmware supports ${need.feature}? (now Rev.${d.firmware})`,
          },
        },
      ],
      data: { model: d.model, firmware: d.firmware, feature: need.feature, minimum: min.minimum, confidence: min.confidence },
    });
  }
  return out;
}
