import { canonicalCommand, type CommandOutput } from '../../shared/diagnosis/input.js';
import { createContext, type DiagnosisContext } from '../../shared/diagnosis/context.js';
import { AFTR_NAMES } from '../../shared/diagnosis/rtx/setup-evidence.js';
import type { Rule } from '../../shared/diagnosis/rule.js';
import type { RtxSession } from '../devices/rtx-session.js';
import { planGather, type PlanFacts } from './plan.js';
import { runGather, type GatherProgress } from './run.js';

/** What the first reads say the second pass should read: per-case commands and narrowed reads' placeholders. */
export function planFactsOf(ctx: DiagnosisContext): PlanFacts {
  const cfg = ctx.rtx.config;
  const ipv4 = ctx.rtx.tunnel;
  // The rules look at the tunnel that carries IPv4 and at every IPIP tunnel; a VPN tunnel is none of theirs.
  const tunnels = [
    ...new Set([
      ...(ipv4 ? [ipv4.id] : []),
      ...Object.values(cfg?.tunnels ?? {})
        .filter((t) => t.encapsulation?.value === 'ipip')
        .map((t) => t.id),
    ]),
  ].sort((a, b) => a - b);
  // Only an address is pinged: an AFTR name may not resolve, and that is a finding of its own.
  const expected = ctx.line.br?.address ?? ctx.line.br?.name ?? null;
  const br = expected && expected.includes(':') ? expected : null;
  const aftrName = (ipv4?.endpointName?.remote ?? ctx.line.br?.name ?? null)?.toLowerCase() ?? null;
  const natDescriptor = ipv4?.natDescriptors?.ids[0];
  // A router with no IPv4 tunnel on a line no MAP-E rule names: which DS-Lite AFTR names does it resolve?
  const service = ctx.line.service;
  const aftrNames = cfg && ipv4 === null && ctx.line.prefix && (!service || service.encapsulation.value === 'ds-lite') ? AFTR_NAMES.map((a) => a.name) : [];
  return { tunnels, br, aftrNames, values: { aftrName, natDescriptor: natDescriptor === undefined ? null : String(natDescriptor) }, ctx };
}

/**
 * Gather in two passes: the commands every rule needs, then the ones that depend on what they showed
 * (`show status tunnel N` for the tunnels the rules look at, `ping6` to the BR the service expects, the log lines
 * naming the AFTR, the tunnel's NAT descriptor, reads a rule wants only when they can matter).
 * `reuse`: outputs just read on this session (identify's `show environment` and `show config`); at 9600 bit/s
 * reading them again would cost seconds for nothing. The console's abilities are the session's `features`.
 */
export async function gatherRtx(
  session: RtxSession,
  rules: readonly Rule[],
  onProgress: (p: GatherProgress & { pass: 1 | 2 }) => void,
  signal?: AbortSignal,
  reuse: readonly CommandOutput[] = [],
): Promise<CommandOutput[]> {
  const opts = () => ({ grep: session.features.grep });
  const planned = planGather(rules, null, opts());
  const fresh = new Map(reuse.filter((o) => o.status === 'ok').map((o) => [canonicalCommand(o.command), o]));
  const reused = planned.flatMap((s) => fresh.get(canonicalCommand(s.command)) ?? []);
  const first = planned.filter((s) => !fresh.has(canonicalCommand(s.command)));
  const outputs = [...reused, ...(await runGather(session, first, (p) => onProgress({ ...p, pass: 1 }), signal))];
  const ctx = createContext({ platform: 'rtx', source: 'live', outputs });
  const done = new Set(outputs.map((o) => canonicalCommand(o.command)));
  // A grep'd read is covered by its plain read already done whole (a plain read stopped early may lack its lines).
  const whole = new Set(outputs.filter((o) => !o.partial).map((o) => canonicalCommand(o.command)));
  const second = planGather(rules, planFactsOf(ctx), opts()).filter(
    (s) => !done.has(canonicalCommand(s.command)) && !(s.withoutGrep && whole.has(canonicalCommand(s.withoutGrep.command))),
  );
  if (second.length) outputs.push(...(await runGather(session, second, (p) => onProgress({ ...p, pass: 2 }), signal)));
  return outputs;
}
