/**
 * The old import path of the gather plan's view of every finding. Kept only while callers elsewhere in issue 10's
 * work (main/datapath/diagnose-host.ts, main/services/wizard-actors.ts) still import it: import ../registry.js
 * instead; delete this file when none does.
 */
export { ALL_RULES } from '../registry.js';
