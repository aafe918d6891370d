#!/usr/bin/env node
// `npm run test:stability -- [--rounds N] [--hog ROUNDS] [--fresh-clone]`: the full test command (build/run-tests.mjs)
// N times back to back, with a CPU hog (`stress-ng --cpu 1`) beside the rounds named by --hog ("1,3", "all" or "none";
// default: the last round), then the failures per test over all rounds. With --fresh-clone each round is what CI
// does: a fresh `git clone` of this checkout's HEAD (commit first) in .tmp/stability/clone, then its `bash .ci/run`
// (Debian packages, `npm ci`, the test command). A test that fails in any round is unstable: CI
// runs on a loaded 2-core machine, so it would reject good submissions at random.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const rounds = Number(opt('rounds', '3'));
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('--rounds needs a whole number ≥ 1');
  process.exit(2);
}
const freshClone = args.includes('--fresh-clone');
const hogSpec = opt('hog', String(rounds));
const hogRounds = new Set(hogSpec === 'all' ? [...Array(rounds).keys()].map((i) => i + 1) : hogSpec === 'none' ? [] : hogSpec.split(',').map(Number));
if (hogRounds.size > 0 && spawnSync('stress-ng', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.error('the CPU hog needs stress-ng: apt-get install stress-ng (or pass --hog none)');
  process.exit(2);
}

const out = join(root, '.tmp', 'stability');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
/** test full name → rounds it failed in */
const failures = new Map();
const summary = [];

for (let round = 1; round <= rounds; round++) {
  const hog = hogRounds.has(round) ? spawn('stress-ng', ['--cpu', '1', '--quiet'], { stdio: 'ignore' }) : null;
  console.log(`\n##### stability round ${round}/${rounds}${hog ? ' (with stress-ng --cpu 1 beside it)' : ''}`);
  for (const f of existsSync(join(root, '.tmp')) ? readdirSync(join(root, '.tmp')) : []) {
    if (/^vitest-.*\.json$/.test(f)) rmSync(join(root, '.tmp', f));
  }
  const started = Date.now();
  // The directory whose test run this round reads: this checkout, or a fresh clone of its HEAD.
  let dir = root;
  if (freshClone) {
    dir = join(out, 'clone');
    rmSync(dir, { recursive: true, force: true });
    // A fresh machine has no tsx transform cache either (its absence once failed the suite check: leaks.ts).
    rmSync(join(tmpdir(), `tsx-${process.getuid?.() ?? 0}`), { recursive: true, force: true });
    const c = spawnSync('git', ['clone', '-q', root, dir], { stdio: 'inherit' });
    if (c.status !== 0) {
      console.error(`git clone of ${root} failed (exit ${c.status})`);
      process.exit(2);
    }
  }
  const cmd = freshClone ? ['bash', [join(dir, '.ci', 'run')]] : [process.execPath, [join(root, 'build', 'run-tests.mjs')]];
  const r = spawnSync(cmd[0], cmd[1], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const text = `${r.stdout}${r.stderr}`;
  hog?.kill('SIGKILL');
  const last = text.trim().split('\n').filter((l) => /^\d+ passed, \d+ failed/.test(l)).at(-1) ?? '(no summary line: the run broke)';
  const roundDir = join(out, `round-${round}`);
  mkdirSync(roundDir);
  const results = join(dir, '.tmp');
  for (const f of existsSync(results) ? readdirSync(results) : []) if (/^vitest-.*\.json$/.test(f)) cpSync(join(results, f), join(roundDir, f));
  // The lab VMs' consoles of this round (a fresh clone is removed by the next round).
  if (freshClone && existsSync(join(results, 'lab-console'))) cpSync(join(results, 'lab-console'), join(roundDir, 'lab-console'), { recursive: true });
  // The whole output, for reading a failure afterwards.
  writeFileSync(join(roundDir, 'output.txt'), text);
  for (const f of readdirSync(roundDir).filter((x) => x.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(join(roundDir, f), 'utf8'));
    for (const file of report.testResults ?? []) {
      const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
      for (const t of failedTests) {
        const name = `${file.name.replace(`${dir}/`, '')} > ${t.fullName}`;
        failures.set(name, [...(failures.get(name) ?? []), round]);
      }
      if (file.status === 'failed' && failedTests.length === 0) {
        const name = `${file.name.replace(`${dir}/`, '')} (file: ${String(file.message ?? '').split('\n')[0]})`;
        failures.set(name, [...(failures.get(name) ?? []), round]);
      }
    }
  }
  for (const l of text.split('\n').filter((x) => /processes outlived the suite|failed \(exit/.test(x))) {
    failures.set(l.trim(), [...(failures.get(l.trim()) ?? []), round]);
  }
  summary.push(`round ${round}${freshClone ? ' (fresh clone, bash .ci/run)' : ''}${hog ? ' (CPU hog)' : ''}: ${last}, exit ${r.status}, ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(summary.at(-1));
}

console.log('\n##### stability summary');
for (const l of summary) console.log(l);
if (failures.size === 0) {
  console.log(`no test failed in any of the ${rounds} rounds`);
} else {
  console.log('failures per test (rounds):');
  for (const [name, rs] of [...failures].sort((a, b) => b[1].length - a[1].length)) console.log(`  ${rs.length}× [${rs.join(', ')}] ${name}`);
}
console.log(`(reports and full output of each round: ${out})`);
process.exit(failures.size === 0 ? 0 : 1);
