/**
 * Apply, verify, roll back, persist and unpersist on a target. The state on the target
 * (/var/lib/ipoe-doctor/state.json) holds the snapshot taken before the first apply and the exact rollback
 * script, so a rollback from a new process (or after a reboot) undoes precisely what was applied.
 */
import { APPLY_SCRIPT_FILE, CONFIG_DIR, NFT_FILE, ROLLBACK_SCRIPT_FILE, STATE_DIR, STATE_FILE, UPDATE_PASS_FILE } from '../../shared/linux/datapath/names.js';
import { MessageError, type Message } from '../../shared/i18n/message.js';
import { ceText } from '../../shared/linux/datapath/text.js';
import { persistFiles, startCommands, unpersistScript, type PersistSource } from '../../shared/linux/datapath/persist.js';
import { PREFIX_STATE_FILE, type ReplanSpec } from '../../shared/linux/datapath/replan.js';
import type { ExistingTunnel } from '../../shared/linux/datapath/existing-tunnel.js';
import type { DatapathPlan, PlanSummary } from '../../shared/linux/datapath/plan.js';
import { SNAPSHOT_COMMANDS, compareSnapshots, type Snapshot, type SnapshotDiff, type SnapshotPart } from '../../shared/linux/datapath/snapshot.js';
import { shq } from '../../shared/linux/datapath/sh.js';
import type { Target } from './target.js';
import type { ProvisioningRecord } from '../../shared/provisioning/index.js';
import { verifyChecks, type VerifyCheck, type VerifyResult } from '../../shared/linux/datapath/verify.js';

export interface DatapathState {
  version: 1;
  appliedAt: string;
  summary: PlanSummary;
  snapshot: Snapshot;
  rollbackScript: string;
  upScript: string;
  nftRuleset: string;
  verify: VerifyCheck[];
  /** The app wrote the update password file (rollback removes it). */
  wrotePasswordFile: boolean;
  persisted: boolean;
  /** Tunnels taken over, as they were before the first apply. */
  replaced: ExistingTunnel[];
  /** The provider's HB46PP answer the plan used (its token is sent back next time), or why there was none. */
  provisioning?: ProvisioningRecord | null;
  /** What the prefix watcher needs to follow a renumbering (absent in states written before issue 14). */
  replan?: ReplanSpec;
  replanNft?: string | null;
}

/** The target could not do a datapath step (its state file, a script that would not start or finish). */
export class DatapathError extends MessageError {
  override name = 'DatapathError';
  constructor(text: Message) {
    super('ce-datapath', text);
  }
}

export async function readState(target: Target): Promise<DatapathState | null> {
  const r = await target.runRoot(`cat ${STATE_FILE} 2>/dev/null`);
  if (r.exitCode !== 0 || r.output.trim() === '') return null;
  let state: DatapathState;
  try {
    state = JSON.parse(r.output) as DatapathState;
  } catch {
    throw new DatapathError(ceText('STATE_DAMAGED', { file: STATE_FILE }));
  }
  return { ...state, verify: withCheckTexts(state.verify ?? []) };
}

/**
 * A state written before checks carried their text (issue 10) has an English description instead: the checks
 * are made again from their target, which gives the same commands and the text.
 */
function withCheckTexts(checks: VerifyCheck[]): VerifyCheck[] {
  if (checks.every((c) => c.text)) return checks;
  const m = / http:\/\/(\d{1,3}(?:\.\d{1,3}){3}):(\d+)\//.exec(checks.find((c) => c.id === 'tcp')?.command ?? '');
  const again = m ? verifyChecks({ host: m[1]!, port: Number(m[2]) }) : [];
  return again.length && again.every((c, i) => c.command === checks[i]?.command) ? again : checks.map((c) => ({ ...c, text: c.text ?? ceText('CHECK_EARLIER', { id: c.id }) }));
}

async function writeState(target: Target, state: DatapathState): Promise<void> {
  await target.writeRootFile(STATE_FILE, JSON.stringify(state, null, 1) + '\n', '600');
}

