import { canonicalCommand, type CommandOutput } from '../../shared/diagnosis/input.js';
import type { RtxSession } from '../devices/rtx-session.js';
import type { GatherStep } from './plan.js';

export interface GatherProgress {
  index: number;
  total: number;
  command: string;
  status: 'running' | 'done' | 'unsupported' | 'failed';
  bytes: number;
  /** Seconds left for the whole plan at line speed (null on an unbounded link such as SSH). */
  etaSeconds: number | null;
}

const UNSUPPORTED = /Invalid command name|コマンド名を確認してください/;

/**
 * Run a gather plan on an RTX console, reporting bytes and ETA per command. A command the firmware
 * lacks becomes `unsupported` (its facts are unknown), never an error that stops the gather. A `| grep` the
 * console refuses is read the plain way instead (the step's `withoutGrep`), and the session stops offering grep.
 * A read with `stopWhen` stops at the pager once it holds; its output is marked `partial`.
 */
export async function runGather(
  session: RtxSession,
  plan: readonly GatherStep[],
  onProgress: (p: GatherProgress) => void,
  signal?: AbortSignal,
): Promise<CommandOutput[]> {
  const outputs: CommandOutput[] = [];
  const read = new Set<string>();
  const bps = session.transport.bytesPerSecond;
  // What a step is expected to cost as things stand: once the console refused grep, its plain read's estimate,
  // or nothing when that plain read is done already.
  const expected = (s: GatherStep): number => {
    if (!s.withoutGrep || session.features.grep) return s.expectBytes;
    return read.has(canonicalCommand(s.withoutGrep.command)) ? 0 : s.withoutGrep.expectBytes;
  };
  const eta = (fromIndex: number, doneBytesOfCurrent: number) =>
    bps ? plan.slice(fromIndex).reduce((sum, s, i) => sum + (i === 0 ? Math.max(expected(s) - doneBytesOfCurrent, 0) : expected(s)), 0) / bps : null;

  const readStep = async (index: number, step: GatherStep): Promise<{ step: GatherStep; bytes: number; output: CommandOutput; refusedGrep: boolean }> => {
    const base = { index, total: plan.length, command: step.command };
    if (step.needsAdmin && !session.admin) await session.enterAdmin();
    const r = await session.run(step.command, {
      expectBytes: step.expectBytes,
      onBytes: (bytes) => onProgress({ ...base, status: 'running', bytes, etaSeconds: eta(index, bytes) }),
      ...(step.stopWhen ? { stopWhen: step.stopWhen, ...(step.pageLines ? { pageLines: step.pageLines } : {}) } : {}),
    });
    const unsupported = r.error !== null && UNSUPPORTED.test(r.error);
    return {
      step,
      bytes: r.bytes,
      refusedGrep: r.error !== null && step.withoutGrep !== undefined,
      output: {
        command: step.command,
        output: r.output,
        firstLine: 1,
        status: r.error ? (unsupported ? 'unsupported' : 'error') : 'ok',
        ...(r.error ? { errorText: r.error } : {}),
        ...(r.stopped ? { partial: true } : {}),
      },
    };
  };

  for (const [index, planned] of plan.entries()) {
    if (signal?.aborted) throw new Error('cancelled');
    const base = { index, total: plan.length, command: planned.command };
    // Once the console has refused `| grep`, every grep'd read becomes its plain read (each read once).
    let step = planned.withoutGrep && !session.features.grep ? planned.withoutGrep : planned;
    if (read.has(canonicalCommand(step.command))) {
      onProgress({ ...base, status: 'done', bytes: 0, etaSeconds: eta(index + 1, 0) });
      continue;
    }
    onProgress({ ...base, command: step.command, status: 'running', bytes: 0, etaSeconds: eta(index, 0) });
    try {
      let done = await readStep(index, step);
      if (done.refusedGrep && planned.withoutGrep) {
        session.features.grep = false;
        step = planned.withoutGrep;
        if (read.has(canonicalCommand(step.command))) {
          onProgress({ ...base, status: 'done', bytes: done.bytes, etaSeconds: eta(index + 1, 0) });
          continue;
        }
        done = await readStep(index, step);
      }
      read.add(canonicalCommand(step.command));
      outputs.push(done.output);
      const status = done.output.status === 'ok' ? 'done' : done.output.status === 'unsupported' ? 'unsupported' : 'failed';
      onProgress({ ...base, command: step.command, status, bytes: done.bytes, etaSeconds: eta(index + 1, 0) });
    } catch (err) {
      onProgress({ ...base, status: 'failed', bytes: 0, etaSeconds: null });
      throw err;
    }
  }
  return outputs;
}
