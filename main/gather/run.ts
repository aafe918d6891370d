import type { CommandOutput } from '../../shared/diagnosis/input.js';
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
 * lacks becomes `unsupported` (its facts are unknown), never an error that stops the gather.
 */
export async function runGather(
  session: RtxSession,
  plan: readonly GatherStep[],
  onProgress: (p: GatherProgress) => void,
  signal?: AbortSignal,
): Promise<CommandOutput[]> {
  const outputs: CommandOutput[] = [];
  const bps = session.transport.bytesPerSecond;
  const eta = (fromIndex: number, doneBytesOfCurrent: number) =>
    bps ? plan.slice(fromIndex).reduce((sum, s, i) => sum + (i === 0 ? Math.max(s.expectBytes - doneBytesOfCurrent, 0) : s.expectBytes), 0) / bps : null;

  for (const [index, step] of plan.entries()) {
    if (signal?.aborted) throw new Error('cancelled');
    const base = { index, total: plan.length, command: step.command };
    onProgress({ ...base, status: 'running', bytes: 0, etaSeconds: eta(index, 0) });
    if (step.needsAdmin && !session.admin) await session.enterAdmin();
    try {
      const r = await session.run(step.command, {
        expectBytes: step.expectBytes,
        onBytes: (bytes) => onProgress({ ...base, status: 'running', bytes, etaSeconds: eta(index, bytes) }),
      });
      const unsupported = r.error !== null && UNSUPPORTED.test(r.error);
      outputs.push({
        command: step.command,
        output: r.output,
        firstLine: 1,
        status: r.error ? (unsupported ? 'unsupported' : 'error') : 'ok',
        ...(r.error ? { errorText: r.error } : {}),
      });
      onProgress({ ...base, status: unsupported ? 'unsupported' : r.error ? 'failed' : 'done', bytes: r.bytes, etaSeconds: eta(index + 1, 0) });
    } catch (err) {
      onProgress({ ...base, status: 'failed', bytes: 0, etaSeconds: null });
      throw err;
    }
  }
  return outputs;
}
