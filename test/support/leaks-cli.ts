/**
 * `tsx test/support/leaks-cli.ts <run-id>`: after a whole suite (vitest process) has exited, lists and kills the
 * processes that still carry the run's marker (build/run-tests.mjs sets IPOE_DOCTOR_TEST_RUN); exit 1 if any.
 */
import { describeProcs, findMarked, killAll, RUN_ENV } from './leaks.js';

const run = process.argv[2];
if (!run) {
  console.error('usage: leaks-cli.ts <run-id>');
  process.exit(2);
}
// A moment for processes that are on their way out (SIGTERM handlers) to finish.
let left = findMarked(run, RUN_ENV, { descendants: false });
for (let i = 0; i < 50 && left.length > 0; i++) {
  await new Promise((r) => setTimeout(r, 100));
  left = findMarked(run, RUN_ENV, { descendants: false });
}
if (left.length > 0) {
  console.error(`processes left running by the suite (now killed):\n${describeProcs(left)}`);
  killAll(left);
  process.exit(1);
}
