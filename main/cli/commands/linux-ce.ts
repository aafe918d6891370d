/**
 * `ipoe-doctor linux-ce …`: Linux CE mode, the bundled datapath. detect / plan / apply / verify / rollback /
 * persist / unpersist on this host (--local) or over SSH, and diagnose for an existing Linux or VyOS CE.
 * Every script is shown before it runs; passwords never appear in what is shown or exported.
 */
import { chmod, writeFile } from 'node:fs/promises';
import { diagnosisJson } from '../../../shared/diagnosis/engine.js';
import { CalcInputError } from '../../../shared/mape/index.js';
import type { ServiceId } from '../../../shared/services/index.js';
import { dataDir } from '../../app-data.js';
import { ShellSessionError } from '../../devices/linux-shell-session.js';
import { DatapathError, applyPlan, persist, readState, rollback, runVerify, unpersist } from '../../datapath/apply.js';
import { detectHost, renderFacts } from '../../datapath/detect.js';
import { diagnoseHost } from '../../datapath/diagnose-host.js';
import type { ExistingTunnel } from '../../datapath/existing-tunnel.js';
import type { HostFacts } from '../../../shared/linux/host-facts.js';
import { UPDATE_PASS_ENV, UPDATE_PASS_FILE } from '../../../shared/linux/datapath/names.js';
import { PlanError, SERVICE_IDS, buildPlan, isServiceId, type DatapathPlan, type PlanInput } from '../../datapath/plan.js';
import { ExistingTunnelError } from '../../datapath/read-existing-tunnel.js';
import { MissingPlanFieldsError, applyBlockers, contractNotice, existingTunnelsToReplace, planInputOf, type PlanRequest } from '../../datapath/plan-request.js';
import { shq } from '../../datapath/sh.js';
import { TargetError, openTarget, type Target, type TargetRequest } from '../../datapath/target.js';
import { DEFAULT_VERIFY_TARGET, parseVerifyTarget, verifyChecks, type VerifyResult } from '../../datapath/verify.js';
import { KnownHosts } from '../../transports/known-hosts.js';
import { TransportError } from '../../transports/transport.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, flagString, parseArgs, type CliCommand, type CliIo, type ParsedArgs } from '../command.js';
import { cliLanguage } from './diagnose.js';
import { renderDiagnosisText } from '../render-diagnosis.js';
import { ask } from '../terminal-prompt.js';

const ACTIONS = ['detect', 'plan', 'apply', 'verify', 'rollback', 'persist', 'unpersist', 'diagnose'] as const;
type Action = (typeof ACTIONS)[number];

const USAGE =
  `linux-ce ${ACTIONS.join('|')} (--local | --ssh user@host[:port] [--key FILE] [--trust-host-key SHA256:…]) ` +
  `--service ${SERVICE_IDS.join('|')} [--prefix P] [--wan IF] [--gateway fe80::…] ` +
  '[--fixed-ipv4 A --fixed-iid IID --br ADDR --update-user U] [--replace-existing TUNNEL[,…]] [--verify-host A.B.C.D[:port]] ' +
  '[--export FILE] [--show-secrets] [--yes] [--json]';

const FLAGS = {
  valued: ['ssh', 'key', 'trust-host-key', 'service', 'prefix', 'wan', 'gateway', 'fixed-ipv4', 'fixed-iid', 'br', 'update-user', 'replace-existing', 'verify-host', 'export', 'local-address', 'lang'],
  boolean: ['local', 'yes', 'json', 'show-secrets'],
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
    try {
      return await runAction(action as Action, parsed, io);
    } catch (err) {
      if (err instanceof PlanError || err instanceof CalcInputError || err instanceof ExistingTunnelError) {
        io.err(`ipoe-doctor linux-ce ${action}: ${err.message}\n`);
        return EXIT_USAGE;
      }
      if (err instanceof TargetError || err instanceof TransportError || err instanceof DatapathError || err instanceof ShellSessionError) {
        const lost = err instanceof ShellSessionError && err.code === 'disconnected' && (action === 'apply' || action === 'rollback');
        io.err(
          `ipoe-doctor linux-ce ${action}: ${err.message}\n` +
            (lost ? `The ${action} script runs detached and goes on without the connection: reconnect and run \`linux-ce verify\` or \`linux-ce rollback\`.\n` : ''),
        );
        return EXIT_FAILED;
      }
      throw err;
    }
  },
};

