import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogs, keyPaths } from '../../../shared/i18n/catalogs.js';

const root = join(import.meta.dirname, '..', '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('i18n catalogs', () => {
  it('Japanese and English have exactly the same keys', () => {
    expect(keyPaths(catalogs.en).sort()).toEqual(keyPaths(catalogs.ja).sort());
  });

  it('every key the UI asks for exists', () => {
    const known = new Set(keyPaths(catalogs.ja));
    const used = new Set<string>();
    for (const f of files(join(root, 'renderer', 'src')).filter((f) => f.endsWith('.tsx'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*['"]([\w.-]+)['"]/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });

  it('no Japanese text is written inline in the UI code', () => {
    const inline = files(join(root, 'renderer', 'src'))
      .filter((f) => /\.(tsx?)$/.test(f))
      .filter((f) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(readFileSync(f, 'utf8')));
    expect(inline).toEqual([]);
  });
});
