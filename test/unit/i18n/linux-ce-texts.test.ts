/**
 * Every text the Linux CE core hands to a UI is a catalog code (shared/i18n/message.ts). In Japanese, none of
 * them may come out as an English sentence; in the app (either language), none may tell the reader to pass a
 * CLI flag; and every code the core uses exists in both catalogs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linuxCeErrorText } from '../../../main/datapath/linux-ce-host.js';
import { catalogs } from '../../../shared/i18n/catalogs.js';
import { cliKey, renderMessage, type Message } from '../../../shared/i18n/message.js';
import { MissingPlanFieldsError } from '../../../shared/linux/datapath/errors.js';
import { replaceExistingStep } from '../../../shared/linux/datapath/existing-tunnel.js';
import { buildPlan } from '../../../shared/linux/datapath/plan.js';
import { compareSnapshots } from '../../../shared/linux/datapath/snapshot.js';
import { interpretDetection } from '../../../shared/linux/host-facts.js';
import { MAPE_TUNNEL, PLAN_CASES, PLAN_ERROR_CASES } from '../linux/datapath/cases.js';
import { DETECT_CASES } from '../linux/datapath/detect-cases.js';

const root = join(import.meta.dirname, '..', '..', '..');
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
/** A flag of the CLI named in running text: `--prefix`, `(--gateway)`, `「--br」`. */
const CLI_FLAG = /(^|[\s(（「`])--[a-z]/;

const ns = catalogs.ja.linuxCe as Record<string, unknown>;
const codes = Object.keys(ns).filter((k) => k !== 'cli');
/**
 * Templates made of values only: a name in each language, another catalog's text put through, or texts whose
 * words are themselves texts (`{{key}}={{value}}（{{why}}）`). Real runs check what they come out as.
 */
const MADE_OF_VALUES = new Set(['WARN_CALC', 'CALC_ERROR', 'STEP_SYSCTL', 'PLAN_ADDRESS_INVALID']);

/** The message with every plain value replaced by `x`: our own words only (a tool's output may say `--foo`). */
function wording(m: Message): Message {
  const params = Object.fromEntries(
    Object.entries(m.params ?? {}).map(([k, v]) => [k, typeof v === 'string' || typeof v === 'number' ? 'x' : Array.isArray(v) ? v.map(wording) : wording(v as Message)]),
  );
  return { key: m.key, params };
}

/** Every text a real run produces: gaps, steps, checks, warnings, plan errors, rollback differences. */
function producedTexts(): [string, Message][] {
  const out: [string, Message][] = [];
  for (const [name, c] of Object.entries(DETECT_CASES)) {
    for (const g of interpretDetection(c.outputs, c.opts).gaps) out.push([`${name} gap ${g.code}`, g.message], [`${name} hint ${g.code}`, g.hint]);
  }
  for (const [name, input] of Object.entries(PLAN_CASES)) {
    const plan = buildPlan(input);
    for (const s of plan.steps) out.push([`${name} step ${s.id}`, s.text]);
    for (const v of plan.verify) out.push([`${name} check ${v.id}`, v.text]);
    plan.warnings.forEach((w, i) => out.push([`${name} warning ${i}`, w]));
  }
  for (const [name, input] of Object.entries(PLAN_ERROR_CASES)) {
    try {
      buildPlan(input);
    } catch (err) {
      out.push([`${name} error`, linuxCeErrorText(err)!]);
    }
  }
  out.push(['missing fields', new MissingPlanFieldsError(['prefix', 'gateway']).detail!]);
  try {
    replaceExistingStep({ ...MAPE_TUNNEL, params: { ...MAPE_TUNNEL.params, mode: 'gre', modeRaw: 'gre/ipv6' } });
  } catch (err) {
    out.push(['not ip6tnl', linuxCeErrorText(err)!]);
  }
  const links = (names: string[]) => JSON.stringify(names.map((ifname) => ({ ifname })));
  const snap = { links: links(['eth1']), addresses: '[]', routes4: '[]', routes6: '[]', nft: '{"nftables":[]}', sysctl: 'net.ipv4.ip_forward = 0\n' };
  const diff = compareSnapshots(snap, { ...snap, links: links(['ipoe0', 'ip6tnl0']), sysctl: 'net.ipv4.ip_forward = 1\n' });
  for (const m of [...diff.differences, ...diff.ignored]) out.push(['snapshot', m]);
  return out;
}

describe('Linux CE texts in Japanese', () => {
  const produced = producedTexts();

  it('a real run produces every kind of text (gaps, steps, checks, warnings, errors, differences)', () => {
    const kinds = new Set(produced.map(([, m]) => m.key.replace(/^linuxCe\.([A-Z]+)_.*$/, '$1')));
    for (const k of ['GAP', 'HINT', 'STEP', 'CHECK', 'WARN', 'PLAN', 'DIFF', 'INTERFACE', 'TUNNEL']) expect(kinds).toContain(k);
    // The calculator's own refusals and warnings come through as its messages (msg.calc.*).
    expect([...kinds].some((k) => k.startsWith('msg.calc.'))).toBe(true);
    expect(produced.length).toBeGreaterThan(150);
  });

  it('every text a real run produces comes out Japanese, never as an English sentence', () => {
    const english = produced.filter(([, m]) => !JAPANESE.test(renderMessage('ja', m))).map(([where, m]) => `${where}: ${renderMessage('ja', m)}`);
    expect(english).toEqual([]);
    // And each is a text of its own, not the English put through.
    const same = produced.filter(([, m]) => renderMessage('ja', m) === renderMessage('en', m)).map(([where]) => where);
    expect(same).toEqual([]);
  });

  it('every code of the catalog has Japanese words of its own (values put in: placeholders only)', () => {
    const sample = (template: string) => template.replace(/\{\{\w+\}\}/g, 'x');
    const bare = codes.filter((c) => !MADE_OF_VALUES.has(c) && !JAPANESE.test(sample(String(ns[c]))));
    // Words that stand for a value inside other texts may be short, but they are Japanese too.
    expect(bare).toEqual([]);
    const cli = catalogs.ja.linuxCe.cli as Record<string, string>;
    expect(Object.keys(cli).filter((c) => !JAPANESE.test(sample(cli[c]!)) && c !== 'FIELD_BR')).toEqual([]);
  });
});

describe('Linux CE texts name CLI flags only on the command line', () => {
  it('no text the app shows (ja or en) tells anyone to pass a flag', () => {
    for (const lang of ['ja', 'en'] as const) {
      const texts = catalogs[lang].linuxCe as Record<string, unknown>;
      expect(codes.filter((c) => CLI_FLAG.test(String(texts[c]))), lang).toEqual([]);
    }
    for (const [where, m] of producedTexts()) for (const lang of ['ja', 'en'] as const) expect(renderMessage(lang, wording(m), 'app'), where).not.toMatch(CLI_FLAG);
  });

  it('the texts that do name flags have an app wording beside their CLI one, in both languages', () => {
    const cli = Object.keys(catalogs.en.linuxCe.cli);
    expect(cli.length).toBeGreaterThan(5);
    for (const c of cli) {
      expect(codes, c).toContain(c);
      expect(cliKey(`linuxCe.${c}`)).toBe(`linuxCe.cli.${c}`);
    }
    expect(renderMessage('en', { key: 'linuxCe.HINT_NO_GLOBAL_PREFIX' }, 'cli')).toContain('--prefix');
    expect(renderMessage('en', { key: 'linuxCe.HINT_NO_GLOBAL_PREFIX' }, 'app')).not.toContain('--prefix');
  });
});

describe('every Linux CE code the core uses exists in both catalogs', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
    });

  it('ceText(…) codes', () => {
    const used = new Set<string>();
    for (const f of [...files(join(root, 'shared')), ...files(join(root, 'main'))]) {
      for (const m of readFileSync(f, 'utf8').matchAll(/ceText\(\s*'([A-Z0-9_]+)'/g)) used.add(m[1]!);
      for (const m of readFileSync(f, 'utf8').matchAll(/'(GAP|STEP|HINT)_[A-Z0-9_]+'/g)) used.add(m[0].slice(1, -1));
    }
    expect(used.size).toBeGreaterThan(60);
    for (const lang of ['ja', 'en'] as const) expect([...used].filter((c) => !(c in catalogs[lang].linuxCe))).toEqual([]);
  });
});
