/**
 * On an RTX: the model is not in the support table (shared/rtx/models.ts), so nothing is known about whether it can
 * run the service. Only pointed out, with the vendor question and the Linux CE fallback: "not listed" is not "cannot".
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { rtxModel } from '../../../rtx/models.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { FindingParts } from '../../parts.js';
import { linuxCeQuestion, neededFeatures, rtxDevice } from '../../rtx/features.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.environment, RTX_COMMANDS.config], detect: rtxDeviceModelUnlisted };

export function rtxDeviceModelUnlisted(ctx: DiagnosisContext): FindingParts[] {
  const d = rtxDevice(ctx);
  if (!d || rtxModel(d.model)) return [];
  const needs = neededFeatures(ctx);
  if (needs.length === 0) return [];
  const service = ctx.line.service;
  const svc = service ? { ja: service.nameJa, en: service.name } : { ja: 'このサービス', en: 'this service' };
  return [
    {
      evidence: [...d.evidence, ...needs.flatMap((n) => n.evidence)],
      detail: {
        ja: `${d.model} は対応表にない機種です。${svc.ja}（${needs.map((n) => n.feature).join(', ')}）に対応しているかは、メーカーの資料で確認してください。`,
        en: `${d.model} is not in the support table. Check the vendor's documentation for ${svc.en} (${needs.map((n) => n.feature).join(', ')}).`,
      },
      checklist: [linuxCeQuestion(ctx, d.model, needs)],
      data: { model: d.model, listed: false },
    },
  ];
}
