/**
 * On an RTX: the device cannot do the service at all. The support table is data
 * (data/rtx-models.ts). A model the table says "no" for is an error; a model the table does not know is
 * only pointed out (a Yamaha model: info; anything else: warning), with the vendor question and the
 * Linux CE fallback, because "not listed" is not "cannot".
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { modelRow } from '../../data/rtx-models.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { ChecklistEntry, FindingParts } from '../../parts.js';
import { neededFeatures, rtxDevice } from '../../rtx/features.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.environment, RTX_COMMANDS.config], detect: rtxDeviceUnsupportedService };

const YAMAHA = /^(RTX|NVR|FWX|RT)\d/i;

export function rtxDeviceUnsupportedService(ctx: DiagnosisContext): FindingParts[] {
  const d = rtxDevice(ctx);
  if (!d) return [];
  const needs = neededFeatures(ctx);
  if (needs.length === 0) return [];
  const row = modelRow(d.model);
  const service = ctx.line.service;
  const svc = service ? { ja: service.nameJa, en: service.name } : { ja: 'このサービス', en: 'this service' };
  const linuxCe: ChecklistEntry = {
    party: 'vendor',
    item: {
      ja: `${d.model} で ${svc.ja}（${needs.map((n) => n.feature).join(', ')}）を使えますか。使えない場合、対応機種か、Linux をCEにするモード（IPoE Doctor の Linux CE モード）を使います。`,
      en: `Can the ${d.model} run ${svc.en} (${needs.map((n) => n.feature).join(', ')})? If not, use a listed model or turn a Linux host into the CE (IPoE Doctor's Linux CE mode).`,
    },
  };
  if (!row) {
    return [
      {
        severity: YAMAHA.test(d.model) ? 'info' : 'warning',
        evidence: [...d.evidence, ...needs.flatMap((n) => n.evidence)],
        detail: {
          ja: `${d.model} は対応表にない機種のため、${svc.ja} に対応しているか確認できません。メーカーの動作確認済み一覧を確認してください。`,
          en: `${d.model} is not in the support table, so whether it can run ${svc.en} is unknown. Check the vendor's list of verified services.`,
        },
        checklist: [linuxCe],
        data: { model: d.model, listed: false },
      },
    ];
  }
  const out: FindingParts[] = [];
  for (const need of needs) {
    const f = row.features[need.feature];
    if (f?.support !== 'no') continue;
    out.push({
      evidence: [...d.evidence, ...need.evidence],
      detail: {
        ja: `${d.model} は ${need.feature} に対応していません（出典: ${f.sources.join('; ')}、確度: ${f.confidence}）。別の機種か Linux CE モードを使います。`,
        en: `${d.model} cannot do ${need.feature} (source: ${f.sources.join('; ')}; confidence: ${f.confidence}). Use another model or Linux CE mode.`,
      },
      checklist: [linuxCe],
      data: { model: d.model, feature: need.feature, listed: true },
    });
  }
  return out;
}
