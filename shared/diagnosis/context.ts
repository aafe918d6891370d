/**
 * What every detector sees: the outputs, their lazily parsed facts per platform, and the line identity built
 * from them (line/identity.ts).
 */
import type { DiagnosisInput } from './input.js';
import type { FactsView } from './facts.js';
import { identifyLine, type LineIdentity } from './line/identity.js';
import { createLinuxFacts, type LinuxFacts } from './linux/facts.js';
import { createRtxFacts, type RtxFacts } from './rtx/facts.js';
import { createSource } from './source.js';

export interface DiagnosisContext extends FactsView {
  /** What line this is (service, prefix, BR, CE, port set, fixed IP), worked out once. */
  readonly line: LineIdentity;
}

export function createContext(input: DiagnosisInput): DiagnosisContext {
  // One object: the facts parsers fill `device` on the source, and the engine reads it back from the context.
  const source = createSource(input);
  let rtx: RtxFacts | undefined;
  let linux: LinuxFacts | undefined;
  let line: LineIdentity | undefined;
  const ctx = Object.defineProperties(source, {
    rtx: { get: () => (rtx ??= createRtxFacts(source)) },
    linux: { get: () => (linux ??= createLinuxFacts(source)) },
    line: { get: () => (line ??= identifyLine(ctx)) },
  }) as DiagnosisContext;
  return ctx;
}
