import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { syncDirectory } from '../durable-file.js';

/** Lines that change between two `show config` runs without any config change. */
const VOLATILE = [/^# Reporting Date:/];

/** The config as compared for "running equals backup": no volatile header lines, no trailing blanks. */
export function comparableConfig(showConfigOutput: string): string {
  return showConfigOutput
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((l) => !VOLATILE.some((re) => re.test(l)))
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

/**
 * Where the pre-change config is kept: <dataDir>/backups/<model>-<timestamp>.txt, owner-only, on disk (fsync'd)
 * before anything is sent to the router.
 */
export function writeBackup(dataDir: string, model: string, config: string, now = new Date()): string {
  const dir = join(dataDir, 'backups');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `${model.replace(/[^\w.-]/g, '_')}-${stamp}.txt`);
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, config);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDirectory(dir);
  return file;
}

/** First differing line between two configs, for a message that says exactly what did not come back. */
export function firstDifference(a: string, b: string): { line: number; expected: string; actual: string } | null {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return { line: i + 1, expected: x[i] ?? '(nothing)', actual: y[i] ?? '(nothing)' };
  }
  return null;
}
