/**
 * `ipoe-doctor linux-ce …`: Linux CE mode, the bundled datapath. detect / plan / apply / verify / rollback /
 * persist / unpersist on this host (--local) or over SSH, and diagnose for an existing Linux or VyOS CE.
 * Every script is shown before it runs; passwords never appear in what is shown or exported.
 */
import { diagnosisJson } from '../../../shared/diagnosis/engine.js';
import { MissingPlanFieldsError } from '../../../shared/linux/datapath/errors.js';
import { UP_SCRIPT_FILE, UPDATE_PASS_ENV, UPDATE_PASS_FILE } from '../../../shared/linux/datapath/names.js';
import { applyBlockers, planInputOf } from '../../../shared/linux/datapath/plan-request.js';
import { SERVICE_IDS, buildPlan, isServiceId, type DatapathPlan, type PlanInput } from '../../../shared/linux/datapath/plan.js';
import { shq } from '../../../shared/linux/datapath/sh.js';
import { WATCH_SCRIPT_FILE, WATCH_UNIT_NAME } from '../../../shared/linux/datapath/replan.js';
import { DEFAULT_VERIFY_TARGET, parseVerifyTarget, verifyChecks, type VerifyResult } from '../../../shared/linux/datapath/verify.js';
import type { Gap } from '../../../shared/linux/host-facts.js';
import type { ServiceId } from '../../../shared/services/index.js';
import { dataDir } from '../../app-data.js';
import { ShellSessionError } from '../../devices/linux-shell-session.js';
import {
  LinuxCeHost,
  linuxCeErrorText,
  linuxCeFailure,
  writePlanScripts,
  type DetectRequest,
  type LinuxCePlanRequest,
} from '../../datapath/linux-ce-host.js';
import type { TargetRequest } from '../../datapath/target.js';
import { KnownHosts } from '../../transports/known-hosts.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, flagString, parseArgs, type CliCommand, type CliIo, type ParsedArgs } from '../command.js';
import { cliLanguage } from './diagnose.js';
import { renderDiagnosisText } from '../render-diagnosis.js';
import { cliText, factsJson, gapLines, planJson, planText, renderFacts, verifyJson, verifyLines, type CliText } from '../render-linux-ce.js';
import { ask } from '../terminal-prompt.js';

const ACTIONS = ['detect', 'plan', 'apply', 'verify', 'status', 'rollback', 'persist', 'unpersist', 'diagnose'] as const;
type Action = (typeof ACTIONS)[number];

const USAGE =
  `linux-ce ${ACTIONS.join('|')} (--local | --ssh user@host[:port] [--key FILE] [--trust-host-key SHA256:…]) ` +
  `--service ${SERVICE_IDS.join('|')} [--prefix P] [--wan IF] [--gateway fe80::…] ` +
  '[--fixed-ipv4 A --fixed-iid IID --br ADDR --update-user U] [--replace-existing TUNNEL[,…]] [--verify-host A.B.C.D[:port]] ' +
  '[--export FILE] [--show-secrets] [--no-provisioning] [--yes] [--json]';

const FLAGS = {
  valued: ['ssh', 'key', 'trust-host-key', 'service', 'prefix', 'wan', 'gateway', 'fixed-ipv4', 'fixed-iid', 'br', 'update-user', 'replace-existing', 'verify-host', 'export', 'local-address', 'lang'],
  boolean: ['local', 'yes', 'json', 'show-secrets', 'no-provisioning'],
};

/** Exit 3: the host could not be reached or a step failed to run (as `diagnose` uses for connection errors). */
const EXIT_FAILED = 3;

