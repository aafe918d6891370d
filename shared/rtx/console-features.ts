/**
 * What an RTX console offers to read less at 9600 bit/s, by firmware, with where it is known from. A feature the
 * table grants but the console refuses is dropped for the session (main/gather falls back to the whole read), so
 * an optimistic entry costs one refused command, never a wrong answer.
 *
 * - `show … | grep PATTERN` (and `| less`): the Yamaha command reference's chapter "How to Use the Commands"
 *   has a section "Extracting Only the Contents That Match the Search Pattern from the Display Contents of the
 *   Show Command" in the edition for Rev.11.01.23 and Rev.14.00.15 (Jan 2015, public copy on docslib.org);
 *   Yamaha's own Ansible collection (yamaha-network/ansible-collection-rtx) runs `show environment | grep Rev`
 *   and `show config | grep console` on its targets (RTX1210 Rev.14.01 in its fixtures, RTX830). Not confirmed
 *   for Rev.10.01 and older (RTX1200, RTX1100, RTX800): the table says no there.
 * - `show log reverse`: in a public RTX1100 Rev.8.03.92 capture and in current troubleshooting guides, so every
 *   supported firmware has it.
 * - The pager's `q` ends a listing: assumed (the command reference has a section on keyboard operation at the
 *   console that we could not read; peers only ever press space). The twin models it; on a console that ignores
 *   `q` (or takes it for "next page") the session reads on to the end, so the read costs its whole size, nothing
 *   worse (main/devices/rtx-session.ts).
 */
export interface ConsoleFeatures {
  grep: boolean;
  logReverse: boolean;
}

/** The first firmware series whose command reference documents `| grep`. */
const GREP_SINCE_MAJOR = 11;

/** `23.00.04` → 23; null for anything else. */
function major(firmware: string | null | undefined): number | null {
  const m = /^(\d+)\./.exec(firmware ?? '');
  return m ? Number(m[1]) : null;
}

/** The features of a model and firmware; an unknown firmware gets the optimistic answer (refusal falls back). */
export function consoleFeatures(firmware: string | null | undefined): ConsoleFeatures {
  const m = major(firmware);
  return { grep: m === null || m >= GREP_SINCE_MAJOR, logReverse: true };
}
