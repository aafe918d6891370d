import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cpuMs } from '../../support/cpu-time.js';
import { parseRtxConfig } from '../../../shared/rtx/config/parse.js';
import { MAX_INPUT_CHARS, safeParse } from '../../../shared/rtx/safe-parse.js';
import { parseShowLog, parseShowStatusIpip, SHOW_PARSERS } from '../../../shared/rtx/show/index.js';

const dir = new URL('../../fixtures/rtx/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => ({ name: f, text: readFileSync(new URL(f, dir), 'utf8') }));

// The show parsers in the app's order with `show config` first (the pager/escape checks below single it out).
const parsers: [string, (text: string) => unknown][] = [
  ['show config', parseRtxConfig],
  ...SHOW_PARSERS.map(([command, parse]): [string, (text: string) => unknown] => [command, (t) => parse(t)]),
];
/** The show parsers strip escapes completely, so their results must not change when escapes are added. */
const showParsers = parsers.filter(([name]) => name !== 'show config' && name !== 'show environment');

/** Every line number (`line`, `lines`) anywhere in a parsed result. */
function lineNumbers(value: unknown, out: number[] = []): number[] {
  if (Array.isArray(value)) for (const v of value) lineNumbers(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'line' && typeof v === 'number') out.push(v);
      else if (k === 'lines' && Array.isArray(v) && v.every((x) => typeof x === 'number')) out.push(...(v as number[]));
      else lineNumbers(v, out);
    }
  }
  return out;
}

/**
 * Every parser survives the text: safeParse must never report an exception. What it read is a result whose line
 * numbers (the evidence a finding will quote) all name lines the text has, with a message only to say something.
 */
function survivesAll(text: string): void {
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const [name, parse] of parsers) {
    const r = safeParse(parse, text, { what: `the output of "${name}"` });
    if (!r.ok) throw new Error(`${name}: ${r.message}`);
    expect(typeof r.value, name).toBe('object');
    expect(r.message === null || r.message.length > 10, name).toBe(true);
    const bad = lineNumbers(r.value).filter((l) => !Number.isInteger(l) || l < 1 || l > lineCount);
    expect(bad, `${name}: line numbers outside the ${lineCount} lines of the text`).toEqual([]);
  }
}

const ansi = fc.constantFrom('\x1b[0m', '\x1b[1;32m', '\x1b[2K', '\x1b[?25l', '\x1b]0;RTX1300\x07', '\x1bM', '\x08', '\x07', '\x1b[', '\x1b');

