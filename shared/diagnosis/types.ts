/**
 * The diagnosis contract: evidence, findings, fix plans and support-checklist entries. Finding codes are the stable
 * public contract of ../../../shared/design/FINDINGS.md (never rename one; add freely): the union of codes is
 * derived from the definitions in findings/ (one folder per code).
 */
import type { FINDINGS } from './findings/index.js';
import type { ChecklistEntry, Evidence, FindingData, FixPlan, Severity, Text } from './parts.js';

export type { ChecklistEntry, Evidence, FindingData, FixCheck, FixPlan, Platform, Severity, SupportParty, Text } from './parts.js';

export type FindingCode = (typeof FINDINGS)[number]['code'];

export interface Finding {
  code: FindingCode;
  severity: Severity;
  title: Text;
  explanation: Text;
  evidence: Evidence[];
  fix?: FixPlan;
  checklist?: ChecklistEntry[];
  /** For symptoms (TUNNEL_NO_RX): the codes of the causes found alongside. */
  causes?: FindingCode[];
  /** Machine-readable facts for the CLI's --json and the report (e.g. expected BR). */
  data?: FindingData;
}
