import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogs, keyPaths } from '../../../shared/i18n/catalogs.js';
import { translate } from '../../../shared/i18n/translate.js';
import { inEnglish, renderMessage, say } from '../../../shared/i18n/message.js';
import { SERVICE_IDS, serviceById } from '../../../shared/services/catalog.js';

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

  it('every message the core says (say(key)) is in both catalogs, with the same values in both languages', () => {
    const known = new Set(keyPaths(catalogs.ja));
    const said = new Set<string>();
    for (const dir of ['shared', 'main']) {
      for (const f of files(join(root, dir)).filter((f) => f.endsWith('.ts'))) {
        for (const m of readFileSync(f, 'utf8').matchAll(/\bsay\(\s*['"]([\w.-]+)['"]/g)) said.add(m[1]!);
      }
    }
    expect(said.size).toBeGreaterThan(60);
    expect([...said].filter((k) => !known.has(k))).toEqual([]);
    // A translation names exactly the values its English names (a missing one would show as {{name}}); only a
    // library's own English words may be left out of the Japanese (the parser's reason for a malformed address).
    const vars = (lang: 'ja' | 'en', key: string) => [...translate(lang, key).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const englishOnly: Record<string, string[]> = { 'msg.calc.malformedBecause': ['cause'] };
    for (const key of keyPaths(catalogs.en)) {
      expect(vars('ja', key), key).toEqual(vars('en', key).filter((v) => !englishOnly[key]?.includes(v!)));
    }
  });

  it('service names: English is the service catalog\'s own name, so the CLI and the English report say what they said before', () => {
    for (const id of SERVICE_IDS) {
      expect(translate('en', `services.${id}`)).toBe(serviceById(id).name);
      // One Japanese name too: the catalog's nameJa (data with its source), so the two can never disagree.
      expect(translate('ja', `services.${id}`)).toBe(serviceById(id).nameJa);
    }
  });

  it('a message inside a message is said in the same language', () => {
    const m = say('msg.calc.notGlobal', { text: 'fe80::1', scope: say('msg.calc.scope.linkLocal'), example: say('msg.calc.example') });
    expect(inEnglish(m)).toBe(
      '"fe80::1" is not a global IPv6 address (it is link-local, fe80::/10). Use the global prefix your provider delegated, which starts with 2 (e.g. 240b:13:1a65:a100::/56, a /64, or the WAN/LAN IPv6 address).',
    );
    expect(renderMessage('ja', m)).toContain('リンクローカル、fe80::/10');
    expect(renderMessage('ja', m)).not.toMatch(/link-local|\{\{/);
    for (const scope of ['linkLocal', 'ula', 'loopback', 'unspecified', 'multicast', 'ipv4Mapped', 'other']) {
      expect(translate('ja', `msg.calc.scope.${scope}`)).not.toBe(`msg.calc.scope.${scope}`);
    }
  });

  it('no Japanese text is written inline in the UI code', () => {
    const inline = files(join(root, 'renderer', 'src'))
      .filter((f) => /\.(tsx?)$/.test(f))
      .filter((f) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(readFileSync(f, 'utf8')));
    expect(inline).toEqual([]);
  });
});