export const linuxCe: CliCommand = {
  name: 'linux-ce',
  summary:
    'Turn a Linux host into the CE (ip6tnl + nftables): detect what the host has, plan and show the exact script, apply it ' +
    'idempotently and verify (ping + TCP through the tunnel), roll back to the identical state, persist with systemd; ' +
    'diagnose an existing Linux/VyOS CE.',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, FLAGS);
    const action = parsed.positionals[0];
    if (!action || !(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`choose one of: ${ACTIONS.join(', ')}`);
    if (parsed.positionals.length > 1) throw new UsageError(`unexpected argument "${parsed.positionals[1]}"`);
    // The datapath's texts are English unless --lang asks otherwise (diagnose follows the locale, as `diagnose` does).
    const langFlag = flagString(parsed, 'lang');
    const text = cliText(langFlag === undefined ? 'en' : cliLanguage(langFlag, io.env));
    try {
      return await runAction(action as Action, parsed, io, text);
    } catch (err) {
      const failure = linuxCeFailure(err);
      if (failure === null) throw err;
      const why = errorText(err, text);
      if (failure === 'input') {
        io.err(`ipoe-doctor linux-ce ${action}: ${why}\n`);
        return EXIT_USAGE;
      }
      const lost = err instanceof ShellSessionError && err.code === 'disconnected' && (action === 'apply' || action === 'rollback');
      io.err(
        `ipoe-doctor linux-ce ${action}: ${why}\n` +
          (lost ? `The ${action} script runs detached and goes on without the connection: reconnect and run \`linux-ce verify\` or \`linux-ce rollback\`.\n` : ''),
      );
      return EXIT_FAILED;
    }
  },
};

function errorText(err: unknown, text: CliText): string {
  const t = linuxCeErrorText(err);
  return t ? text(t) : err instanceof Error ? err.message : String(err);
}