/** Busybox's `ip` applet has no -j: every ip command of the snapshot goes to iproute2 by full path. */
export async function takeSnapshot(target: Target): Promise<Snapshot> {
  const find = await target.run('for d in /usr/sbin /sbin /usr/bin /bin; do if [ -x "$d/ip" ] && "$d/ip" -V 2>&1 | grep -q iproute2; then echo "$d/ip"; break; fi; done');
  const ip = find.output.trim() || 'ip';
  const out = {} as Snapshot;
  for (const [part, command] of Object.entries(SNAPSHOT_COMMANDS) as [SnapshotPart, string][]) {
    const full = command.replace(/^ip /, `${ip} `);
    // A failed read must never pass for an empty state: the rollback would then prove nothing (or report every
    // entry as changed). One retry, for a listing that raced a change (nft's cache generation), then a clear stop.
    let r = await target.runRoot(`${full} 2>/dev/null`);
    if (r.exitCode !== 0) r = await target.runRoot(`${full} 2>/dev/null`);
    if (r.exitCode !== 0) {
      const said = (await target.runRoot(`${full} 2>&1 >/dev/null`)).output.trim().split('\n').slice(-2).join(' ');
      throw new DatapathError(ceText('SNAPSHOT_READ_FAILED', { command: full, exit: String(r.exitCode), said }));
    }
    out[part] = r.output;
  }
  return out;
}

/**
 * Runs a script on the target detached from the session (its own session, output to a log beside it), then
 * waits for its exit status. A script that changes routing can cut the very connection that started it (SSH
 * over a route it replaces); it must still run to the end and leave the journal complete, never die half-way
 * with the shell.
 */
async function runScriptDetached(target: Target, script: string, timeoutMs: number): Promise<{ exitCode: number; output: string }> {
  const log = `${script}.log`;
  const rc = `${script}.rc`;
  const start = await target.runRoot(`rm -f ${rc}; (setsid sh -c ${shq(`sh ${script} > ${log} 2>&1; echo $? > ${rc}`)} </dev/null >/dev/null 2>&1 &)`);
  if (start.exitCode !== 0) throw new DatapathError(ceText('SCRIPT_NOT_STARTED', { script, said: start.output.trim() }));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await target.runRoot(`cat ${rc} 2>/dev/null`);
    if (r.exitCode === 0 && /^\d+\s*$/.test(r.output)) {
      const out = await target.runRoot(`cat ${log}`);
      return { exitCode: Number(r.output.trim()), output: out.output };
    }
    if (Date.now() > deadline) throw new DatapathError(ceText('SCRIPT_TIMEOUT', { script, seconds: timeoutMs / 1000, log }));
    await new Promise((res) => setTimeout(res, 300));
  }
}

export interface ApplyOutcome {
  ok: boolean;
  output: string;
  /** True when this apply took the "before" snapshot (the first apply since the last rollback). */
  firstApply: boolean;
}

export async function applyPlan(target: Target, plan: DatapathPlan, opts: { updatePassword?: string | undefined } = {}): Promise<ApplyOutcome> {
  const previous = await readState(target);
  const snapshot = previous?.snapshot ?? (await takeSnapshot(target));
  let wrotePasswordFile = previous?.wrotePasswordFile ?? false;
  if (opts.updatePassword !== undefined) {
    const had = await target.runRoot(`[ -e ${UPDATE_PASS_FILE} ]`);
    await target.writeRootFile(UPDATE_PASS_FILE, opts.updatePassword, '600');
    wrotePasswordFile ||= had.exitCode !== 0;
  }
  // The state is written before the script runs: a half-applied datapath can still be rolled back.
  await writeState(target, {
    version: 1,
    appliedAt: new Date().toISOString(),
    summary: plan.summary,
    snapshot,
    rollbackScript: plan.rollbackScript,
    upScript: plan.upScript,
    nftRuleset: plan.nftRuleset,
    verify: plan.verify,
    wrotePasswordFile,
    persisted: previous?.persisted ?? false,
    // A tunnel taken over by an earlier apply is gone now: its facts from then are the ones rollback needs.
    replaced: [...(previous?.replaced ?? []).filter((p) => !plan.replaced.some((r) => r.name === p.name)), ...plan.replaced],
    provisioning: plan.provisioning ?? previous?.provisioning ?? null,
    replan: plan.replan,
    replanNft: plan.replanNft,
  });
  await target.writeRootFile(APPLY_SCRIPT_FILE, plan.script, '700');
  await target.writeRootFile(ROLLBACK_SCRIPT_FILE, plan.rollbackScript, '700');
  const r = await runScriptDetached(target, APPLY_SCRIPT_FILE, 180_000);
  return { ok: r.exitCode === 0, output: r.output, firstApply: previous === null };
}

export async function runVerify(target: Target, checks: readonly VerifyCheck[]): Promise<VerifyResult[]> {
  const results: VerifyResult[] = [];
  for (const c of checks) {
    const r = await target.runRoot(c.command, { timeoutMs: 30_000 });
    results.push({ id: c.id, text: c.text, ok: r.exitCode === 0, output: r.output });
  }
  return results;
}

