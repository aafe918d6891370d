import type { Message } from '../i18n/message.js';
import type { DiagnosisResult } from '../diagnosis/engine.js';
import type { ChecklistEntry, Finding, SupportParty } from '../diagnosis/types.js';

/** What was tried on the device, and how it ended (from the safe-apply engine). */
export interface ApplyRecord {
  status: 'saved' | 'reverted' | 'revert-incomplete';
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

/** Checklist items per party: from findings whose fix is on someone else's side. */
export function checklistsByParty(findings: readonly Finding[]): Record<SupportParty, { finding: Finding; entry: ChecklistEntry }[]> {
  const out: Record<SupportParty, { finding: Finding; entry: ChecklistEntry }[]> = { isp: [], vne: [], vendor: [] };
  for (const finding of findings) for (const entry of finding.checklist ?? []) out[entry.party].push({ finding, entry });
  return out;
}
