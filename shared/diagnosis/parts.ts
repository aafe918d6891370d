/**
 * The pieces a finding is made of (evidence, fix plan, support checklist) and what a detector returns. A leaf
 * module: detectors import only this, so nothing they reach depends on the list of findings (types.ts does).
 */
export type Severity = 'error' | 'warning' | 'info';
export type Platform = 'rtx' | 'linux';

/** Text in both UI languages. */
export interface Text {
  ja: string;
  en: string;
}

/** Raw lines a finding rests on: the command and the 1-based line numbers within what the user gave us. */
export interface Evidence {
  command: string;
  lines: number[];
  /** The text of those lines, for reports that travel without the transcript. */
  excerpt: string[];
}

/** How to prove that a fix worked. */
export type FixCheck =
  | { kind: 'tunnel-rx'; tunnel: string }
  | { kind: 'ping'; family: 4 | 6; target: string }
  | { kind: 'output-contains'; command: string; text: string }
  /** A server answers with an SSH banner on host:port, seen from this computer (SSH turned on). */
  | { kind: 'ssh-answers'; host: string; port: number };

/**
 * Exact device commands, their inverse (run in the given order to undo), and the check that proves the
 * fix. Commands never include `save`: saving happens only after verification passes.
 */
export interface FixPlan {
  target: Platform;
  commands: string[];
  inverse: string[];
  check: FixCheck;
  summary: Text;
}

export type SupportParty = 'isp' | 'vne' | 'vendor';

/** When the fix is on someone else's side: what that party must check or answer. */
export interface ChecklistEntry {
  party: SupportParty;
  item: Text;
}

/** Machine-readable facts for the CLI's --json and the report (e.g. expected BR). */
export type FindingData = Record<string, string | number | boolean | null>;

/** What a detector found in one case: the definition adds code, title and meaning (see findingOf). */
export interface FindingParts {
  evidence: Evidence[];
  /** The specifics of this case, appended to the definition's general meaning. */
  detail?: Text;
  fix?: FixPlan;
  checklist?: ChecklistEntry[];
  data?: FindingData;
  /** Only when the case is milder or graver than the definition's default. */
  severity?: Severity;
}
