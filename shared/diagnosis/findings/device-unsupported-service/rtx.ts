/**
 * On an RTX: the device is known not to do the service. The support table is data (shared/rtx/models.ts): only a
 * feature the table says "no" for is reported, with its source. A model the table does not list is
 * DEVICE_MODEL_UNLISTED, never "cannot".
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { rtxModel } from '../../../rtx/models.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { FindingParts } from '../../parts.js';
import { linuxCeQuestion, neededFeatures, rtxDevice } from '../../rtx/features.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.environment, RTX_COMMANDS.config], detect: rtxDeviceUnsupportedService };

export function rtxDeviceUnsupportedService(ctx: DiagnosisContext): FindingParts[] {
  const d = rtxDevice(ctx);
  if (!d) return [];
  const row = rtxModel(d.model);
  if (!row) return [];
  const out: FindingParts[] = [];
  const needs = neededFeatures(ctx);
  for (const need of needs) {
    const f = row.features[need.feature];
    if (f?.support !== 'no') continue;
    out.push({
      evidence: [...d.evidence, ...need.evidence],
      detail: {
        ja: `${d.model} は ${need.feature} に対応していません（出典: ${f.sources.join('; ')}、確度: ${f.confidence}）。別の機種か Linux CE モードを使います。`,
        en: `${d.model} cannot do ${need.feature} (source: ${f.sources.join('; ')}; confidence: ${f.confidence}). Use another model or Linux CE mode.`,
      },
      checklist: [linuxCeQuestion(ctx, d.model, needs)],
      data: { model: d.model, feature: need.feature, listed: true },
    });
  }
  return out;
}