async function runAction(action: Action, parsed: ParsedArgs, io: CliIo): Promise<number> {
  const json = parsed.flags.has('json');
  const service = serviceFlag(parsed, action === 'plan' || action === 'apply');
  if (action === 'plan' && !parsed.flags.has('local') && !flagString(parsed, 'ssh')) {
    // Offline: everything detection would find is given on the command line.
    return showPlan(buildPlan(planInput(parsed, service!, null, [])), parsed, io);
  }
  const target = await connect(parsed, io);
  try {
    switch (action) {
      case 'detect': {
        const { facts } = await detectHost(target, detectOptions(parsed, service));
        io.out(json ? JSON.stringify({ host: target.label, facts }, null, 2) + '\n' : `Host: ${target.label}\n${renderFacts(facts)}`);
        return facts.gaps.some((g) => g.severity === 'blocker') ? EXIT_FINDINGS : EXIT_OK;
      }
      case 'plan': {
        const { facts } = await detectHost(target, detectOptions(parsed, service));
        const plan = buildPlan(planInput(parsed, service!, facts, await existingTunnels(target, facts, parsed)));
        printBlockers(facts, io);
        return showPlan(plan, parsed, io);
      }
      case 'apply':
        return await apply(target, parsed, service!, io);
      case 'verify': {
        const state = await readState(target);
        const verifyHost = flagString(parsed, 'verify-host');
        const checks = verifyHost ? verifyChecks(parseVerifyTarget(verifyHost)) : (state?.verify ?? verifyChecks(DEFAULT_VERIFY_TARGET));
        const results = await runVerify(target, checks);
        printVerify(results, json, io);
        return results.every((r) => r.ok) ? EXIT_OK : EXIT_FINDINGS;
      }
      case 'rollback': {
        const r = await rollback(target);
        if (!r) {
          io.out(json ? JSON.stringify({ rolledBack: false, reason: 'nothing applied' }) + '\n' : `Nothing to roll back on ${target.label}: IPoE Doctor has not applied anything there.\n`);
          return EXIT_OK;
        }
        if (json) io.out(JSON.stringify({ rolledBack: true, ok: r.ok, output: r.output, diff: r.diff }, null, 2) + '\n');
        else {
          io.out(r.output.endsWith('\n') ? r.output : `${r.output}\n`);
          if (r.diff?.identical) io.out('ip and nft state are identical to the state before apply.\n');
          else io.out(`NOT identical to the state before apply:\n${(r.diff?.differences ?? []).map((d) => `  - ${d}`).join('\n')}\n`);
          for (const i of r.diff?.ignored ?? []) io.out(`  (ignored: ${i})\n`);
        }
        return r.ok ? EXIT_OK : EXIT_FINDINGS;
      }
      case 'persist': {
        const state = await readState(target);
        if (!state) {
          io.err(`ipoe-doctor linux-ce persist: nothing is applied on ${target.label}; run \`linux-ce apply\` first (persist keeps exactly what was applied)\n`);
          return EXIT_USAGE;
        }
        const r = await persist(target, state);
        if (json) io.out(JSON.stringify(r, null, 2) + '\n');
        else {
          io.out(`Wrote ${r.files.join(', ')}\n${r.output}`);
          io.out(r.systemd ? `Enabled ipoe-doctor-ce.service: the datapath comes back at boot.\n` : 'systemd is not running on this host: no unit was installed. Run /usr/local/lib/ipoe-doctor/ce-up.sh at boot from your init system.\n');
        }
        return r.ok ? EXIT_OK : EXIT_FINDINGS;
      }
      case 'unpersist': {
        const r = await unpersist(target);
        io.out(json ? JSON.stringify(r, null, 2) + '\n' : `${r.output}${r.ok ? 'The boot-time datapath is removed (stopping the unit ran the rollback).\n' : ''}`);
        return r.ok ? EXIT_OK : EXIT_FINDINGS;
      }
      case 'diagnose': {
        const lang = cliLanguage(flagString(parsed, 'lang'), io.env);
        const prefix = flagString(parsed, 'prefix');
        const { result } = await diagnoseHost(target, {
          notice: contractNotice({ service, br: flagString(parsed, 'br'), fixedIpv4: flagString(parsed, 'fixed-ipv4'), fixedIid: flagString(parsed, 'fixed-iid') }),
          ...(prefix ? { prefix } : {}),
          onProgress: (c) => (json ? undefined : io.err(`  ${c}\n`)),
        });
        io.out(json ? JSON.stringify(diagnosisJson(result, lang), null, 2) + '\n' : renderDiagnosisText(result, lang));
        return result.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
      }
    }
  } finally {
    await target.close().catch(() => undefined);
  }
}

