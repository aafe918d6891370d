import { readFileSync } from 'node:fs';
import type { FixPlan } from '../../shared/diagnosis/types.js';
import { say } from '../../shared/i18n/message.js';
import { WizardStepError } from '../../shared/wizard/errors.js';
import type { RtxSession } from '../devices/rtx-session.js';
import { fillSecrets, maskSecrets, type SecretValues } from '../../shared/rtx/setup/secrets.js';
import { comparableConfig, firstDifference, writeBackup } from './backup.js';
import { interruptedOn, Journal, plansTouched, sha256, type JournalTransaction, type RouterIdentity } from './journal.js';
import { readUnsavedState } from './unsaved.js';
import { runCheck, type CheckResult, type CounterSample } from './verify-rtx.js';

/** How old a whole `show config` read of this session may be to serve as the backup (older: read again). */
export const BACKUP_REUSE_MS = 60_000;
/** The planned result is read again only where that takes at most this long (a home config at 9600 bit/s does). */
const RESULT_READ_MAX_SECONDS = 4;

export type ApplyEvent =
  | { kind: 'backup'; path: string }
  | { kind: 'command'; phase: 'apply' | 'revert' | 'save'; command: string; output: string; error: string | null }
  | { kind: 'verify'; result: CheckResult }
  | { kind: 'sample'; sample: CounterSample }
  | { kind: 'phase'; phase: 'backup' | 'apply' | 'verify' | 'save' | 'revert' | 'compare' | 'done' };

export interface ApplyOutcome {
  status: 'saved' | 'reverted' | 'revert-incomplete';
  backupPath: string;
  checks: CheckResult[];
  /** After a revert: does the running config equal the backup again? */
  runningEqualsBackup: boolean | null;
  difference: { line: number; expected: string; actual: string } | null;
  appliedCommands: string[];
  failedCommand: { command: string; error: string } | null;
}

export interface SafeApplyOptions {
  dataDir: string;
  /**
   * Values for the secret slots a plan's commands hold (shared/rtx/setup/secrets.ts: the fixed-IP update user and
   * password): put in only as each line is typed; every event, outcome and log keeps the slot.
   */
  secrets?: SecretValues;
  model: string;
  /** The router being changed, as the journal names it (so the next connection to it finds an interrupted change). */
  router: RouterIdentity;
  /** IPv4 address pinged through the tunnel to prove it works. */
  pingTarget: string;
  /** Asked before each command when the user wants to confirm each change (CLI without --yes). */
  confirm?: (command: string) => Promise<boolean>;
  onEvent?: (e: ApplyEvent) => void;
}

const HEREDOC = /^embedded\s+file\s+(\S+?)\s*<<\s*["']?([^"'\s]+)["']?$/;

/**
 * The only way the app changes a router, one step at a time so the wizard can show each: back up the
 * running config and apply without saving; verify; then `save` only if every check passed, or undo
 * with the inverse commands and prove the running config equals the backup again.
 *
 * Every step is written to the journal (journal.ts) before it is sent, so a cut anywhere (a pulled cable, a
 * reset connection, a power cut, a closed laptop) leaves a record of what the router may have received, and the
 * next connection to it can finish the job (recovery.ts).
 */
export class ApplyTransaction {
  private before = '';
  backupPath = '';
  private readonly applied: { plan: FixPlan; count: number }[] = [];
  readonly appliedCommands: string[] = [];
  failedCommand: ApplyOutcome['failedCommand'] = null;
  checks: CheckResult[] = [];
  private journal: Journal | null = null;
  /** The running config once every command was in (the planned result), when it was read. */
  resultText: string | null = null;
  private readonly emit: (e: ApplyEvent) => void;

  constructor(
    private readonly session: RtxSession,
    readonly plans: readonly FixPlan[],
    private readonly opts: SafeApplyOptions,
  ) {
    this.emit = opts.onEvent ?? (() => undefined);
  }

  /**
   * An interrupted transaction, picked up from its journal: its backup, the plans any of whose commands may have
   * reached the router, and the planned result if it was read. Recovery continues it (revert or resume).
   */
  static fromJournal(session: RtxSession, tx: JournalTransaction, opts: SafeApplyOptions): ApplyTransaction {
    const t = new ApplyTransaction(session, tx.begin.plans, opts);
    t.journal = Journal.resume(tx);
    t.backupPath = tx.begin.backupPath;
    t.before = readFileSync(tx.begin.backupPath, 'utf8');
    for (const i of plansTouched(tx)) t.applied.push({ plan: tx.begin.plans[i]!, count: tx.begin.plans[i]!.commands.length });
    const applied = tx.steps.findLast((s) => s.kind === 'applied');
    if (applied?.kind === 'applied') t.resultText = readFileSync(applied.resultPath, 'utf8');
    return t;
  }

  /** The backup as read before the change. */
  get backupText(): string {
    return this.before;
  }

  get journalFile(): string | null {
    return this.journal?.file ?? null;
  }

