import type { DiagnosisContext } from './context.js';
import type { Finding, FindingCode, Platform } from './types.js';

/**
 * One diagnosis rule per file (rules/<code-in-kebab>.ts). A rule reads parsed facts from the context and
 * returns its findings; when a fact it needs is unknown (command not run / not supported), it returns
 * nothing: absence of evidence is never turned into a finding.
 */
export interface Rule {
  code: FindingCode;
  platforms: readonly Platform[];
  /** Commands whose output the rule reads, per platform: the gather plan is the union over rules. */
  needs: Partial<Record<Platform, readonly string[]>>;
  run(ctx: DiagnosisContext): Finding[];
}