async function runAction(action: Action, parsed: ParsedArgs, io: CliIo, text: CliText): Promise<number> {
  const json = parsed.flags.has('json');
  const service = serviceFlag(parsed, action === 'plan' || action === 'apply');
  if (action === 'plan' && !parsed.flags.has('local') && !flagString(parsed, 'ssh')) {
    // Offline: everything detection would find is given on the command line.
    let input: PlanInput;
    try {
      input = planInputOf(planRequest(parsed, service!), null, []);
    } catch (err) {
      throw missingFlags(err, false);
    }
    return showPlan(buildPlan(input), parsed, io, text);
  }
  const host = await connect(parsed, io);
  try {
    switch (action) {
      case 'detect': {
        const facts = await host.detect(detectRequest(parsed, service));
        io.out(json ? JSON.stringify({ host: host.label, facts: factsJson(facts, text) }, null, 2) + '\n' : `Host: ${host.label}\n${renderFacts(facts, text)}`);
        return facts.gaps.some((g) => g.severity === 'blocker') ? EXIT_FINDINGS : EXIT_OK;
      }
      case 'plan': {
        const facts = await host.detect(detectRequest(parsed, service));
        const plan = await makePlan(host, parsed, service!, io);
        printBlockers(facts.gaps, io, text);
        return showPlan(plan, parsed, io, text);
      }
      case 'apply':
        return await apply(host, parsed, service!, io, text);
      case 'verify': {
        const verifyHost = flagString(parsed, 'verify-host');
        const checks = verifyHost ? verifyChecks(parseVerifyTarget(verifyHost)) : ((await host.currentChecks()) ?? verifyChecks(DEFAULT_VERIFY_TARGET));
        const results = await host.verify(checks);
        printVerify(results, json, io, text);
        return results.every((r) => r.ok) ? EXIT_OK : EXIT_FINDINGS;
      }
      case 'status': {
        const st = await host.status();
        if (!st) {
          io.out(json ? JSON.stringify({ applied: false }) + '\n' : `IPoE Doctor has applied nothing on ${host.label}.\n`);
          return EXIT_OK;
        }
        if (json) io.out(JSON.stringify(st, null, 2) + '\n');
        else {
          const a = st.applied;
          const p = st.prefix;
          io.out(
            `${a.serviceName} on ${host.label}: tunnel ${a.tunnel} to ${a.br}, applied ${a.appliedAt}${a.persisted ? ', persisted' : ''}\n` +
              `Prefix now: ${p.current} (CE ${p.ce}, IPv4 ${p.ipv4})\n` +
              `Prefix before: ${p.previous ?? 'none (no renumbering seen)'}\n` +
              `Last re-plan: ${p.replannedAt ? `${p.replannedAt}: ${p.result ?? ''}` : 'none'}\n` +
              (st.watching ? 'The prefix watcher follows renumbering (journal tag ipoe-doctor).\n' : 'No prefix watcher: `linux-ce persist` installs one.\n'),
          );
        }
        return EXIT_OK;
      }
      case 'rollback': {
        const r = await host.rollback();
        if (!r) {
          io.out(json ? JSON.stringify({ rolledBack: false, reason: 'nothing applied' }) + '\n' : `Nothing to roll back on ${host.label}: IPoE Doctor has not applied anything there.\n`);
          return EXIT_OK;
        }
        const diff = r.diff && { identical: r.diff.identical, differences: r.diff.differences.map(text), ignored: r.diff.ignored.map(text) };
        if (json) io.out(JSON.stringify({ rolledBack: true, ok: r.ok, output: r.output, diff }, null, 2) + '\n');
        else {
          io.out(r.output.endsWith('\n') ? r.output : `${r.output}\n`);
          if (diff?.identical) io.out('ip and nft state are identical to the state before apply.\n');
          else io.out(`NOT identical to the state before apply:\n${(diff?.differences ?? []).map((d) => `  - ${d}`).join('\n')}\n`);
          for (const i of diff?.ignored ?? []) io.out(`  (ignored: ${i})\n`);
        }
        return r.ok ? EXIT_OK : EXIT_FINDINGS;
      }
      case 'persist': {
        const r = await host.persist();
        if (!r) {
          io.err(`ipoe-doctor linux-ce persist: nothing is applied on ${host.label}; run \`linux-ce apply\` first (persist keeps exactly what was applied)\n`);
          return EXIT_USAGE;
        }
        if (json) io.out(JSON.stringify(r, null, 2) + '\n');
        else {
          io.out(`Wrote ${r.files.join(', ')}\n${r.output}`);
          io.out(r.systemd ? `Enabled ipoe-doctor-ce.service: the datapath comes back at boot.\n` : `systemd is not running on this host: no unit was installed. Run ${UP_SCRIPT_FILE} at boot from your init system.\n`);
          if (r.watching) io.out(r.systemd ? `Enabled ${WATCH_UNIT_NAME}: a new delegated prefix is followed (CE address, IPv4, ports re-planned).\n` : `The prefix watcher ${WATCH_SCRIPT_FILE} runs now (start it at boot too): a new delegated prefix is followed.\n`);
        }
        return r.ok ? EXIT_OK : EXIT_FINDINGS;
      }
      case 'unpersist': {
        const r = await host.unpersist();
        io.out(json ? JSON.stringify(r, null, 2) + '\n' : `${r.output}${r.ok ? 'The boot-time datapath is removed (stopping the unit ran the rollback).\n' : ''}`);
        return r.ok ? EXIT_OK : EXIT_FINDINGS;
      }
      case 'diagnose': {
        const lang = cliLanguage(flagString(parsed, 'lang'), io.env);
        const opt = (name: string) => flagString(parsed, name);
        const { result } = await host.diagnose(
          { service, prefix: opt('prefix'), wan: opt('wan'), br: opt('br'), fixedIpv4: opt('fixed-ipv4'), fixedIid: opt('fixed-iid'), askProvisioning: !parsed.flags.has('no-provisioning') },
          (c) => (json ? undefined : io.err(`  ${c}\n`)),
        );
        io.out(json ? JSON.stringify(diagnosisJson(result, lang), null, 2) + '\n' : renderDiagnosisText(result, lang));
        return result.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
      }
    }
  } finally {
    await host.close().catch(() => undefined);
  }
}

