import { diagnose, type DiagnosisResult } from '../../shared/diagnosis/engine.js';
import type { CommandOutput, ContractNotice, DiagnosisInput } from '../../shared/diagnosis/input.js';
import { ALL_RULES } from '../../shared/diagnosis/registry.js';
import type { RtxSession } from '../devices/rtx-session.js';
import { gatherRtx } from '../gather/gather-rtx.js';
import type { GatherProgress } from '../gather/run.js';

export interface LiveDiagnosis {
  result: DiagnosisResult;
  outputs: CommandOutput[];
  /** What the engine was given (to diagnose again with more, e.g. the provider's HB46PP answer). */
  input: DiagnosisInput;
}

/** Gather what every rule needs from a logged-in RTX, then diagnose it. */
export async function diagnoseRtxSession(
  session: RtxSession,
  device: { model: string; firmware: string },
  opts: {
    onProgress?: (p: GatherProgress & { pass: 1 | 2 }) => void;
    signal?: AbortSignal;
    notice?: ContractNotice;
    /** Outputs identify just read on this session (see gatherRtx). */
    reuse?: readonly CommandOutput[];
  } = {},
): Promise<LiveDiagnosis> {
  const outputs = await gatherRtx(session, ALL_RULES, opts.onProgress ?? (() => undefined), opts.signal, opts.reuse);
  const input: DiagnosisInput = { platform: 'rtx', source: 'live', outputs, device, ...(opts.notice ? { notice: opts.notice } : {}) };
  return { result: diagnose(input), outputs, input };
}
