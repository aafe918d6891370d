import { createContext, type DiagnosisContext } from './context.js';
import type { FindingDefinition } from './definition.js';
import { FINDINGS } from './findings/index.js';
import type { DiagnosisInput } from './input.js';
import { needApplies, needCommand } from './read.js';
import { FINDING_CODES, findingOf } from './registry.js';
import type { ServiceId } from '../services/index.js';
import type { Finding, FindingCode } from './types.js';

/** The line as the report and the CLI's --json show it. */
export interface ServiceSummary {
  id: ServiceId | null;
  provider: string | null;
  prefix: string | null;
  ceAddress: string | null;
  br: string | null;
}

export interface DiagnosisResult {
  device: { model: string; firmware: string } | null;
  service: ServiceSummary | null;
  findings: Finding[];
  /** Commands whose facts are unknown (not in the transcript, or unsupported by this firmware). */
  unknown: string[];
  /** Things the engine could not do (a parser refused garbage, a rule failed); shown, never hidden. */
  notes: string[];
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Run the detector of every finding defined for the platform, link symptoms to their causes, order by severity
 * then catalog order. `findings` defaults to every definition (a test may pass a few).
 */
export function diagnose(input: DiagnosisInput, findings: readonly FindingDefinition<FindingCode>[] = FINDINGS): DiagnosisResult {
  const ctx = createContext(input);
  const found: Finding[] = [];
  const symptoms = new Set<FindingCode>();
  for (const d of findings) {
    const detector = d.platforms[input.platform];
    if (!detector) continue;
    if (d.symptom) symptoms.add(d.code);
    try {
      found.push(...detector.detect(ctx).map((parts) => findingOf(d, parts)));
    } catch (err) {
      ctx.notes.push(`rule ${d.code} could not run: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const causes = found.filter((f) => f.severity === 'error' && !symptoms.has(f.code)).map((f) => f.code);
  for (const f of found) {
    if (symptoms.has(f.code)) f.causes = [...new Set(causes)];
  }
  found.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || FINDING_CODES.indexOf(a.code) - FINDING_CODES.indexOf(b.code));
  // A need that cannot matter here (its `when` is false) is not wanted; a narrowed read counts as its command.
  const wanted = new Set(findings.flatMap((d) => (d.platforms[input.platform]?.needs ?? []).filter((n) => needApplies(n, ctx)).map(needCommand)));
  // Per-case commands (`show status tunnel {tunnel}`, `ping6 {br}`) are not listed: their absence says nothing.
  const unknown = [...wanted].filter((c) => !c.includes('{') && ctx.readsOf(c).length === 0).sort();
  return { device: ctx.device, service: serviceSummary(ctx), findings: found, unknown, notes: ctx.notes };
}

/**
 * The line identity in short. The BR is the one the CE aims at: an RTX may aim at a DS-Lite AFTR by name,
 * while ip6tnl needs an address (the first the line knows). An RTX with a tunnel is summarised even when
 * nothing else is known about its line.
 */
function serviceSummary(ctx: DiagnosisContext): ServiceSummary | null {
  const line = ctx.line;
  const rtx = ctx.input.platform === 'rtx';
  const br = (rtx ? (line.br?.address ?? line.br?.name) : line.br?.addresses[0]) ?? null;
  if (!line.service && !line.prefix && !(rtx ? ctx.rtx.tunnel : br)) return null;
  return {
    id: line.service?.id ?? null,
    provider: line.service?.name ?? line.mape?.provider ?? null,
    prefix: line.mape?.userPrefix ?? line.prefix?.value ?? null,
    ceAddress: line.ce?.value ?? null,
    br,
  };
}

/** The CLI's --json shape (a public contract). */
export function diagnosisJson(result: DiagnosisResult, lang: 'ja' | 'en' = 'en') {
  return {
    device: result.device,
    service: result.service,
    findings: result.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      title: f.title[lang],
      evidence: f.evidence.map((e) => ({ command: e.command, lines: e.lines })),
      ...(f.fix ? { fix: f.fix } : {}),
      ...(f.checklist ? { checklist: f.checklist } : {}),
      ...(f.causes ? { causes: f.causes } : {}),
      ...(f.data ? { data: f.data } : {}),
    })),
    unknown: result.unknown,
    notes: result.notes,
  };
}
