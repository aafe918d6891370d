/**
 * Test inputs for the RTX rules: a fixture folder under test/fixtures/diagnosis/rtx/ holds one file per
 * command (`show_status_tunnel_1.txt` is `show status tunnel 1`). They are laid end to end as a console
 * transcript (`> command`, then its output), so evidence line numbers are transcript line numbers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { CommandOutput, ContractNotice, DiagnosisInput } from '../../../../shared/diagnosis/input.js';

const ROOT = new URL('../../../fixtures/diagnosis/rtx/', import.meta.url);

export type Outputs = Record<string, string>;

/** Every command's output in a fixture folder, keyed by command. */
export function loadCase(name: string): Outputs {
  const dir = new URL(`${name}/`, ROOT);
  const out: Outputs = {};
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.txt')) continue;
    out[file.slice(0, -4).replace(/_/g, ' ')] = readFileSync(new URL(file, dir), 'utf8');
  }
  return out;
}

/** Lay outputs end to end as a transcript: `RTX1300> command` then the output, numbered from line 1. */
export function transcriptInput(outputs: Outputs, notice?: ContractNotice): DiagnosisInput {
  const list: CommandOutput[] = [];
  let line = 1;
  for (const [command, text] of Object.entries(outputs)) {
    line += 1; // the prompt line
    list.push({ command, output: text, firstLine: line, status: 'ok' });
    line += text.split('\n').length;
  }
  return { platform: 'rtx', source: 'transcript', outputs: list, ...(notice ? { notice } : {}) };
}

/** A copy of a case with some text replaced in one output (`from` must occur, so a stale edit fails loudly). */
export function edit(outputs: Outputs, command: string, from: string | RegExp, to: string): Outputs {
  const text = outputs[command];
  if (text === undefined) throw new Error(`no output for "${command}" in this case`);
  const next = text.replace(from, to);
  if (next === text) throw new Error(`"${String(from)}" not found in "${command}"`);
  return { ...outputs, [command]: next };
}

export const HEALTHY_CASES = [
  'healthy-v6plus-rtx830-ra',
  'healthy-v6plus-rtx1300-pd',
  'healthy-ocn-rtx1300',
  'healthy-biglobe-rtx830',
  'healthy-transix-dslite-rtx830',
  'healthy-v6plus-fixed-rtx1300',
] as const;