async function apply(host: LinuxCeHost, parsed: ParsedArgs, service: ServiceId, io: CliIo, text: CliText): Promise<number> {
  const json = parsed.flags.has('json');
  const facts = await host.detect(detectRequest(parsed, service));
  const blockers = applyBlockers(facts, flagString(parsed, 'prefix') !== undefined);
  if (blockers.length) {
    printBlockers(facts.gaps, io, text);
    io.err('Nothing was changed: fix the blockers above first.\n');
    return EXIT_FINDINGS;
  }
  const plan = await makePlan(host, parsed, service, io);
  const log = (t: string) => (json ? io.err(t) : io.out(t));
  log(planText(plan, text) + `\n--- the exact script that will run on ${host.label} ---\n${plan.script}--- end of script ---\n`);
  if (await host.needsUpdatePassword()) {
    const password = (await ask(`Update-server password for ${flagString(parsed, 'update-user')} (not shown): `, { secret: true })) ?? undefined;
    if (!password) {
      io.err(`ipoe-doctor linux-ce apply: the update-server password is needed: set ${UPDATE_PASS_ENV} (it is stored on the target in ${UPDATE_PASS_FILE}, mode 600)\n`);
      return EXIT_USAGE;
    }
    host.setUpdatePassword(password);
  }
  if (!parsed.flags.has('yes')) {
    const answer = await ask(`Run this script on ${host.label}? [y/N] `);
    if (answer === null) {
      io.err('ipoe-doctor linux-ce apply: no terminal to ask; review the script above and run again with --yes\n');
      return EXIT_USAGE;
    }
    if (!/^y(es)?$/i.test(answer)) {
      io.err('Not applied.\n');
      return EXIT_FINDINGS;
    }
  }
  const outcome = await host.apply();
  log(outcome.output.endsWith('\n') ? outcome.output : `${outcome.output}\n`);
  if (!outcome.ok) {
    io.err('The apply script failed (see above). `ipoe-doctor linux-ce rollback` undoes what it did.\n');
    if (json) io.out(JSON.stringify({ applied: false, output: outcome.output }, null, 2) + '\n');
    return EXIT_FINDINGS;
  }
  const results = await host.verify(plan.verify);
  if (json) io.out(JSON.stringify({ applied: true, summary: plan.summary, verify: verifyJson(results, text) }, null, 2) + '\n');
  else printVerify(results, false, io, text);
  if (!results.every((r) => r.ok) && !json) {
    io.out('Verification failed: the datapath is in place but IPv4 does not pass yet. `linux-ce diagnose` explains why; `linux-ce rollback` removes it.\n');
  }
  return results.every((r) => r.ok) ? EXIT_OK : EXIT_FINDINGS;
}

function serviceFlag(parsed: ParsedArgs, required: boolean): ServiceId | undefined {
  const s = flagString(parsed, 'service');
  if (s === undefined) {
    if (required) throw new UsageError(`--service is required: ${SERVICE_IDS.join(', ')}`);
    return undefined;
  }
  if (!isServiceId(s)) throw new UsageError(`unknown --service "${s}"; choose one of ${SERVICE_IDS.join(', ')}`);
  return s;
}

function detectRequest(parsed: ParsedArgs, service: ServiceId | undefined): DetectRequest {
  return { wan: flagString(parsed, 'wan'), prefixGiven: flagString(parsed, 'prefix') !== undefined, service };
}

