import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../support/web-process.js';

const corpus = join(repoRoot, 'test', 'fixtures', 'redaction');
// Every secret planted in the corpus carries this marker, so a leak of any of them is caught.
const SECRET = /[A-Z][a-z]+(?:-[A-Z][a-z]+)?-Corpus-\d{4}/g;
const cli = (args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'bin', 'ipoe-doctor.mjs'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1', IPOE_DOCTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'ipoe-data-')) },
  });

describe('reports never carry secrets (the real CLI over a corpus)', () => {
  for (const file of readdirSync(corpus)) {
    it(`${file}: the Markdown and HTML reports, in both languages, contain none of its secrets`, () => {
      const planted = readFileSync(join(corpus, file), 'utf8').match(SECRET) ?? [];
      expect(planted.length).toBeGreaterThan(1);
      for (const lang of ['ja', 'en']) {
        const out = join(mkdtempSync(join(tmpdir(), 'ipoe-report-')), 'report.md');
        const r = cli(['report', '--transcript', join(corpus, file), '--out', out, '--lang', lang]);
        expect(r.status, r.stderr).toBe(0);
        for (const path of [out, out.replace(/\.md$/, '.html')]) {
          const text = readFileSync(path, 'utf8');
          expect(text.length).toBeGreaterThan(200);
          for (const s of planted) expect(text, `${s} leaked into ${path}`).not.toContain(s);
        }
      }
    });
  }

  it('the demo report masks the router and update-server passwords the twin was given', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ipoe-report-')), 'demo.md');
    const r = cli(['report', '--demo', 'fixed-ip-br-typo', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('BR_ADDRESS_WRONG');
    for (const s of ['rtx-login-9Qm2', 'rtx-admin-7Hk4', 'kamome-fixed-4471', 'Upd8-Secret-x93']) expect(text).not.toContain(s);
  });
});
