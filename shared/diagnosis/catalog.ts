/** The finding catalog as data, derived from the definitions (findings/<code>/definition.ts): one entry per code. */
import type { Platform, Severity, Text } from './parts.js';
import { FINDINGS } from './findings/index.js';
import { platformsOf } from './registry.js';
import type { FindingCode } from './types.js';

export interface CatalogEntry {
  severity: Severity;
  appliesTo: readonly Platform[];
  /** A symptom is reported together with the causes found (FINDINGS.md: TUNNEL_NO_RX). */
  symptom?: boolean;
  title: Text;
  meaning: Text;
}

export const FINDING_CATALOG = Object.fromEntries(
  FINDINGS.map((d) => [d.code, { severity: d.severity, appliesTo: platformsOf(d), ...(d.symptom ? { symptom: true } : {}), title: d.title, meaning: d.meaning }]),
) as unknown as Record<FindingCode, CatalogEntry>;
