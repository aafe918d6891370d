import { canonicalCommand, type CommandOutput, type DiagnosisInput } from './input.js';
import type { Evidence } from './types.js';
import { createRtxFacts, type RtxFacts } from './rtx-facts.js';
import { createLinuxFacts, type LinuxFacts } from './linux-facts.js';
import { identifyService, summarizeService, type ServiceContext, type ServiceSummary } from './service-context.js';
import { linuxService } from './rules/linux/expected.js';

/** A Linux CE's service as the report and the CLI show it (the RTX path reads the router config instead). */
function linuxServiceSummary(ctx: DiagnosisContext): ServiceSummary | null {
  const s = linuxService(ctx);
  if (!s.serviceId && !s.prefix && !s.br) return null;
  return { id: s.serviceId, provider: s.service?.name ?? null, prefix: s.mape?.userPrefix ?? s.prefix?.address ?? null, ceAddress: s.ce, br: s.br };
}

export type { ServiceSummary } from './service-context.js';

/** What every rule sees: the raw outputs, lazily parsed facts, the identified service, and evidence helpers. */
export interface DiagnosisContext {
  input: DiagnosisInput;
  device: { model: string; firmware: string } | null;
  notes: string[];
  /** The output of a command that ran fine, or undefined (not gathered, unsupported, failed): unknown. */
  output(command: string): CommandOutput | undefined;
  /** Evidence for lines (1-based) of a command's output, renumbered into the user's own text. */
  evidence(command: string, lines: readonly number[]): Evidence;
  readonly rtx: RtxFacts;
  readonly linux: LinuxFacts;
  readonly service: ServiceContext | null;
  serviceSummary(): ServiceSummary | null;
}

export function createContext(input: DiagnosisInput): DiagnosisContext {
  const byCommand = new Map<string, CommandOutput>();
  // A transcript may hold a command twice; the last run reflects the latest state.
  for (const o of input.outputs) if (o.status === 'ok') byCommand.set(canonicalCommand(o.command), o);
  let rtx: RtxFacts | undefined;
  let linux: LinuxFacts | undefined;
  let service: ServiceContext | null | undefined;

  const ctx: DiagnosisContext = {
    input,
    device: input.device ?? null,
    notes: [],
    output: (command) => byCommand.get(canonicalCommand(command)),
    evidence(command, lines) {
      const o = byCommand.get(canonicalCommand(command));
      const all = o ? o.output.replace(/\r\n?/g, '\n').split('\n') : [];
      const sorted = [...new Set(lines)].sort((a, b) => a - b);
      return {
        command: o?.command ?? canonicalCommand(command),
        lines: sorted.map((l) => (o ? o.firstLine + l - 1 : l)),
        excerpt: sorted.map((l) => all[l - 1] ?? ''),
      };
    },
    get rtx() {
      return (rtx ??= createRtxFacts(ctx));
    },
    get linux() {
      return (linux ??= createLinuxFacts(ctx));
    },
    get service() {
      if (service === undefined) service = identifyService(ctx);
      return service;
    },
    serviceSummary: () =>
      ctx.input.platform === 'linux' ? linuxServiceSummary(ctx) : ctx.service ? summarizeService(ctx.service) : null,
  };
  return ctx;
}
