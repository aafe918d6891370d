/** Where each problem sits on the path (used by the topology picture and the report), from the definitions. */
import { FINDINGS } from './findings/index.js';
import type { Hop } from './definition.js';
import type { FindingCode } from './types.js';

export { HOPS, type Hop } from './definition.js';

export const FINDING_HOP = Object.fromEntries(FINDINGS.map((d) => [d.code, d.hop])) as Record<FindingCode, Hop>;
