/** The outputs with their parsed facts, per platform: what the line identity is built from (see line/). */
import type { LinuxFacts } from './linux/facts.js';
import type { RtxFacts } from './rtx/facts.js';
import type { OutputSource } from './source.js';

export interface FactsView extends OutputSource {
  readonly rtx: RtxFacts;
  readonly linux: LinuxFacts;
}
