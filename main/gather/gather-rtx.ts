import { canonicalCommand, type CommandOutput } from '../../shared/diagnosis/input.js';
import { createContext } from '../../shared/diagnosis/context.js';
import { AFTR_NAMES } from '../../shared/diagnosis/rtx/setup-evidence.js';
import type { Rule } from '../../shared/diagnosis/rule.js';
import type { RtxSession } from '../devices/rtx-session.js';
import { planGather, type GatherStep } from './plan.js';
import { runGather, type GatherProgress } from './run.js';

/**
 * Gather in two passes: the commands every rule needs, then the ones that depend on what they showed
 * (`show status tunnel N` for each configured tunnel, `ping6` to the BR the service expects).
 * `reuse`: outputs just read on this session (identify's `show environment` and `show config`); at 9600 bit/s
 * reading them again would cost seconds for nothing.
 */
export async function gatherRtx(
  session: RtxSession,
  rules: readonly Rule[],
  onProgress: (p: GatherProgress & { pass: 1 | 2 }) => void,
  signal?: AbortSignal,
  reuse: readonly CommandOutput[] = [],
): Promise<CommandOutput[]> {
  const planned = planGather(rules, null);
  const fresh = new Map(reuse.filter((o) => o.status === 'ok').map((o) => [canonicalCommand(o.command), o]));
  const reused = planned.flatMap((s) => fresh.get(canonicalCommand(s.command)) ?? []);
  const first = planned.filter((s) => !fresh.has(canonicalCommand(s.command)));
  const outputs = [...reused, ...(await runGather(session, first, (p) => onProgress({ ...p, pass: 1 }), signal))];
  const ctx = createContext({ platform: 'rtx', source: 'live', outputs });
  const tunnels = Object.keys(ctx.rtx.config?.tunnels ?? {}).map(Number);
  // Only an address is pinged: an AFTR name may not resolve, and that is a finding of its own.
  const expected = ctx.line.br?.address ?? ctx.line.br?.name ?? null;
  const br = expected && expected.includes(':') ? expected : null;
  // A router with no IPv4 tunnel on a line no MAP-E rule names: which DS-Lite AFTR names does it resolve?
  const service = ctx.line.service;
  const aftrNames = ctx.rtx.config && ctx.rtx.tunnel === null && ctx.line.prefix && (!service || service.encapsulation.value === 'ds-lite') ? AFTR_NAMES.map((a) => a.name) : [];
  const done = new Set(planned.map((s) => s.command));
  const second: GatherStep[] = planGather(rules, { tunnels, br, aftrNames }).filter((s) => !done.has(s.command));
  if (second.length) outputs.push(...(await runGather(session, second, (p) => onProgress({ ...p, pass: 2 }), signal)));
  return outputs;
}
