import { FINDING_CATALOG } from './catalog.js';
import { createContext, type ServiceSummary } from './context.js';
import type { DiagnosisInput } from './input.js';
import type { Rule } from './rule.js';
import { ALL_RULES } from './rules/index.js';
import { FINDING_CODES, type Finding } from './types.js';

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

/** Run every rule that applies to the platform, link symptoms to their causes, order by severity. */
export function diagnose(input: DiagnosisInput, rules: readonly Rule[] = ALL_RULES): DiagnosisResult {
  const ctx = createContext(input);
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!rule.platforms.includes(input.platform)) continue;
    try {
      findings.push(...rule.run(ctx));
    } catch (err) {
      ctx.notes.push(`rule ${rule.code} could not run: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const causes = findings.filter((f) => f.severity === 'error' && !FINDING_CATALOG[f.code].symptom).map((f) => f.code);
  for (const f of findings) {
    if (FINDING_CATALOG[f.code].symptom) f.causes = [...new Set(causes)];
  }
  findings.sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || FINDING_CODES.indexOf(a.code) - FINDING_CODES.indexOf(b.code),
  );
  const wanted = new Set(rules.filter((r) => r.platforms.includes(input.platform)).flatMap((r) => r.needs[input.platform] ?? []));
  // Per-case commands (`show status tunnel {tunnel}`, `ping6 {br}`) are not listed: their absence says nothing.
  const unknown = [...wanted].filter((c) => !c.includes('{') && !ctx.output(c)).sort();
  return { device: ctx.device, service: ctx.serviceSummary(), findings, unknown, notes: ctx.notes };
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