  /**
   * Back up, then apply every plan's commands unsaved. Stops at the first refused command. Refuses to start on a
   * router with an interrupted change of ours (recover it first) or with someone else's unsaved change (which
   * would be saved with ours, or undone by our undo).
   */
  async apply(): Promise<{ ok: boolean }> {
    const interrupted = interruptedOn(this.opts.dataDir, this.opts.router);
    if (interrupted) throw new WizardStepError('recovery-needed', say('msg.apply.recoveryNeeded', { started: interrupted.begin.at, backup: interrupted.begin.backupPath }));
    this.emit({ kind: 'phase', phase: 'backup' });
    await this.session.enterAdmin();
    // The session read the whole config moments ago and has sent nothing since that could change it: that text is
    // the running config, so reading it again (seconds at 9600 bit/s) would only repeat it.
    const known = this.session.configUnchangedSince(BACKUP_REUSE_MS);
    const before = known !== null ? { output: known, error: null } : await this.session.run('show config');
    if (before.error) throw new WizardStepError('backup-failed', say('msg.apply.backupUnreadable', { cause: before.error }));
    this.before = before.output;
    this.backupPath = writeBackup(this.opts.dataDir, this.opts.model, before.output);
    this.emit({ kind: 'backup', path: this.backupPath });
    const unsaved = await readUnsavedState(this.session, before.output);
    if (unsaved.unsaved !== false) {
      const changes = unsaved.changes;
      throw new WizardStepError(
        'unsaved-changes',
        changes
          ? say('msg.apply.unsavedChanges', { added: listOrNone(changes.added), removed: listOrNone(changes.removed) })
          : say('msg.apply.unsavedChangesUnknown'),
      );
    }
    this.journal = Journal.start(this.opts.dataDir, {
      router: this.opts.router,
      backupPath: this.backupPath,
      backupSha256: sha256(before.output),
      plans: [...this.plans],
    });
    this.emit({ kind: 'phase', phase: 'apply' });
    return this.sendPlans();
  }

  /** Resume: send every plan again (config commands set values, so sending one twice changes nothing more). */
  async reapply(): Promise<{ ok: boolean }> {
    this.emit({ kind: 'phase', phase: 'apply' });
    await this.session.enterAdmin();
    return this.sendPlans();
  }

  private async sendPlans(): Promise<{ ok: boolean }> {
    for (const [p, plan] of this.plans.entries()) {
      let record = this.applied.find((r) => r.plan === plan);
      if (!record) this.applied.push((record = { plan, count: 0 }));
      for (let i = 0; i < plan.commands.length; i++) {
        const command = plan.commands[i]!;
        if (this.opts.confirm && !(await this.opts.confirm(command))) {
          this.failedCommand = { command, error: 'declined by the user' };
          return { ok: false };
        }
        // `embedded file NAME <<EOF`: its body lines are typed without a prompt between them, up to the terminator.
        const heredoc = HEREDOC.exec(command);
        const end = heredoc ? plan.commands.indexOf(heredoc[2]!, i + 1) : -1;
        if (heredoc && end > i) {
          const body = plan.commands.slice(i + 1, end);
          for (const [k, line] of [command, ...body].entries()) {
            this.journal!.record({ kind: 'apply', at: now(), plan: p, index: i + k, command: line });
            await this.session.typeLine(this.fill(line), say('setup.msg.waitFileLine', { file: heredoc[1]! }));
            this.emit({ kind: 'command', phase: 'apply', command: line, output: '', error: null });
            this.appliedCommands.push(line);
            record.count = Math.max(record.count, i + k + 1);
          }
          i += body.length + 1;
        }
        const typed = plan.commands[i]!;
        this.journal!.record({ kind: 'apply', at: now(), plan: p, index: i, command: typed });
        const r = await this.session.run(this.fill(typed));
        const output = this.mask(r.output);
        const error = r.error === null ? null : this.mask(r.error);
        this.emit({ kind: 'command', phase: 'apply', command: typed, output, error });
        if (error) {
          this.failedCommand = { command: typed, error };
          return { ok: false };
        }
        record.count = Math.max(record.count, i + 1);
        this.appliedCommands.push(typed);
      }
    }
    // The planned result, as the router has it: recovery compares the running config with it and with the backup.
    // Where reading a big config again would take long (an office config at 9600 bit/s), it is not read: a cut
    // before `save` is then reverted rather than resumed, which is as whole, only slower for the user.
    const result = this.session.secondsToCarry(this.before.length) <= RESULT_READ_MAX_SECONDS ? await this.session.run('show config') : null;
    if (result && !result.error) {
      this.resultText = result.output;
      const resultPath = this.journal!.keepResult(result.output);
      this.journal!.record({ kind: 'applied', at: now(), resultPath, resultSha256: sha256(result.output) });
    }
    return { ok: true };
  }