describe('parsers survive hostile input', () => {
  it('random text and random bytes (decoded as UTF-8 and as latin1)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => survivesAll(s)), { numRuns: 150 });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        survivesAll(new TextDecoder('utf-8').decode(bytes));
        survivesAll(new TextDecoder('latin1').decode(bytes));
      }),
      { numRuns: 150 },
    );
  });

  it('fixtures with random lines from other fixtures and random garbage mixed in', () => {
    const allLines = fixtures.flatMap((f) => f.text.split('\n'));
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...allLines), fc.string({ maxLength: 60 })), { maxLength: 60 }), (lines) => {
        survivesAll(lines.join(fc.sample(fc.constantFrom('\n', '\r\n', '\r'), 1)[0]));
      }),
      { numRuns: 100 },
    );
  });

  it('every fixture truncated at every line and in the middle of every line', () => {
    // The whole fixtures carry line numbers to check (so the range checks are not vacuous).
    const text = (name: string) => fixtures.find((f) => f.name === name)!.text;
    expect(lineNumbers(parseRtxConfig(text('field-000-config.txt'))).length).toBeGreaterThan(20);
    expect(lineNumbers(parseShowStatusIpip(text('field-000-show-status-ipip.txt'))).length).toBeGreaterThan(2);
    for (const { text } of fixtures) {
      const lines = text.split('\n');
      for (let i = 0; i <= lines.length; i++) {
        const head = lines.slice(0, i).join('\n');
        survivesAll(head);
        const next = lines[i] ?? '';
        survivesAll(`${head}\n${next.slice(0, Math.floor(next.length / 2))}`);
      }
    }
  });

  it('ANSI escapes injected anywhere do not change what the show parsers read', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('\x1b[0m', '\x1b[1;32m', '\x1b[2K', '\x1b]0;title\x07', '\x07')), { maxLength: 20 }),
        ({ text }, inserts) => {
          // Positions in the original text, filled from the end: escapes land between characters of the
          // output, never inside one another (an escape cut by another is not something a console sends).
          let noisy = text;
          const at = inserts.map(([n, seq]) => [n % (text.length + 1), seq] as const).sort((a, b) => b[0] - a[0]);
          for (const [i, seq] of at) noisy = noisy.slice(0, i) + seq + noisy.slice(i);
          for (const [, parse] of showParsers) expect(parse(noisy)).toEqual(parse(text));
        },
      ),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), fc.array(fc.tuple(fc.nat(), ansi), { maxLength: 30 }), ({ text }, inserts) => {
        let noisy = text;
        for (const [at, seq] of inserts) {
          const i = at % (noisy.length + 1);
          noisy = noisy.slice(0, i) + seq + noisy.slice(i);
        }
        survivesAll(noisy);
      }),
      { numRuns: 100 },
    );
  });

  it('Shift_JIS output read as latin1 (a console left in ja.sjis)', () => {
    for (const { text } of fixtures) survivesAll(iconv.encode(text, 'Shift_JIS').toString('latin1'));
    const config = fixtures.find((f) => f.name === 'field-000-config.txt')!.text;
    const misread = parseRtxConfig(iconv.encode(config, 'Shift_JIS').toString('latin1'));
    // The ASCII parts survive: the tunnel and filters are still found.
    expect(misread.tunnels[1]?.encapsulation?.value).toBe('ipip');
    expect(misread.ipv6Filters.find((f) => f.id === 200031)?.protocol).toBe('4');
    const tunnel = fixtures.find((f) => f.name === 'field-000-show-status-ipip.txt')!.text;
    expect(parseShowStatusIpip(iconv.encode(tunnel, 'Shift_JIS').toString('latin1')).tunnels[0]?.transmitted.ipv4?.packets).toBe(1198);
  });

  it('says so when the text holds undecodable characters or is not the expected output', () => {
    const r = safeParse(parseShowStatusIpip, 'TUNNEL[1]:\n  Current status is Online.\n\uFFFD\uFFFD\n', { what: 'the pasted text' });
    expect(r).toMatchObject({ ok: true, truncated: false });
    expect(r.ok && r.message).toMatch(/could not be decoded/);
    const wrong = safeParse(parseShowStatusIpip, 'Invalid command name\n', { what: 'the pasted text' });
    expect(wrong.ok && wrong.message).toBe('Nothing in the pasted text looks like the output of "show status ipip".');
    expect(safeParse(parseShowStatusIpip, undefined)).toEqual({ ok: false, message: 'Nothing to read: the text is empty or not text.' });
    expect(safeParse(() => { throw new RangeError('boom'); }, 'x', { what: 'the log' })).toEqual({
      ok: false,
      message: 'Could not read the log (RangeError: boom). The text may be damaged or not the output this step expects.',
    });
  });
});

describe('large inputs', () => {
  const budgetMs = 10_000;

  it('cuts inputs over 10 MB at a line end and says so', () => {
    const line = '2022/12/13 01:42:39: IP Tunnel[1] Up\n';
    const big = line.repeat(Math.ceil((MAX_INPUT_CHARS + 1000) / line.length));
    const started = cpuMs();
    const r = safeParse(parseShowLog, big, { what: 'the log' });
    expect(cpuMs() - started).toBeLessThan(budgetMs);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.truncated).toBe(true);
    expect(r.message).toMatch(/larger than 10 MB/);
    expect(r.value.entries.length).toBe(Math.floor(MAX_INPUT_CHARS / line.length));
  });

  it.each(parsers)('%s finishes quickly on 10 MB of pathological text', (_name, parse) => {
    const size = MAX_INPUT_CHARS;
    const shapes = [
      ' '.repeat(size - 1) + 'x',
      `Current status is ${' '.repeat(size / 2)}x connection`,
      '('.repeat(size / 2) + '(IPv4) 1'.repeat(size / 16),
      `ip tunnel mtu 1460 ${'\t#'.repeat(size / 4)}`,
      ':'.repeat(size - 1) + '!',
      `${'1 '.repeat(size / 4)}x`,
      `Port range: ${'1-2, '.repeat(size / 10)}`,
      `\x1b[${'1;'.repeat(size / 4)}`,
      // One text of many short lines exercising the line-oriented paths (blocks, heredoc, wraps), 10 MB in all.
      [
        'tunnel select 1\n ip tunnel secure filter in 1\n'.repeat(size / 4 / 44),
        `Reference Descriptor : 1, Assigned Interface : TUNNEL[1](1)\nPort range: 1-2\n${'    3-4, 5-6, 7-8, 9-10, 11-12,\n'.repeat(size / 4 / 32)}`,
        `default fe80::1\n${'                                                  LAN2\n'.repeat(size / 4 / 55)}`,
        `embedded file x <<EOF\n${'  rt.syslog("info", msg) -- lua\n'.repeat(size / 4 / 32)}`,
      ].join('\n'),
    ];
    for (const text of shapes) {
      const started = cpuMs();
      const r = safeParse(parse, text);
      expect(r.ok).toBe(true);
      expect(cpuMs() - started).toBeLessThan(budgetMs);
    }
  }, 120_000);
});
