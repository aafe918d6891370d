/** Which router features the identified service needs (not a rule): FIRMWARE_TOO_OLD, DEVICE_UNSUPPORTED_SERVICE and DEVICE_MODEL_UNLISTED share it. */
import type { DiagnosisContext } from '../context.js';
import type { FactsView } from '../facts.js';
import type { RtxFeature } from '../../rtx/models.js';
import type { ChecklistEntry, Evidence } from '../parts.js';
import { configEvidence } from './common.js';

export interface NeededFeature {
  feature: RtxFeature;
  evidence: Evidence[];
}

export function neededFeatures(ctx: DiagnosisContext): NeededFeature[] {
  const line = ctx.line;
  const t = ctx.rtx.tunnel;
  const out: NeededFeature[] = [];
  const enc = t?.encapsulation?.value ?? null;
  const hints = line.service?.rtx.value ?? null;
  const svc = hints?.encapsulation ?? null;
  const tunnelEv = t?.encapsulation ? [configEvidence(ctx, t.encapsulation.lines)] : line.prefix ? line.prefix.evidence : [];
  if (enc === 'map-e' || svc === 'map-e') out.push({ feature: 'map-e', evidence: tunnelEv });
  // `tunnel map-e type ocn`: what the config says, else what the service is configured with.
  const type = t?.mapeType?.value ?? (enc === null || enc === 'map-e' ? hints?.mapEType : undefined);
  if ((enc === 'map-e' || svc === 'map-e') && type === 'ocn') out.push({ feature: 'map-e-ocn', evidence: t?.mapeType ? [configEvidence(ctx, t.mapeType.lines)] : tunnelEv });
  if (enc === 'ipip' || svc === 'ipip') out.push({ feature: 'ipip', evidence: tunnelEv });
  if (t?.endpointName) out.push({ feature: 'endpoint-name', evidence: [configEvidence(ctx, t.endpointName.lines)] });
  return out;
}

/**
 * The device the rules judge: the one the input names (the session that gathered the outputs knows what
 * it talked to), else what the router printed about itself. Evidence only when it came from an output.
 */
export function rtxDevice(ctx: FactsView): { model: string; firmware: string; evidence: Evidence[] } | null {
  const printed = ctx.rtx.device;
  const given = ctx.input.device ?? null;
  const d = given ?? printed;
  if (!d) return null;
  const fromOutput = printed && printed.model === d.model && printed.lines.length > 0;
  return { model: d.model, firmware: d.firmware, evidence: fromOutput ? [ctx.evidence(printed.source, printed.lines)] : [] };
}

/** The vendor question both "cannot" and "not listed" ask, with the Linux CE fallback. */
export function linuxCeQuestion(ctx: DiagnosisContext, model: string, needs: readonly NeededFeature[]): ChecklistEntry {
  const service = ctx.line.service;
  const svc = service ? { ja: service.nameJa, en: service.name } : { ja: 'このサービス', en: 'this service' };
  const features = needs.map((n) => n.feature).join(', ');
  return {
    party: 'vendor',
    item: {
      ja: `${model} で ${svc.ja}（${features}）を使えますか。使えない場合、対応機種か、Linux をCEにするモード（IPoE Doctor の Linux CE モード）を使います。`,
      en: `Can the ${model} run ${svc.en} (${features})? If not, use a listed model or turn a Linux host into the CE (IPoE Doctor's Linux CE mode).`,
    },
  };
}