function planRequest(parsed: ParsedArgs, service: ServiceId): LinuxCePlanRequest {
  const opt = (name: string) => flagString(parsed, name);
  return {
    service,
    prefix: opt('prefix'),
    wan: opt('wan'),
    gateway: opt('gateway'),
    br: opt('br'),
    fixedIpv4: opt('fixed-ipv4'),
    fixedIid: opt('fixed-iid'),
    updateUser: opt('update-user'),
    localAddress: opt('local-address'),
    verifyHost: opt('verify-host'),
    replaceExisting: (opt('replace-existing') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}

/** The plan for this host: the flags, what detection found, and the update password from the environment. */
async function makePlan(host: LinuxCeHost, parsed: ParsedArgs, service: ServiceId, io: CliIo): Promise<DatapathPlan> {
  try {
    return (await host.makePlan({ ...planRequest(parsed, service), updatePassword: io.env[UPDATE_PASS_ENV], askProvisioning: !parsed.flags.has('no-provisioning') })).plan;
  } catch (err) {
    throw missingFlags(err, true);
  }
}

/** Detection (or, offline, the flags) gave no prefix, WAN or gateway: the flags to give. Other errors as they are. */
function missingFlags(err: unknown, detected: boolean): unknown {
  if (!(err instanceof MissingPlanFieldsError)) return err;
  const missing = err.fields.map((f) => `--${f}`);
  return new UsageError(
    detected
      ? `detection could not find ${missing.join(', ')} on this host: give ${missing.length > 1 ? 'them' : 'it'} on the command line`
      : `without --local or --ssh, plan needs ${missing.join(', ')} (what detection would find)`,
  );
}

async function connect(parsed: ParsedArgs, io: CliIo): Promise<LinuxCeHost> {
  const local = parsed.flags.has('local');
  const ssh = flagString(parsed, 'ssh');
  if (local === (ssh !== undefined)) throw new UsageError('choose exactly one of --local or --ssh user@host[:port]');
  let request: TargetRequest;
  const envSudo = io.env.IPOE_DOCTOR_SUDO_PASSWORD || undefined;
  /** Every password given or asked for, masked from every output (the host reads them once it is open). */
  const secrets: (string | undefined)[] = [envSudo];
  // Asked only if sudo turns out to want a password (and only where there is a terminal to ask on).
  const askSudo = (who: string) => async () => {
    const p = envSudo ?? ((await ask(`sudo password for ${who} (not shown): `, { secret: true })) || undefined);
    secrets.push(p);
    return p;
  };
  if (local) request = { kind: 'local', sudoPassword: askSudo('this host') };
  else {
    const m = /^([^@\s]+)@(\[[0-9a-f:.]+\]|[^:\s]+)(?::(\d+))?$/i.exec(ssh!);
    if (!m) throw new UsageError('--ssh takes user@host or user@host:port (IPv6: user@[addr]:port)');
    const port = m[3] ? Number(m[3]) : 22;
    if (port < 1 || port > 65535) throw new UsageError('the SSH port must be 1–65535');
    const key = flagString(parsed, 'key');
    const pinned = flagString(parsed, 'trust-host-key');
    const password = io.env.IPOE_DOCTOR_PASSWORD ?? (key ? undefined : ((await ask('SSH password (Enter if none): ', { secret: true })) ?? undefined));
    secrets.push(password);
    request = {
      kind: 'ssh',
      username: m[1]!,
      host: m[2]!.replace(/^\[|\]$/g, ''),
      port,
      privateKeyPath: key,
      password: password || undefined,
      knownHosts: KnownHosts.inDataDir(dataDir()),
      // The login password usually is the sudo password too.
      sudoPassword: envSudo ?? (password || askSudo(`${m[1]!}@${m[2]!}`)),
      confirmHostKey: async (info) => {
        io.err(`The SSH host ${info.host}:${info.port} is new. Its ${info.keyType} key fingerprint is\n  ${info.fingerprint}\n`);
        if (pinned) return pinned === info.fingerprint;
        return /^y(es)?$/i.test((await ask('Trust this host key? [y/N] ')) ?? '');
      },
    };
  }
  return LinuxCeHost.open(request, secrets);
}

function printBlockers(gaps: readonly Gap[], io: CliIo, text: CliText): void {
  for (const g of gaps) {
    const [what, how] = gapLines(g, text);
    io.err(`${what}\n    ${how}\n`);
  }
}

/** `--show-secrets` is the user asking for the password inside the exported script; nothing else ever shows it. */
function withSecret(script: string, parsed: ParsedArgs, io: CliIo): string {
  const pass = io.env[UPDATE_PASS_ENV];
  if (!parsed.flags.has('show-secrets') || !pass || !script.includes('notify_update')) return script;
  const [first, ...rest] = script.split('\n');
  return [first, `${UPDATE_PASS_ENV}=${shq(pass)}  # --show-secrets: the update-server password, in clear`, ...rest].join('\n');
}

async function showPlan(plan: DatapathPlan, parsed: ParsedArgs, io: CliIo, text: CliText): Promise<number> {
  const exportTo = flagString(parsed, 'export');
  if (parsed.flags.has('show-secrets') && !exportTo) throw new UsageError('--show-secrets only applies to --export (the password is never printed)');
  if (exportTo) {
    const files = await writePlanScripts({ script: withSecret(plan.script, parsed, io), rollbackScript: plan.rollbackScript }, exportTo, { private: parsed.flags.has('show-secrets') });
    io.err(`Wrote ${files.script} and ${files.rollbackScript}.\n`);
  }
  if (parsed.flags.has('json')) io.out(JSON.stringify(planJson(plan, text), null, 2) + '\n');
  else io.out(`${planText(plan, text)}\n--- apply script (exact; nothing has run) ---\n${plan.script}--- end of script ---\n`);
  return EXIT_OK;
}

function printVerify(results: readonly VerifyResult[], json: boolean, io: CliIo, text: CliText): void {
  if (json) io.out(JSON.stringify({ verify: verifyJson(results, text) }, null, 2) + '\n');
  else io.out(verifyLines(results, text));
}
