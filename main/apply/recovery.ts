import { existsSync, readFileSync } from 'node:fs';
import { configChanges, sameConfig, type ConfigChanges } from '../../shared/rtx/config-diff.js';
import { say } from '../../shared/i18n/message.js';
import { WizardStepError } from '../../shared/wizard/errors.js';
import type { RtxSession } from '../devices/rtx-session.js';
import { sha256, stepReached, type JournalStep, type JournalTransaction } from './journal.js';
import { ApplyTransaction, type ApplyOutcome, type SafeApplyOptions } from './safe-apply.js';
import { readUnsavedState } from './unsaved.js';
import { slotsIn, type SecretValues } from '../../shared/rtx/setup/secrets.js';

export type RecoveryChoice = 'revert' | 'resume';

/** Where an interrupted transaction left the router, as read from the router itself and the journal. */
export interface RecoveryAssessment {
  transactionId: string;
  startedAt: string;
  backupPath: string;
  /** The backup file is there and is what was read before the change (its SHA-256 matches the journal's). */
  backupIntact: boolean;
  /** The last step the journal has: a command sent, verification, `save` … */
  stepReached: JournalStep['kind'] | 'begin';
  commandsSent: number;
  commandsTotal: number;
  /** The config in force: the backup (nothing left applied), the planned result (all applied), or something between. */
  running: 'backup' | 'result' | 'other';
  /** What the router boots with; null when it could not be read. */
  saved: 'backup' | 'result' | 'other' | null;
  /** The config in force differs from the saved one. */
  unsavedChanges: boolean | null;
  /** From the backup to the config in force: what is still applied. */
  changes: ConfigChanges;
  /** Resume when the whole change is in (verification then decides); revert otherwise. */
  recommended: RecoveryChoice;
}

export interface RecoveryOutcome extends ApplyOutcome {
  choice: RecoveryChoice;
  /** After recovery: the config in force still differs from the saved one. */
  unsavedChangesAfter: boolean | null;
}

/**
 * Read the router and compare: the running config (`show config`) with the backup and the planned result, the
 * saved one (`show config 0`) with both, and whether they differ from each other.
 */
export async function assessRecovery(session: RtxSession, tx: JournalTransaction, secrets: SecretValues = {}): Promise<RecoveryAssessment> {
  const backupIntact = existsSync(tx.begin.backupPath) && sha256(readFileSync(tx.begin.backupPath, 'utf8')) === tx.begin.backupSha256;
  if (!backupIntact) throw new WizardStepError('backup-lost', say('msg.recover.backupLost', { path: tx.begin.backupPath }));
  const backup = readFileSync(tx.begin.backupPath, 'utf8');
  const appliedStep = tx.steps.findLast((s) => s.kind === 'applied');
  const result = appliedStep?.kind === 'applied' && existsSync(appliedStep.resultPath) ? readFileSync(appliedStep.resultPath, 'utf8') : null;
  await session.enterAdmin();
  const running = await session.run('show config');
  if (running.error) throw new WizardStepError('backup-failed', say('msg.apply.backupUnreadable', { cause: running.error }));
  const unsaved = await readUnsavedState(session, running.output);
  const which = (text: string): 'backup' | 'result' | 'other' => (sameConfig(text, backup) ? 'backup' : result !== null && sameConfig(text, result) ? 'result' : 'other');
  const runningIs = which(running.output);
  const commandsTotal = tx.begin.plans.reduce((n, p) => n + p.commands.length, 0);
  return {
    transactionId: tx.begin.id,
    startedAt: tx.begin.at,
    backupPath: tx.begin.backupPath,
    backupIntact,
    stepReached: stepReached(tx),
    commandsSent: new Set(tx.steps.filter((s) => s.kind === 'apply').map((s) => `${(s as { plan: number }).plan}:${(s as { index: number }).index}`)).size,
    commandsTotal,
    running: runningIs,
    saved: unsaved.saved === null ? null : which(unsaved.saved),
    unsavedChanges: unsaved.unsaved,
    changes: configChanges(backup, running.output),
    recommended: runningIs === 'result' && !verificationFailed(tx) && missingSecrets(tx, secrets).length === 0 ? 'resume' : 'revert',
  };
}

/**
 * Finish an interrupted transaction. Revert: undo every plan any command of which may have reached the router,
 * prove the running config equals the backup, and save it (a cut during `save` may have stored the new config).
 * Resume: send the plans again, verify, then save, or revert as above when a check fails.
 */
export async function recoverTransaction(
  session: RtxSession,
  tx: JournalTransaction,
  choice: RecoveryChoice,
  opts: SafeApplyOptions,
): Promise<RecoveryOutcome> {
  // The journal keeps secret slots, never their values: resuming a set-up needs them from the user again.
  if (choice === 'resume' && missingSecrets(tx, opts.secrets ?? {}).length > 0) throw new WizardStepError('resume-needs-secrets', say('msg.recover.resumeNeedsSecrets'));
  const t = ApplyTransaction.fromJournal(session, tx, opts);
  t.recordRecovery(choice);
  let outcome: ApplyOutcome;
  if (choice === 'resume') {
    const applied = await t.reapply();
    outcome = applied.ok && (await t.verify()).passed ? await t.save() : await t.revert({ saveRestored: true });
  } else {
    outcome = await t.revert({ saveRestored: true });
  }
  const running = await session.run('show config');
  const after = running.error ? null : await readUnsavedState(session, running.output);
  return { ...outcome, choice, unsavedChangesAfter: after?.unsaved ?? null };
}

/** Verification already failed (the undo was under way when the cut came): resuming would only fail again. */
function verificationFailed(tx: JournalTransaction): boolean {
  return tx.steps.some((s) => (s.kind === 'verified' && !s.passed) || s.kind === 'revert');
}

/** Secret slots the journalled plans type that no value was given for. */
function missingSecrets(tx: JournalTransaction, secrets: SecretValues): string[] {
  return slotsIn(tx.begin.plans.flatMap((p) => p.commands)).filter((slot) => secrets[slot] === undefined);
}