async function apply(target: Target, parsed: ParsedArgs, service: ServiceId, io: CliIo): Promise<number> {
  const json = parsed.flags.has('json');
  const { facts } = await detectHost(target, detectOptions(parsed, service));
  const blockers = applyBlockers(facts, flagString(parsed, 'prefix') !== undefined);
  if (blockers.length) {
    printBlockers(facts, io);
    io.err('Nothing was changed: fix the blockers above first.\n');
    return EXIT_FINDINGS;
  }
  const plan = buildPlan(planInput(parsed, service, facts, await existingTunnels(target, facts, parsed)));
  const log = (t: string) => (json ? io.err(t) : io.out(t));
  log(planText(plan) + `\n--- the exact script that will run on ${target.label} ---\n${plan.script}--- end of script ---\n`);
  let password: string | undefined;
  if (plan.steps.some((s) => s.id === 'update-notify')) {
    password = io.env[UPDATE_PASS_ENV] ?? undefined;
    if (password === undefined && (await target.runRoot(`[ -s ${UPDATE_PASS_FILE} ]`)).exitCode !== 0) {
      password = (await ask(`Update-server password for ${flagString(parsed, 'update-user')} (not shown): `, { secret: true })) ?? undefined;
      if (!password) {
        io.err(`ipoe-doctor linux-ce apply: the update-server password is needed: set ${UPDATE_PASS_ENV} (it is stored on the target in ${UPDATE_PASS_FILE}, mode 600)\n`);
        return EXIT_USAGE;
      }
    }
  }
  if (!parsed.flags.has('yes')) {
    const answer = await ask(`Run this script on ${target.label}? [y/N] `);
    if (answer === null) {
      io.err('ipoe-doctor linux-ce apply: no terminal to ask; review the script above and run again with --yes\n');
      return EXIT_USAGE;
    }
    if (!/^y(es)?$/i.test(answer)) {
      io.err('Not applied.\n');
      return EXIT_FINDINGS;
    }
  }
  const outcome = await applyPlan(target, plan, { updatePassword: password });
  log(outcome.output.endsWith('\n') ? outcome.output : `${outcome.output}\n`);
  if (!outcome.ok) {
    io.err('The apply script failed (see above). `ipoe-doctor linux-ce rollback` undoes what it did.\n');
    if (json) io.out(JSON.stringify({ applied: false, output: outcome.output }, null, 2) + '\n');
    return EXIT_FINDINGS;
  }
  const results = await runVerify(target, plan.verify);
  if (json) io.out(JSON.stringify({ applied: true, summary: plan.summary, verify: results }, null, 2) + '\n');
  else printVerify(results, false, io);
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

function detectOptions(parsed: ParsedArgs, service: ServiceId | undefined) {
  return {
    wan: flagString(parsed, 'wan'),
    prefixGiven: flagString(parsed, 'prefix') !== undefined,
    needsUpdateClient: service === 'v6plus-fixed' || service === 'transix-fixed',
  };
}

function planRequest(parsed: ParsedArgs, service: ServiceId): PlanRequest {
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
  };
}

function planInput(parsed: ParsedArgs, service: ServiceId, facts: HostFacts | null, replace: ExistingTunnel[]): PlanInput {
  try {
    return planInputOf(planRequest(parsed, service), facts, replace);
  } catch (err) {
    if (!(err instanceof MissingPlanFieldsError)) throw err;
    const missing = err.fields.map((f) => `--${f}`);
    throw new UsageError(
      facts
        ? `detection could not find ${missing.join(', ')} on this host: give ${missing.length > 1 ? 'them' : 'it'} on the command line`
        : `without --local or --ssh, plan needs ${missing.join(', ')} (what detection would find)`,
    );
  }
}

