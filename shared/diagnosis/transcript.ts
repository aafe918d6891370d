import { linuxTranscriptInput } from './linux/facts.js';
import { parseShowEnvironment } from '../rtx/show-environment.js';
import type { CommandOutput, ContractNotice, DiagnosisInput } from './input.js';
import { splitRtxTranscript } from './rtx/transcript.js';

/**
 * A pasted console transcript (Tera Term log, copy-paste, a forum post, with or without prompts) as diagnosis input.
 * RTX command blocks win when present; otherwise it is read as a Linux/VyOS terminal session. Commands
 * the transcript does not contain stay unknown: nothing is inferred from their absence.
 */
export function transcriptToInput(text: string, notice?: ContractNotice): DiagnosisInput {
  const rtx = splitRtxTranscript(text);
  // Log lines alone do not make a paste an RTX one (a Linux paste may hold dated lines too).
  if (rtx.some((b) => b.found !== 'log-lines')) {
    return { platform: 'rtx', source: 'transcript', outputs: rtx, device: rtxDevice(rtx), ...(notice ? { notice } : {}) };
  }
  // The Linux reader keeps VyOS `set` lines typed at the prompt and marks commands that failed.
  return linuxTranscriptInput(text, { device: null, ...(notice ? { notice } : {}) });
}

/** Model and firmware from `show environment`, else from the `show config` header. */
export function rtxDevice(outputs: readonly CommandOutput[]): { model: string; firmware: string } | null {
  for (const command of ['show environment', 'show config']) {
    const o = outputs.find((x) => x.command === command && x.status === 'ok');
    if (!o) continue;
    const head = command === 'show config' ? o.output.split('\n').slice(0, 8).join('\n') : o.output;
    const env = parseShowEnvironment(head);
    if (env.model && env.firmware) return { model: env.model, firmware: env.firmware };
  }
  return null;
}
