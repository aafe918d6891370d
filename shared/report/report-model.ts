import type { Message } from '../i18n/message.js';
import type { DiagnosisResult } from '../diagnosis/engine.js';
import type { ChecklistEntry, Finding, SupportParty } from '../diagnosis/types.js';

/** What was tried on the device, and how it ended (from the safe-apply engine). */
export interface ApplyRecord {
  status: 'saved' | 'reverted' | 'revert-incomplete';
  /** The findings whose fixes were applied (all of them, or none, stay: a failed verification undoes them all). */
  fixedCodes?: string[];
  appliedCommands: string[];
  checks: { detail: Message; passed: boolean }[];
  backupPath: string | null;
  difference: { line: number; expected: string; actual: string } | null;
}

export interface ReportInput {
  diagnosis: DiagnosisResult;
  apply?: ApplyRecord | null;
  generatedAt: Date;
  /** The connection as shown to the user (never with credentials). */
  connectionLabel?: string;
}

export const PARTIES: readonly SupportParty[] = ['isp', 'vne', 'vendor'];

/**
 * Where a finding stands after what was tried: `fixed` (its own fix was applied, verified and saved), `resolved` (a
 * symptom whose causes were all fixed, or whose tunnel was seen receiving in the verification), `open` (left to do).
 */
export type FindingOutcome = 'fixed' | 'resolved' | 'open';

export function findingOutcomes(findings: readonly Finding[], apply: ApplyRecord | null | undefined): Map<string, FindingOutcome> {
  const out = new Map<string, FindingOutcome>(findings.map((f) => [f.code, 'open']));
  if (apply?.status !== 'saved') return out;
  const fixed = new Set(apply.fixedCodes ?? []);
  const rxRose = apply.checks.some((c) => c.passed && c.detail.key === 'msg.check.tunnelRx');
  for (const f of findings) {
    if (fixed.has(f.code)) out.set(f.code, 'fixed');
    else if (f.causes && (rxRose || (f.causes.length > 0 && f.causes.every((c) => fixed.has(c))))) out.set(f.code, 'resolved');
  }
  return out;
}

/** Checklist items per party: from findings still open, so a party is asked only what it must still do. */
export function checklistsByParty(
  findings: readonly Finding[],
  outcomes?: ReadonlyMap<string, FindingOutcome>,
): Record<SupportParty, { finding: Finding; entry: ChecklistEntry }[]> {
  const out: Record<SupportParty, { finding: Finding; entry: ChecklistEntry }[]> = { isp: [], vne: [], vendor: [] };
  for (const finding of findings) {
    if (outcomes && outcomes.get(finding.code) !== 'open') continue;
    for (const entry of finding.checklist ?? []) out[entry.party].push({ finding, entry });
  }
  return out;
}
