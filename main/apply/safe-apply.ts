import type { FixPlan } from '../../shared/diagnosis/types.js';
import { say } from '../../shared/i18n/message.js';
import { WizardStepError } from '../../shared/wizard/errors.js';
import type { RtxSession } from '../devices/rtx-session.js';
import { fillSecrets, maskSecrets, type SecretValues } from '../../shared/rtx/setup/secrets.js';
import { comparableConfig, firstDifference, writeBackup } from './backup.js';
import { runCheck, type CheckResult, type CounterSample } from './verify-rtx.js';

/** How old a whole `show config` read of this session may be to serve as the backup (older: read again). */
export const BACKUP_REUSE_MS = 60_000;

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
 */
export class ApplyTransaction {
  private before = '';
  backupPath = '';
  private readonly applied: { plan: FixPlan; count: number }[] = [];
  readonly appliedCommands: string[] = [];
  failedCommand: ApplyOutcome['failedCommand'] = null;
  checks: CheckResult[] = [];
  private readonly emit: (e: ApplyEvent) => void;

  constructor(
    private readonly session: RtxSession,
    readonly plans: readonly FixPlan[],
    private readonly opts: SafeApplyOptions,
  ) {
    this.emit = opts.onEvent ?? (() => undefined);
  }

  /** Back up, then apply every plan's commands unsaved. Stops at the first refused command. */
  async apply(): Promise<{ ok: boolean }> {
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
    this.emit({ kind: 'phase', phase: 'apply' });
    for (const plan of this.plans) {
      const record = { plan, count: 0 };
      this.applied.push(record);
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
          for (const line of [command, ...body]) {
            await this.session.typeLine(this.fill(line), say('setup.msg.waitFileLine', { file: heredoc[1]! }));
            this.emit({ kind: 'command', phase: 'apply', command: line, output: '', error: null });
            this.appliedCommands.push(line);
            record.count++;
          }
          i += body.length + 1;
        }
        const typed = plan.commands[i]!;
        const r = await this.session.run(this.fill(typed));
        const output = this.mask(r.output);
        const error = r.error === null ? null : this.mask(r.error);
        this.emit({ kind: 'command', phase: 'apply', command: typed, output, error });
        if (error) {
          this.failedCommand = { command: typed, error };
          return { ok: false };
        }
        record.count++;
        this.appliedCommands.push(typed);
      }
    }
    return { ok: true };
  }

  /** Every plan's check: counters rise and a ping through the tunnel succeeds. */
  async verify(): Promise<{ passed: boolean; checks: CheckResult[] }> {
    this.emit({ kind: 'phase', phase: 'verify' });
    this.checks = [];
    for (const plan of this.plans) {
      const result = await runCheck(this.session, plan.check, {
        pingTarget: this.opts.pingTarget,
        onSample: (sample) => this.emit({ kind: 'sample', sample }),
      });
      this.checks.push(result);
      this.emit({ kind: 'verify', result });
    }
    return { passed: this.checks.every((c) => c.passed), checks: this.checks };
  }

  /** Only after verification passed. */
  async save(): Promise<ApplyOutcome> {
    if (!this.checks.length || !this.checks.every((c) => c.passed)) throw new WizardStepError('not-verified', say('msg.apply.notVerified'));
    this.emit({ kind: 'phase', phase: 'save' });
    const saved = await this.session.run('save');
    this.emit({ kind: 'command', phase: 'save', command: 'save', output: saved.output, error: saved.error });
    if (saved.error) throw new WizardStepError('save-failed', say('msg.apply.saveFailed', { cause: saved.error }));
    this.emit({ kind: 'phase', phase: 'done' });
    return this.outcome('saved', null, null);
  }

  /** Undo what was applied, newest plan first, then compare the running config with the backup. */
  async revert(): Promise<ApplyOutcome> {
    this.emit({ kind: 'phase', phase: 'revert' });
    for (const { plan, count } of [...this.applied].reverse()) {
      if (count === 0) continue;
      for (const command of plan.inverse) {
        const r = await this.session.run(this.fill(command));
        this.emit({ kind: 'command', phase: 'revert', command, output: this.mask(r.output), error: r.error === null ? null : this.mask(r.error) });
      }
    }
    this.emit({ kind: 'phase', phase: 'compare' });
    const after = await this.session.run('show config');
    const difference = firstDifference(comparableConfig(this.before), comparableConfig(after.output));
    this.emit({ kind: 'phase', phase: 'done' });
    return this.outcome(difference ? 'revert-incomplete' : 'reverted', difference === null, difference);
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

/** The whole transaction in one call (CLI `fix`). */
export async function safeApplyRtx(session: RtxSession, plans: readonly FixPlan[], opts: SafeApplyOptions): Promise<ApplyOutcome> {
  const tx = new ApplyTransaction(session, plans, opts);
  const applied = await tx.apply();
  if (applied.ok && (await tx.verify()).passed) return tx.save();
  return tx.revert();
}
