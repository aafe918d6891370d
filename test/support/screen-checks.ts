/**
 * What every screen must pass in a real browser: in Japanese, no English sentence from the core (every sentence of
 * the core is a catalog message the UI says in its language; what a router or a command printed is quoted as it is,
 * so those places are left out of the sentence check); and axe-core's WCAG rules with no serious or critical
 * violation, in Japanese and in English.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { catalogs, keyPaths } from '../../shared/i18n/catalogs.js';
import { translate } from '../../shared/i18n/translate.js';

/** Elements that quote a device or a command verbatim. */
const VERBATIM = 'pre, code, kbd, .mono, .console-view, .evidence, .cmd, [data-testid=raw-output], [data-testid=gather-table] td.mono';

/** Shell scripts shown exactly as they will run (their comments are English by design). */
const SCRIPTS = '[data-testid=ce-script], [data-testid=ce-rollback-script]';

/** The English sentences the core can say: every `msg.*`, `services.*` and `linuxCe.*` text of the catalog, as a pattern. */
export function coreEnglish(): { key: string; pattern: RegExp }[] {
  return keyPaths(catalogs.en)
    .filter((key) => key.startsWith('msg.') || key.startsWith('services.') || (key.startsWith('linuxCe.') && !key.includes('.cli.')))
    .map((key) => ({ key, text: translate('en', key) }))
    .filter(({ key, text }) => text !== translate('ja', key))
    .flatMap(({ key, text }) => {
      const literal = text.split(/\{\{\w+\}\}/);
      // A template must keep a word of its own to be recognisable (`{{path}}: {{cause}}` is not).
      if (!/[A-Za-z]{2,}/.test(literal.join(' '))) return [];
      // Two-word labels ("the upstream router") are too short to tell a sentence by.
      if (literal.join(' ').trim().split(/\s+/).length < 3) return [];
      const source = literal.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?');
      return [{ key, pattern: new RegExp(source) }];
    });
}

export const CORE_ENGLISH = coreEnglish();
/** Four English words in a row (a sentence), outside verbatim quotes. */
export const ENGLISH_SENTENCE = /\b[A-Za-z][a-z']+(?:,? [A-Za-z][a-z']+){3,}\b/;

/** The page's whole text, and its text nodes outside verbatim quotes (run in the page, hence a string). */
async function pageTexts(page: Page): Promise<{ all: string; prose: string[] }> {
  return page.evaluate(`(() => {
    const prose = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(${JSON.stringify(VERBATIM)}) || el.closest('script, style')) continue;
      const text = (n.textContent || '').trim();
      if (text) prose.push(text);
    }
    // The Linux CE scripts run as shown, with their English comments: the core-sentence check reads around them.
    const scripts = [...document.querySelectorAll(${JSON.stringify(SCRIPTS)})];
    for (const s of scripts) s.style.display = 'none';
    const all = document.body.innerText;
    for (const s of scripts) s.style.display = '';
    return { all, prose };
  })()`);
}

/** Fails with what was found: a core sentence in English anywhere, or an English sentence outside the quotes. */
export async function expectJapaneseOnly(page: Page, where: string): Promise<void> {
  const { all, prose } = await pageTexts(page);
  const core = CORE_ENGLISH.filter(({ pattern }) => pattern.test(all)).map(({ key }) => key);
  expect(core, `${where}: the core's English sentences on the page`).toEqual([]);
  // Commands named inside a sentence are quoted in backticks, as typed on the console.
  const english = prose.filter((t) => ENGLISH_SENTENCE.test(t.replace(/`[^`]*`/g, '')));
  expect(english, `${where}: English sentences outside quoted output`).toEqual([]);
  // And the page is in Japanese at all (a check that cannot pass on an empty or English page).
  expect(all, where).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]{4}/);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * axe-core's WCAG 2.x A/AA rules (and its best practices) on the page as it is now. The engine is evaluated through
 * the DevTools protocol, which the page's Content-Security-Policy does not govern (no inline script is added).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })`)) as { violations: AxeViolation[] };
  return result.violations;
}

/** No serious or critical violation; what there is is listed by rule, impact and element, so a failure says where. */
export async function expectAccessible(page: Page, where: string): Promise<AxeViolation[]> {
  const all = await axeViolations(page);
  const bad = all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(' | ')}`),
    `${where}: axe-core serious/critical violations`,
  ).toEqual([]);
  return all;
}

/** A screen in Japanese (no English sentence of the core, no serious axe violation), then in English (axe), then back. */
export async function checkScreen(page: Page, where: string, opts: { japanese?: boolean } = {}): Promise<void> {
  if (opts.japanese !== false) await expectJapaneseOnly(page, where);
  await expectAccessible(page, `${where} (ja)`);
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('en');
  await expectAccessible(page, `${where} (en)`);
  await page.getByRole('button', { name: '日本語', exact: true }).click();
  await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('ja');
}
