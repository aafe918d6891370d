import { inEnglish } from '../../../shared/i18n/message.js';
import { WizardStepError } from '../../../shared/wizard/errors.js';
import { dataDir } from '../../app-data.js';
import { interruptedOn } from '../../apply/journal.js';
import { assessRecovery, recoverTransaction, type RecoveryAssessment, type RecoveryChoice } from '../../apply/recovery.js';
import { readUnsavedState } from '../../apply/unsaved.js';
import { ConnectionRegistry } from '../../services/connection-registry.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, flagString, parseArgs, type CliCommand, type CliIo } from '../command.js';
import { CONNECTION_FLAGS, CONNECTION_USAGE, connectionFromArgs } from '../connection-args.js';
import { openForCli } from '../open-session.js';
import { ask } from '../terminal-prompt.js';

/**
 * `ipoe-doctor recover`: on the router a `fix` was changing when it was cut (cable, connection, power, a killed
 * process), find the interrupted transaction in the journal, say what state the router is in, and finish it:
 * revert to the backup (proven equal afterwards, then saved), or resume (verify, then save or revert).
 */
export const recoverCommand: CliCommand = {
  name: 'recover',
  summary: 'Finish a fix that was interrupted (cable pulled, connection lost, power cut): revert to the backup or resume. --yes takes the recommended way.',
  usage: `recover ${CONNECTION_USAGE} [--yes | --revert | --resume] [--ping-target A.B.C.D] [--json]`,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { valued: [...CONNECTION_FLAGS.valued, 'ping-target'], boolean: [...CONNECTION_FLAGS.boolean, 'yes', 'revert', 'resume', 'json'] });
    const json = parsed.flags.has('json');
    const forced: RecoveryChoice | null = parsed.flags.has('revert') ? 'revert' : parsed.flags.has('resume') ? 'resume' : null;
    if (parsed.flags.has('revert') && parsed.flags.has('resume')) throw new UsageError('choose one of --revert and --resume');
    const pingTarget = flagString(parsed, 'ping-target') ?? io.env.IPOE_DOCTOR_PING_TARGET ?? '1.1.1.1';
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(pingTarget)) throw new UsageError('--ping-target needs an IPv4 address');
    if (!forced && !parsed.flags.has('yes') && !process.stdin.isTTY) {
      throw new UsageError('there is no terminal to ask on: add --yes (the recommended way), --revert or --resume');
    }
    const request = await connectionFromArgs(parsed, io);
    const registry = new ConnectionRegistry();
    try {
      const connected = await openForCli(registry, request, { pinnedFingerprint: flagString(parsed, 'trust-host-key'), log: (l) => io.err(`${l}\n`) });
      const device = await registry.identify(connected.sessionId);
      const session = registry.session(connected.sessionId);
      const router = registry.routerIdentity(connected.sessionId);
      const tx = interruptedOn(dataDir(), router);
      if (!tx) {
        // Nothing of ours was cut short here; say whether someone else left changes unsaved.
        let unsaved: boolean | null = null;
        if (session.admin) {
          const running = await session.run('show config');
          if (!running.error) unsaved = (await readUnsavedState(session, running.output)).unsaved;
        }
        const summary = { status: 'nothing-to-recover' as const, router, runningEqualsBackup: null, unsavedChangesAfter: unsaved };
        if (json) io.out(JSON.stringify(summary, null, 2) + '\n');
        else io.out(`Nothing to recover on this ${device.model}: no interrupted change by IPoE Doctor.\n`);
        await registry.disconnect(connected.sessionId);
        return EXIT_OK;
      }
      const assessment = await assessRecovery(session, tx);
      if (!json) io.out(describe(assessment));
      const choice = forced ?? (parsed.flags.has('yes') ? assessment.recommended : await askChoice(assessment.recommended));
      if (!choice) {
        io.err('Nothing done: the interrupted change is still there; run recover again to finish it.\n');
        await registry.disconnect(connected.sessionId);
        return EXIT_FINDINGS;
      }
      const outcome = await recoverTransaction(session, tx, choice, {
        dataDir: dataDir(),
        model: device.model,
        router,
        pingTarget,
        onEvent: (e) => {
          if (json) return;
          if (e.kind === 'phase') io.err(`[${e.phase}]\n`);
          if (e.kind === 'command') io.err(`  ${e.phase === 'revert' ? 'undo' : e.phase}: ${e.command}${e.error ? `  → ${e.error}` : ''}\n`);
          if (e.kind === 'verify') io.err(`  ${e.result.passed ? 'passed' : 'FAILED'}: ${inEnglish(e.result.detail)}\n`);
        },
      });
      const summary = {
        status: outcome.status,
        choice,
        router,
        assessment,
        backupPath: outcome.backupPath,
        runningEqualsBackup: outcome.runningEqualsBackup,
        difference: outcome.difference,
        checks: outcome.checks.map((c) => ({ passed: c.passed, detail: inEnglish(c.detail) })),
        unsavedChangesAfter: outcome.unsavedChangesAfter,
      };
      if (json) io.out(JSON.stringify(summary, null, 2) + '\n');
      else io.out(`${conclusion(outcome.status)}\nBackup: ${outcome.backupPath}\n`);
      await registry.disconnect(connected.sessionId);
      return outcome.status === 'revert-incomplete' ? EXIT_FINDINGS : EXIT_OK;
    } catch (err) {
      if (err instanceof WizardStepError) {
        io.err(`ipoe-doctor recover: ${err.message} [${err.code}]\n`);
        return err.code === 'unknown-scenario' ? EXIT_USAGE : 3;
      }
      throw err;
    } finally {
      await registry.closeAll();
    }
  },
};

function describe(a: RecoveryAssessment): string {
  const running = { backup: 'equals the backup (nothing of the change is in force)', result: 'is the whole change, not yet saved', other: 'holds part of the change' }[a.running];
  const saved = a.saved === null ? 'could not be read' : { backup: 'is the backup', result: 'is the new config', other: 'is neither the backup nor the new config' }[a.saved];
  return [
    `An interrupted change by IPoE Doctor (started ${a.startedAt}): ${a.commandsSent} of ${a.commandsTotal} commands were sent; the journal reached "${a.stepReached}".`,
    `  running config  ${running}`,
    `  saved config    ${saved}`,
    ...a.changes.added.map((l) => `    + ${l}`),
    ...a.changes.removed.map((l) => `    - ${l}`),
    `  backup          ${a.backupPath}`,
    `  recommended     ${a.recommended === 'resume' ? 'resume: verify the change, then save it (or undo it when a check fails)' : 'revert to the backup'}`,
    '',
  ].join('\n');
}

async function askChoice(recommended: RecoveryChoice): Promise<RecoveryChoice | null> {
  const answer = ((await ask(`revert to the backup, or resume (verify, then save or revert)? [${recommended === 'revert' ? 'R/s' : 'r/S'}/q] `)) ?? 'q').trim().toLowerCase();
  if (answer === '') return recommended;
  if (answer.startsWith('r')) return 'revert';
  if (answer.startsWith('s')) return 'resume';
  return null;
}

function conclusion(status: 'saved' | 'reverted' | 'revert-incomplete'): string {
  if (status === 'saved') return 'Resumed: verification passed and the change is saved.';
  if (status === 'reverted') return 'Reverted: the running config equals the backup, and the backup is what the router boots with.';
  return 'The undo did not bring the backup back exactly: check the config (the difference is above).';
}
