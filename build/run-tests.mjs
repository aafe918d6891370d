#!/usr/bin/env node
// `npm test`: build, typecheck, lint, then every suite (unit, integration, e2e in Chromium).
// Ends with one line "N passed, N failed" summed over all runners.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;
// Every process a suite starts carries this marker; one still running after its suite is a leak (leftovers()).
const RUN_ID = randomBytes(6).toString('hex');
process.env.IPOE_DOCTOR_TEST_RUN = RUN_ID;
const LAB_SUITES = [
  ['provider lab', 'test/lab/vitest.lab.config.ts'],
  ['Linux CE in the lab', 'test/lab-cases/vitest.config.ts'],
];

function step(name, cmd, cmdArgs) {
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR } });
  if (r.status !== 0) {
    console.error(`${name} failed (exit ${r.status ?? r.signal})`);
    broken = true;
  }
  return r.status === 0;
}

function finish() {
  console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  process.exit(broken || totals.failed > 0 ? 1 : 0);
}

if (!step('build', npm, ['run', '-s', 'build'])) finish();
step('typecheck', npm, ['run', '-s', 'typecheck']);
step('lint', npm, ['run', '-s', 'lint']);

const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });

/**
 * Processes that outlive a whole suite fail the run and are killed, so they cannot load the machine or hold ports
 * for the suites after it. (Each file's own leftovers already failed that file: test/support/isolation.ts.)
 */
function leftovers(name) {
  const r = spawnSync(npx, ['tsx', join(root, 'test', 'support', 'leaks-cli.ts'), RUN_ID], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${name}: processes outlived the suite (listed above)`);
    totals.failed += 1;
    broken = true;
  }
}

/** One vitest run; its JSON report gives the counts added to the totals. */
function vitest(name, extraArgs) {
  const report = join(tmp, `vitest-${name.replace(/\W+/g, '-')}.json`);
  rmSync(report, { force: true });
  step(`vitest: ${name}`, npx, ['vitest', 'run', ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  leftovers(name);
  if (!existsSync(report)) {
    broken = true;
    return;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // A suite that failed to load has no tests but is still a failure.
  if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) totals.failed += r.numFailedTestSuites;
}

// One project at a time: integration tests time a real 9600 bit/s line and the e2e tests drive Chromium; on two
// cores, running them beside each other (and beside the unit workers) made both slower than their waits.
vitest('unit', ['--project', 'unit']);
vitest('integration', ['--project', 'integration']);
vitest('e2e', ['--project', 'e2e']);
// The provider lab: qemu VMs on Debian's stock cloud kernel (real ip6tnl + nftables), built from Debian
// packages on first use. IPOE_DOCTOR_SKIP_LAB=1 leaves it out of a quick local run, and says so.
if (process.env.IPOE_DOCTOR_SKIP_LAB === '1') {
  console.log('\n=== provider lab skipped (IPOE_DOCTOR_SKIP_LAB=1)');
} else if (step('provider lab: build', 'bash', [join(root, 'test', 'lab', 'build-lab.sh')])) {
  for (const [name, config] of LAB_SUITES) if (existsSync(join(root, config))) vitest(name, ['--config', config]);
}
finish();
