/**
 * What a finding is, in one place (findings/<code-in-kebab>/definition.ts): its code, severity, where it sits on
 * the path, its title and meaning in both languages, and per platform the detector with the commands it reads.
 * The registry, the catalog, the hop map, the gather plan and docs/findings.md are all derived from these.
 */
import type { FindingParts, Platform, Severity, Text } from './parts.js';
import type { DiagnosisContext } from './context.js';
import type { Need } from './read.js';

/** The hops of the picture LAN → router → NGN → BR/AFTR → Internet. */
export const HOPS = ['lan', 'router', 'ngn', 'br', 'internet'] as const;
export type Hop = (typeof HOPS)[number];

/**
 * How one platform finds the problem. `detect` reads parsed facts and the line identity from the context and
 * returns one entry per case, with its evidence and fix; when a fact it needs is unknown (command not run, not
 * supported) it returns nothing: absence of evidence is never turned into a finding.
 */
export interface Detector {
  /**
   * Commands whose output the detector reads (canonical form), whole or narrowed (read.ts): the gather plan is
   * the union over detectors.
   */
  needs: readonly Need[];
  detect(ctx: DiagnosisContext): FindingParts[];
}

export interface FindingDefinition<C extends string = string> {
  /** The stable public code (../../../shared/design/FINDINGS.md: never renamed). */
  code: C;
  severity: Severity;
  /** A symptom is reported together with the causes found alongside it (TUNNEL_NO_RX). */
  symptom?: boolean;
  hop: Hop;
  title: Text;
  /** The general meaning; each finding appends the specifics of its case. */
  meaning: Text;
  platforms: Partial<Record<Platform, Detector>>;
}

/** Keeps the code a literal type, so the union of codes is derived from the definitions. */
export function defineFinding<const C extends string>(definition: FindingDefinition<C>): FindingDefinition<C> {
  return definition;
}
