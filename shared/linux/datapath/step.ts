/**
 * One step of the datapath: what it does, how to tell it is already in place, how to do it, how to undo it.
 * The apply script runs `apply` only when `check` fails, and then records `id` in the journal; rollback runs
 * `undo` only for ids in the journal. So apply is idempotent and rollback removes exactly what apply changed,
 * even when the two run in different processes or after a reboot.
 */
import type { Message } from '../../i18n/message.js';

export interface PlanStep {
  /** Journal key (letters, digits, `-`, `.`, `:`); unique within a plan. */
  id: string;
  /** What the step does, for people (the UI, the CLI) and, in English, for the script's comments. */
  text: Message;
  /**
   * A POSIX sh condition that succeeds when the step's result is already in place (nothing runs then).
   * null: the step converges by itself every time (an atomic replace, a notification).
   */
  check: string | null;
  apply: string[];
  /** Removes what `apply` added or restores what it changed; empty when nothing can be undone. */
  undo: string[];
  /** `action` steps (the fixed-IP notification) change nothing on the host, so they are never journaled. */
  kind?: 'change' | 'action';
}
