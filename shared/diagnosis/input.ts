import type { ServiceId } from '../services/index.js';
import type { Platform } from './parts.js';
import type { ProvisioningRecord } from '../provisioning/record.js';

/** One command's output, from a live gather or cut out of a pasted transcript. */
export interface CommandOutput {
  /** Canonical form (see canonicalCommand): `show status ipip`, `ip -6 tunnel show`. */
  command: string;
  output: string;
  /**
   * 1-based line, in what the user gave us, of the output's first line: evidence line numbers are
   * reported in the user's own text (the transcript), or in the command's output when gathered live.
   */
  firstLine: number;
  /** `unsupported`: the device does not know the command (older firmware): its facts are unknown, never an error. */
  status: 'ok' | 'unsupported' | 'error';
  errorText?: string;
  /**
   * Reading stopped at the pager (`q`) once the rules had what they need: the output is the first part of what
   * the command prints, each line still numbered as the router printed it.
   */
  partial?: boolean;
}

/**
 * What the user knows from their contract notice (登録通知書); optional. It feeds the line identity and wins over
 * everything the config and state suggest.
 */
export interface ContractNotice {
  serviceId?: ServiceId;
  fixedIpv4?: string;
  interfaceId?: string;
  br?: string;
  /** The LAN the user actually uses, e.g. 192.168.182.0/24, when no config shows it. */
  lanIpv4?: string;
  /** Fixed IP: the update (再設定) user ID and password. Secrets: masked wherever they would be shown. */
  updateUser?: string;
  updatePassword?: string;
}

export interface DiagnosisInput {
  platform: Platform;
  source: 'transcript' | 'live';
  outputs: CommandOutput[];
  device?: { model: string; firmware: string } | null;
  notice?: ContractNotice;
  /** The provider's own provisioning (HB46PP) as looked up from the line: authoritative when it has an answer. */
  provisioning?: ProvisioningRecord;
}

/** Commands are compared in one form: trimmed, single spaces, lower-case (RTX and iproute2 are lower-case). */
export function canonicalCommand(command: string): string {
  return command
    .trim()
    .replace(/^sudo\s+/, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}
