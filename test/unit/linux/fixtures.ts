import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../fixtures/linux/', import.meta.url));

/** A fixture's text without its leading `## ` provenance lines (see test/fixtures/linux/README.md). */
export function fixture(path: string): string {
  const text = readFileSync(ROOT + path, 'utf8');
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && lines[i]!.startsWith('## ')) i++;
  return lines.slice(i).join('\n');
}

/** 1-based line number of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in text`);
  return i + 1;
}