export interface RollbackOutcome {
  ok: boolean;
  output: string;
  diff: SnapshotDiff | null;
}

export async function rollback(target: Target): Promise<RollbackOutcome | null> {
  const state = await readState(target);
  if (!state) return null;
  let output = '';
  if (state.persisted) {
    const u = await unpersist(target);
    output += u.output;
  }
  await target.writeRootFile(ROLLBACK_SCRIPT_FILE, state.rollbackScript, '700');
  const r = await runScriptDetached(target, ROLLBACK_SCRIPT_FILE, 120_000);
  output += r.output;
  if (state.wrotePasswordFile) await target.runRoot(`rm -f ${UPDATE_PASS_FILE}; rmdir ${CONFIG_DIR} 2>/dev/null; true`);
  const diff = compareSnapshots(state.snapshot, await takeSnapshot(target));
  // Keep the state when the script failed, so the rollback can be run again once the cause is fixed.
  if (r.exitCode === 0) await target.runRoot(`rm -rf ${shq(STATE_DIR)}`);
  return { ok: r.exitCode === 0 && diff.identical, output, diff };
}

export interface PersistOutcome {
  ok: boolean;
  systemd: boolean;
  files: string[];
  output: string;
  /** The prefix watcher was installed and started (a plan made before issue 14 has none). */
  watching: boolean;
}

/** What `linux-ce status` shows: what was applied, and the prefix watcher's last word (prefix.env). */
export interface PrefixStatus {
  current: string;
  previous: string | null;
  ce: string;
  ipv4: string;
  replannedAt: string | null;
  result: string | null;
}

export async function readPrefixStatus(target: Target, state: DatapathState): Promise<PrefixStatus> {
  const r = await target.runRoot(`cat ${PREFIX_STATE_FILE} 2>/dev/null`);
  const env = Object.fromEntries(
    (r.exitCode === 0 ? r.output : '').split('\n').flatMap((l) => {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(l.trim());
      return m ? [[m[1]!, m[2]!.replace(/^'(.*)'$/, '$1')]] : [];
    }),
  ) as Record<string, string | undefined>;
  const planned = state.replan?.prefix ?? '';
  return {
    current: env.CURRENT_PREFIX || planned,
    previous: env.PREVIOUS_PREFIX || null,
    ce: env.CE || state.summary.ce,
    ipv4: env.IPV4 || state.summary.ipv4,
    replannedAt: env.REPLANNED_AT || null,
    result: env.RESULT || null,
  };
}

export async function persist(target: Target, state: DatapathState): Promise<PersistOutcome> {
  const systemd = (await target.run('[ -d /run/systemd/system ]')).exitCode === 0;
  const src: PersistSource = {
    serviceName: state.summary.serviceName,
    br: state.summary.br,
    upScript: state.upScript,
    rollbackScript: state.rollbackScript,
    nftRuleset: await currentNftRuleset(target, state),
    replan: state.replan ? { spec: state.replan, nftTemplate: state.replanNft ?? null } : undefined,
  };
  const files = persistFiles(src, systemd);
  for (const f of files) await target.writeRootFile(f.path, f.content, f.mode);
  let output = '';
  let ok = true;
  // The state first: the watcher rewrites it when the prefix changes.
  await writeState(target, { ...state, persisted: true });
  const start = startCommands(src, systemd);
  if (start.length) {
    const r = await target.runRoot(start.join(' && '), { timeoutMs: 180_000 });
    output = r.output;
    ok = r.exitCode === 0;
  }
  return { ok, systemd, files: files.map((f) => f.path), output, watching: src.replan !== undefined };
}

/**
 * The nft table to persist: the applied one, unless the prefix watcher re-planned since (MAP-E: a new IPv4 and port
 * set); then the table it loaded, which it keeps in the persisted file (the state keeps the table of the apply).
 */
async function currentNftRuleset(target: Target, state: DatapathState): Promise<string> {
  if (state.replan?.encapsulation !== 'map-e' || (await readPrefixStatus(target, state)).result !== 're-planned') return state.nftRuleset;
  const r = await target.runRoot(`cat ${NFT_FILE}`);
  return r.exitCode === 0 && r.output.trim() !== '' ? r.output : state.nftRuleset;
}

export async function unpersist(target: Target): Promise<{ ok: boolean; output: string }> {
  const r = await target.runRoot(unpersistScript(), { timeoutMs: 120_000 });
  const state = await readState(target);
  if (state?.persisted) await writeState(target, { ...state, persisted: false });
  return { ok: r.exitCode === 0, output: r.output };
}