  /** Every plan's check: counters rise and a ping through the tunnel succeeds. */
  async verify(): Promise<{ passed: boolean; checks: CheckResult[] }> {
    this.emit({ kind: 'phase', phase: 'verify' });
    this.journal?.record({ kind: 'verify', at: now() });
    this.checks = [];
    for (const plan of this.plans) {
      const result = await runCheck(this.session, plan.check, {
        pingTarget: this.opts.pingTarget,
        onSample: (sample) => this.emit({ kind: 'sample', sample }),
      });
      this.checks.push(result);
      this.emit({ kind: 'verify', result });
    }
    const passed = this.checks.every((c) => c.passed);
    this.journal?.record({ kind: 'verified', at: now(), passed });
    return { passed, checks: this.checks };
  }

  /** Only after verification passed. */
  async save(): Promise<ApplyOutcome> {
    if (!this.checks.length || !this.checks.every((c) => c.passed)) throw new WizardStepError('not-verified', say('msg.apply.notVerified'));
    this.emit({ kind: 'phase', phase: 'save' });
    await this.runSave();
    this.journal?.record({ kind: 'end', at: now(), status: 'saved', runningEqualsBackup: null });
    this.emit({ kind: 'phase', phase: 'done' });
    return this.outcome('saved', null, null);
  }

  private async runSave(): Promise<void> {
    this.journal?.record({ kind: 'save', at: now() });
    const saved = await this.session.run('save', { timeoutMs: 60_000 });
    this.emit({ kind: 'command', phase: 'save', command: 'save', output: saved.output, error: saved.error });
    if (saved.error) throw new WizardStepError('save-failed', say('msg.apply.saveFailed', { cause: saved.error }));
    this.journal?.record({ kind: 'saved', at: now() });
  }

  /**
   * Undo what was applied, newest plan first, then compare the running config with the backup. After a cut
   * (`saveRestored`) the proven backup is saved too: the cut may have come during `save`, and what the router
   * boots with must be the backup as well.
   */
  async revert(opts: { saveRestored?: boolean } = {}): Promise<ApplyOutcome> {
    this.emit({ kind: 'phase', phase: 'revert' });
    if (this.applied.some((a) => a.count > 0)) await this.session.enterAdmin();
    for (const { plan, count } of [...this.applied].reverse()) {
      if (count === 0) continue;
      const i = this.plans.indexOf(plan);
      for (const command of plan.inverse) {
        this.journal?.record({ kind: 'revert', at: now(), plan: i, command });
        const r = await this.session.run(this.fill(command));
        this.emit({ kind: 'command', phase: 'revert', command, output: this.mask(r.output), error: r.error === null ? null : this.mask(r.error) });
      }
    }
    this.emit({ kind: 'phase', phase: 'compare' });
    await this.session.enterAdmin();
    const after = await this.session.run('show config');
    const difference = after.error
      ? { line: 0, expected: '', actual: after.error }
      : firstDifference(comparableConfig(this.before), comparableConfig(after.output));
    if (difference === null && opts.saveRestored) await this.runSave();
    const status = difference ? 'revert-incomplete' : 'reverted';
    this.journal?.record({ kind: 'end', at: now(), status, runningEqualsBackup: difference === null });
    this.emit({ kind: 'phase', phase: 'done' });
    return this.outcome(status, difference === null, difference);
  }

  /** Recovery writes its choice into the transaction's journal before acting on it. */
  recordRecovery(choice: 'revert' | 'resume'): void {
    this.journal?.record({ kind: 'recover', at: now(), choice });
  }

  /** A command as typed: its secret slots filled in. */
  private fill(command: string): string {
    return this.opts.secrets ? fillSecrets(command, this.opts.secrets) : command;
  }

  /** What the router printed, with every secret value put back as its slot. */
  private mask(text: string): string {
    return this.opts.secrets ? maskSecrets(text, this.opts.secrets) : text;
  }

  private outcome(status: ApplyOutcome['status'], equals: boolean | null, difference: ApplyOutcome['difference']): ApplyOutcome {
    return {
      status,
      backupPath: this.backupPath,
      checks: this.checks,
      runningEqualsBackup: equals,
      difference,
      appliedCommands: this.appliedCommands,
      failedCommand: this.failedCommand,
    };
  }
}

function now(): string {
  return new Date().toISOString();
}

/** Config lines for a message, one after the other; `-` when there are none. */
function listOrNone(lines: string[]): string {
  return lines.length ? lines.join('; ') : '-';
}

/** The whole transaction in one call (CLI `fix`). A refused `save` is undone like a failed check. */
export async function safeApplyRtx(session: RtxSession, plans: readonly FixPlan[], opts: SafeApplyOptions): Promise<ApplyOutcome> {
  const tx = new ApplyTransaction(session, plans, opts);
  const applied = await tx.apply();
  if (applied.ok && (await tx.verify()).passed) {
    try {
      return await tx.save();
    } catch (err) {
      if (!(err instanceof WizardStepError) || err.code !== 'save-failed') throw err;
    }
  }
  return tx.revert();
}
