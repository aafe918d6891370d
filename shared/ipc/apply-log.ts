import type { ApplyEventView } from './contract.js';

/**
 * The apply log after one more event, as the core keeps it and the UI mirrors it: a transaction starts afresh with
 * its backup, a recovery with its own phase; everything else is added.
 */
export function nextApplyLog(log: readonly ApplyEventView[], e: ApplyEventView): ApplyEventView[] {
  return e.kind === 'phase' && (e.phase === 'backup' || e.phase === 'recover') ? [e] : [...log, e];
}
