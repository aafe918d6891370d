import type { Platform } from './parts.js';
import type { FindingCode } from './types.js';
import type { Need } from './read.js';

/**
 * A finding as the gather plan sees it (derived in registry.ts from the definitions): the platforms it is
 * detected on and the commands each platform's detector reads. The gather plan is the union over findings.
 */
export interface Rule {
  code: FindingCode;
  platforms: readonly Platform[];
  needs: Partial<Record<Platform, readonly Need[]>>;
}
