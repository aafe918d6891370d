/**
 * The diagnosis contract: evidence, findings, fix plans and support-checklist entries. Finding codes are
 * the stable public contract of ../../../shared/design/FINDINGS.md (never rename one; add freely).
 */
export type Severity = 'error' | 'warning' | 'info';
export type Platform = 'rtx' | 'linux';

/** Text in both UI languages. */
export interface Text {
  ja: string;
  en: string;
}

export const FINDING_CODES = [
  'IPV6_NO_PREFIX',
  'IPV6_PREFIX_SOURCE_MISMATCH',
  'NGN_TYPE_MISSING',
  'IPV6_FILTER_BLOCKS_IPIP',
  'BR_UNREACHABLE',
  'BR_ROUTE_ONLINK',
  'SERVICE_UNKNOWN_PREFIX',
  'BR_ADDRESS_WRONG',
  'CE_ADDRESS_WRONG',
  'CE_ADDRESS_NOT_ASSIGNED',
  'ENCAPLIMIT_PRESENT',
  'TUNNEL_DISABLED',
  'TUNNEL_NO_RX',
  'DEFAULT_ROUTE_NOT_TUNNEL',
  'FIRMWARE_TOO_OLD',
  'DEVICE_UNSUPPORTED_SERVICE',
  'AFTR_NAME_UNRESOLVED',
  'FIXEDIP_UPDATE_NOT_CONFIGURED',
  'FIXEDIP_UPDATE_FAILED',
  'FIXEDIP_PREFIX_LOG_OFF',
  'FIXEDIP_IID_MISMATCH',
  'FIXEDIP_NAT_OUTER_MISMATCH',
  'NAT_DESCRIPTOR_MISSING',
  'PORTSET_OUTSIDE',
  'PORTSET_PARTIAL',
  'ICMP_NOT_TRANSLATED',
  'TUNNEL_MTU_TOO_LARGE',
  'MSS_CLAMP_MISSING',
  'IPV4_FILTER_LAN_MISMATCH',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

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
  | { kind: 'output-contains'; command: string; text: string };

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
  data?: Record<string, string | number | boolean | null>;
}
