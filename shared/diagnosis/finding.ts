import { FINDING_CATALOG } from './catalog.js';
import type { ChecklistEntry, Evidence, Finding, FindingCode, FixPlan, Severity, Text } from './types.js';

export interface FindingParts {
  evidence: Evidence[];
  /** The specifics of this case, appended to the catalog's general meaning. */
  detail?: Text;
  fix?: FixPlan;
  checklist?: ChecklistEntry[];
  data?: Finding['data'];
  /** Only when the case is milder or graver than the catalog's default. */
  severity?: Severity;
}

/** Build a finding from the catalog entry plus this case's evidence and specifics. */
export function makeFinding(code: FindingCode, parts: FindingParts): Finding {
  const entry = FINDING_CATALOG[code];
  const explanation: Text = parts.detail
    ? { ja: `${entry.meaning.ja}\n${parts.detail.ja}`, en: `${entry.meaning.en}\n${parts.detail.en}` }
    : entry.meaning;
  return {
    code,
    severity: parts.severity ?? entry.severity,
    title: entry.title,
    explanation,
    evidence: parts.evidence,
    ...(parts.fix ? { fix: parts.fix } : {}),
    ...(parts.checklist ? { checklist: parts.checklist } : {}),
    ...(parts.data ? { data: parts.data } : {}),
  };
}
