#!/usr/bin/env node
// Runs the bundled CLI when it is built; from a source checkout it falls back to tsx so
// developers never run stale code by accident.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundled = join(root, 'dist', 'cli.mjs');
const source = join(root, 'main', 'cli', 'main.ts');
if (existsSync(bundled) && !process.env.IPOE_DOCTOR_FROM_SOURCE) {
  await import(pathToFileURL(bundled).href);
} else if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  // An installed package carries only the bundle (package.json "files").
  process.stderr.write(`ipoe-doctor: ${bundled} is missing; this installation is incomplete, install the package again\n`);
  process.exitCode = 70;
}