function existingTunnels(target: Target, facts: HostFacts, parsed: ParsedArgs): Promise<ExistingTunnel[]> {
  const names = (flagString(parsed, 'replace-existing') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return existingTunnelsToReplace(target, facts, names);
}

async function connect(parsed: ParsedArgs, io: CliIo): Promise<Target> {
  const local = parsed.flags.has('local');
  const ssh = flagString(parsed, 'ssh');
  if (local === (ssh !== undefined)) throw new UsageError('choose exactly one of --local or --ssh user@host[:port]');
  let request: TargetRequest;
  const envSudo = io.env.IPOE_DOCTOR_SUDO_PASSWORD || undefined;
  // Asked only if sudo turns out to want a password (and only where there is a terminal to ask on).
  const askSudo = (who: string) => async () => envSudo ?? ((await ask(`sudo password for ${who} (not shown): `, { secret: true })) || undefined);
  if (local) request = { kind: 'local', sudoPassword: askSudo('this host') };
  else {
    const m = /^([^@\s]+)@(\[[0-9a-f:.]+\]|[^:\s]+)(?::(\d+))?$/i.exec(ssh!);
    if (!m) throw new UsageError('--ssh takes user@host or user@host:port (IPv6: user@[addr]:port)');
    const port = m[3] ? Number(m[3]) : 22;
    if (port < 1 || port > 65535) throw new UsageError('the SSH port must be 1–65535');
    const key = flagString(parsed, 'key');
    const pinned = flagString(parsed, 'trust-host-key');
    const password = io.env.IPOE_DOCTOR_PASSWORD ?? (key ? undefined : ((await ask('SSH password (Enter if none): ', { secret: true })) ?? undefined));
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
  return openTarget(request);
}

function planText(plan: DatapathPlan): string {
  const s = plan.summary;
  const lines = [
    `Plan: ${s.serviceName} (${s.encapsulation}) on ${s.wan}, upstream router ${s.gateway}`,
    `  tunnel ${s.tunnel} → ${s.br}, local (CE) ${s.ce}, MTU ${s.mtu}`,
    `  IPv4 ${s.ipv4}${s.portRanges ? `, ${s.ports} ports in ${s.portRanges.length} blocks: ${s.portRanges.map(([a, b]) => `${a}-${b}`).join(' ')}` : ''}`,
    '  steps:',
    ...plan.steps.map((st, i) => `    ${i + 1}. ${st.description}`),
    ...plan.warnings.map((w) => `  ! ${w}`),
  ];
  return lines.join('\n') + '\n';
}

function printBlockers(facts: HostFacts, io: CliIo): void {
  for (const g of facts.gaps) io.err(`[${g.severity}] ${g.code}: ${g.message}\n    how: ${g.hint}\n`);
}

/** `--show-secrets` is the user asking for the password inside the exported script; nothing else ever shows it. */
function withSecret(script: string, parsed: ParsedArgs, io: CliIo): string {
  const pass = io.env[UPDATE_PASS_ENV];
  if (!parsed.flags.has('show-secrets') || !pass || !script.includes('notify_update')) return script;
  const [first, ...rest] = script.split('\n');
  return [first, `${UPDATE_PASS_ENV}=${shq(pass)}  # --show-secrets: the update-server password, in clear`, ...rest].join('\n');
}

async function showPlan(plan: DatapathPlan, parsed: ParsedArgs, io: CliIo): Promise<number> {
  const exportTo = flagString(parsed, 'export');
  if (parsed.flags.has('show-secrets') && !exportTo) throw new UsageError('--show-secrets only applies to --export (the password is never printed)');
  if (exportTo) {
    const rollbackTo = exportTo.replace(/(\.sh)?$/, '.rollback.sh');
    const secret = parsed.flags.has('show-secrets');
    // chmod as well: writeFile's mode applies only to a new file, and a file holding the password must be 600.
    if (secret) await writeFile(exportTo, '', { mode: 0o600 }).then(() => chmod(exportTo, 0o600));
    await writeFile(exportTo, withSecret(plan.script, parsed, io), { mode: secret ? 0o600 : 0o755 });
    await writeFile(rollbackTo, plan.rollbackScript, { mode: 0o755 });
    io.err(`Wrote ${exportTo} and ${rollbackTo}.\n`);
  }
  if (parsed.flags.has('json')) {
    const { mape: _mape, ...rest } = plan;
    io.out(JSON.stringify(rest, null, 2) + '\n');
  } else {
    io.out(`${planText(plan)}\n--- apply script (exact; nothing has run) ---\n${plan.script}--- end of script ---\n`);
  }
  return EXIT_OK;
}

function printVerify(results: readonly VerifyResult[], json: boolean, io: CliIo): void {
  if (json) {
    io.out(JSON.stringify({ verify: results }, null, 2) + '\n');
    return;
  }
  for (const r of results) {
    io.out(`${r.ok ? '✓' : '✗'} ${r.description}\n`);
    const tail = r.output.trim().split('\n').slice(-3);
    for (const l of tail) if (l.trim()) io.out(`    ${l}\n`);
  }
}
