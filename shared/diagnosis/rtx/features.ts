/** Which router features the identified service needs (not a rule): FIRMWARE_TOO_OLD and DEVICE_UNSUPPORTED_SERVICE share it. */
import type { DiagnosisContext } from '../context.js';
import type { FactsView } from '../facts.js';
import type { RtxFeature } from '../data/rtx-models.js';
import type { Evidence } from '../parts.js';
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
  const svc = line.service?.rtx.value.encapsulation ?? null;
  const tunnelEv = t?.encapsulation ? [configEvidence(ctx, t.encapsulation.lines)] : line.prefix ? line.prefix.evidence : [];
  if (enc === 'map-e' || svc === 'map-e') out.push({ feature: 'map-e', evidence: tunnelEv });
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
