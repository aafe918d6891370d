import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createContext, type DiagnosisContext } from '../../../../shared/diagnosis/context.js';
import { diagnose, type DiagnosisResult } from '../../../../shared/diagnosis/engine.js';
import type { ContractNotice, DiagnosisInput } from '../../../../shared/diagnosis/input.js';
import { linuxTranscriptInput } from '../../../../shared/diagnosis/linux/facts.js';
import type { Finding, FindingCode } from '../../../../shared/diagnosis/types.js';
import { definitionOf, findingOf } from '../../../../shared/diagnosis/registry.js';

const DIR = fileURLToPath(new URL('../../../fixtures/diagnosis/linux/', import.meta.url));

export const HEALTHY = [
  'healthy-v6plus-nft.txt',
  'healthy-biglobe-nft-map.txt',
  'healthy-ocn-nft.txt',
  'healthy-v6plus-fixed-ipip.txt',
  'healthy-transix-dslite.txt',
] as const;

export function fixture(name: string): string {
  return readFileSync(DIR + name, 'utf8');
}

export function input(text: string, notice?: ContractNotice): DiagnosisInput {
  return linuxTranscriptInput(text, notice ? { notice } : {});
}

export function run(text: string, notice?: ContractNotice): DiagnosisResult {
  return diagnose(input(text, notice));
}

export function ctxOf(text: string, notice?: ContractNotice): DiagnosisContext {
  return createContext(input(text, notice));
}

/** One finding's Linux detector alone on a context, as findings (what the engine would make of its cases). */
export function detectOn(code: FindingCode, ctx: DiagnosisContext): Finding[] {
  const d = definitionOf(code);
  const detector = d.platforms.linux;
  if (!detector) throw new Error(`${code} has no Linux detector`);
  return detector.detect(ctx).map((p) => findingOf(d, p));
}

export function codes(r: DiagnosisResult | Finding[]): FindingCode[] {
  return (Array.isArray(r) ? r : r.findings).map((f) => f.code);
}

export function only(r: DiagnosisResult, code: FindingCode): Finding {
  const found = r.findings.filter((f) => f.code === code);
  if (found.length !== 1) throw new Error(`expected one ${code}, got ${found.length}: ${codes(r).join(', ')}`);
  return found[0]!;
}

/** Replace text in a fixture; fails loudly when the text is not there (a silent no-op would pass the test). */
export function mutate(text: string, from: string | RegExp, to: string): string {
  const hit = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!hit) throw new Error(`mutation target not found: ${String(from)}`);
  return typeof from === 'string' ? text.split(from).join(to) : text.replace(new RegExp(from.source, from.flags.includes('g') ? from.flags : from.flags + 'g'), to);
}

/** Drop every line matching `re`. */
export function dropLines(text: string, re: RegExp): string {
  const lines = text.split('\n');
  const kept = lines.filter((l) => !re.test(l));
  if (kept.length === lines.length) throw new Error(`no line matches ${String(re)}`);
  return kept.join('\n');
}

/** The lines of the transcript with the given 1-based numbers. */
export function linesOf(text: string, numbers: readonly number[]): string[] {
  const all = text.split('\n');
  return numbers.map((n) => all[n - 1] ?? '');
}

export function problems(r: DiagnosisResult): Finding[] {
  return r.findings.filter((f) => f.severity !== 'info');
}
