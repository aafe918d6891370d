import { inEnglish, type Message } from '../i18n/message.js';

/**
 * Why a calculator input was refused. Stable codes: the UI and the CLI's --json output switch on them.
 * - empty / malformed: not an IPv6 address or prefix at all
 * - ipv4-input: an IPv4 address where an IPv6 one is needed
 * - not-global: link-local, ULA, loopback … (not the line's global prefix)
 * - unknown-prefix: inside no known MAP-E rule
 * - prefix-too-short: the prefix stops before the EA bits end, so IPv4/PSID are not determined
 * - invalid-rule: an explicit rule that cannot work (e.g. EA bits past /64)
 * - invalid-interface-id / invalid-ipv4: fixed-IP inputs
 */
export type CalcInputErrorCode =
  | 'empty'
  | 'malformed'
  | 'ipv4-input'
  | 'not-global'
  | 'unknown-prefix'
  | 'prefix-too-short'
  | 'invalid-rule'
  | 'invalid-interface-id'
  | 'invalid-ipv4';

/**
 * Thrown for input a user can correct. `detail` says what to type instead as a catalog message (the UI says
 * it in its language); `message` is the same in English (the CLI).
 */
export class CalcInputError extends Error {
  override name = 'CalcInputError';
  constructor(
    readonly code: CalcInputErrorCode,
    readonly detail: Message,
  ) {
    super(inEnglish(detail));
  }
}

export interface CalcWarning {
  code: CalcWarningCode;
  /** The warning as a catalog message (the UI says it in its language). */
  detail: Message;
  /** The same in English (the CLI). */
  message: string;
}

/** A warning from its code and its catalog message (`msg.calc.warn.*`). */
export function calcWarning(code: CalcWarningCode, detail: Message): CalcWarning {
  return { code, detail, message: inEnglish(detail) };
}

/**
 * - not-subnet-0: the input's /64 is not subnet 0 of the end-user prefix; the CE address uses subnet 0
 * - rfc7597-interface-id: RFC 7597 CE form chosen for a Japanese provider that uses the draft-03 form
 * - iid-mismatch: fixed IP interface ID does not embed the fixed IPv4 (the provider's notice wins)
 * - iid-from-full-address: a full address was given as interface ID; only its low 64 bits were used
 * - subnet-0-assumed: fixed IP from a prefix shorter than /64; its first /64 was used
 */
export type CalcWarningCode =
  | 'not-subnet-0'
  | 'rfc7597-interface-id'
  | 'iid-mismatch'
  | 'iid-from-full-address'
  | 'subnet-0-assumed';
