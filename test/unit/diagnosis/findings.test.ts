/**
 * A finding is one folder, and everything else follows from the definitions: this checks the folders, the public
 * contract (../shared/design/FINDINGS.md, beside the repository), and the generated docs/findings.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FINDING_CATALOG } from '../../../shared/diagnosis/catalog.js';
import { findingsMarkdown } from '../../../shared/diagnosis/findings-doc.js';
import { FINDINGS } from '../../../shared/diagnosis/findings/index.js';
import { ALL_RULES, FINDING_CODES } from '../../../shared/diagnosis/registry.js';
import { FINDING_HOP } from '../../../shared/diagnosis/topology.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FOLDERS = join(ROOT, 'shared/diagnosis/findings');
const kebab = (code: string): string => code.toLowerCase().replaceAll('_', '-');

/** Codes FINDINGS.md already lists for a later issue; nothing else may be missing. */
const NOT_YET_BUILT: string[] = [];

/** The public contract sits beside the repository (`../shared/design/FINDINGS.md`; a worktree may sit deeper). */
function contractPath(): string | null {
  for (let dir = dirname(ROOT); ; dir = dirname(dir)) {
    const p = join(dir, 'shared/design/FINDINGS.md');
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) return null;
  }
}
const contract = contractPath();

describe('a finding is one folder', () => {
  it('every folder under shared/diagnosis/findings/ is a definition in the index, named after its code', () => {
    const folders = readdirSync(FOLDERS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(folders).toEqual(FINDINGS.map((d) => kebab(d.code)).sort());
    expect(new Set(FINDING_CODES).size).toBe(FINDINGS.length);
  });

  it.each(FINDINGS.map((d) => [d.code, d] as const))('%s: its folder holds the definition, a detector per platform and its tests', (code, d) => {
    const dir = join(FOLDERS, kebab(code));
    const files = readdirSync(dir).sort();
    const platforms = (['linux', 'rtx'] as const).filter((p) => d.platforms[p]);
    expect(platforms.length).toBeGreaterThan(0);
    expect(files).toEqual(['definition.ts', ...platforms.map((p) => `${p}.ts`), `${kebab(code)}.test.ts`].sort());
    const test = readFileSync(join(dir, `${kebab(code)}.test.ts`), 'utf8');
    // The RTX table (rtxCases) asserts a firing and a quiet case; a Linux detector has cases of its own there.
    if (d.platforms.rtx) expect(test).toContain(`rtxCases('${code}'`);
    if (d.platforms.linux) expect(test).toMatch(/from '\.\.\/\.\.\/\.\.\/\.\.\/test\/unit\/diagnosis\/linux\/cases\.js'/);
  });

  it('the catalog, the hop map and the gather plan are the definitions, in catalog order', () => {
    expect(Object.keys(FINDING_CATALOG)).toEqual(FINDING_CODES);
    expect(Object.keys(FINDING_HOP)).toEqual(FINDING_CODES);
    expect(ALL_RULES.map((r) => r.code)).toEqual(FINDING_CODES);
    for (const d of FINDINGS) {
      expect(FINDING_CATALOG[d.code]).toMatchObject({ severity: d.severity, title: d.title, meaning: d.meaning });
      expect(FINDING_HOP[d.code]).toBe(d.hop);
      expect(ALL_RULES.find((r) => r.code === d.code)?.needs).toEqual(Object.fromEntries(Object.entries(d.platforms).map(([p, x]) => [p, x.needs])));
    }
  });
});

describe.skipIf(contract === null && process.env.CI !== 'true')(
  `the public contract (FINDINGS.md)${contract === null ? ' (skipped: ../shared/design/FINDINGS.md is not beside this repository)' : ''}`,
  () => {
    const listed = (): string[] => {
      if (contract === null) throw new Error('../shared/design/FINDINGS.md must sit beside the repository (it does in CI)');
      return [...readFileSync(contract, 'utf8').matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]!);
    };

    it('every defined code is in FINDINGS.md', () => {
      const public_ = new Set(listed());
      expect(FINDING_CODES.filter((c) => !public_.has(c))).toEqual([]);
    });

    it('every code in FINDINGS.md has a definition, but for those the next issue builds', () => {
      const defined = new Set<string>(FINDING_CODES);
      expect(listed().filter((c) => !defined.has(c))).toEqual(NOT_YET_BUILT);
    });
  },
);

describe('docs/findings.md', () => {
  it('is what `npm run docs:findings` generates from the definitions', () => {
    expect(readFileSync(join(ROOT, 'docs/findings.md'), 'utf8')).toBe(findingsMarkdown());
  });
});
