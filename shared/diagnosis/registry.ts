/**
 * The registry derived from the definitions (findings/index.ts): codes in catalog order, a definition per code,
 * the finding a detector's case becomes, and per platform what the gather plan must read. Nothing here names a
 * code: adding one is adding its folder.
 */
import type { FindingDefinition } from './definition.js';
import { FINDINGS } from './findings/index.js';
import type { FindingParts, Platform, Text } from './parts.js';
import type { Rule } from './rule.js';
import type { Finding, FindingCode } from './types.js';

export const FINDING_CODES: readonly FindingCode[] = FINDINGS.map((d) => d.code);

const BY_CODE = new Map<string, FindingDefinition<FindingCode>>(FINDINGS.map((d) => [d.code, d]));

export function definitionOf(code: FindingCode): FindingDefinition<FindingCode> {
  const d = BY_CODE.get(code);
  if (!d) throw new Error(`no definition for finding code ${code}`);
  return d;
}

/** The platforms a finding is detected on: those its definition has a detector for. */
export function platformsOf(d: FindingDefinition): Platform[] {
  return (['rtx', 'linux'] as const).filter((p) => d.platforms[p] !== undefined);
}

/** A detector's case as a finding: the definition's code, title and meaning, with this case's specifics appended. */
export function findingOf(d: FindingDefinition<FindingCode>, parts: FindingParts): Finding {
  const explanation: Text = parts.detail ? { ja: `${d.meaning.ja}\n${parts.detail.ja}`, en: `${d.meaning.en}\n${parts.detail.en}` } : d.meaning;
  return {
    code: d.code,
    severity: parts.severity ?? d.severity,
    title: d.title,
    explanation,
    evidence: parts.evidence,
    ...(parts.fix ? { fix: parts.fix } : {}),
    ...(parts.checklist ? { checklist: parts.checklist } : {}),
    ...(parts.data ? { data: parts.data } : {}),
  };
}

/** Every finding as the gather plan sees it: its code, platforms and the commands each platform's detector reads. */
export const ALL_RULES: readonly Rule[] = FINDINGS.map((d) => ({
  code: d.code,
  platforms: platformsOf(d),
  needs: Object.fromEntries(platformsOf(d).map((p) => [p, d.platforms[p]?.needs ?? []])),
}));
