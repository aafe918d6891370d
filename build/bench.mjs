#!/usr/bin/env node
// `npm run bench`: every benchmark in bench/, each in its own process so RSS figures are its own.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let failed = 0;
for (const file of readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.ts')).sort()) {
  console.log(`\n=== bench/${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', file)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
