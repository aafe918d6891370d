import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAnyOutput, parseCommandOutput, parseTranscript, summariseCe, MAX_INPUT_CHARS, type ParseOutcome } from '../../../shared/linux/index.js';
import { classifyCommand } from '../../../shared/linux/commands.js';
import { fixture } from './fixtures.js';
import { cpuMs } from '../../support/cpu-time.js';

/** Every command/fixture pair the parsers know: fuzz inputs are derived from real shapes. */
const SAMPLES: [string, string][] = [
  ['ip -d link show', 'report003/ip-d-link-show.txt'],
  ['ip -6 tunnel show', 'report003/ip-6-tunnel-show.txt'],
  ['ip -6 addr', 'report003/ip-6-addr.txt'],
  ['ip -6 route', 'report003/ip-6-route.txt'],
  ['ip route', 'report003/ip-route.txt'],
  ['nft list ruleset', 'healthy/nft-list-ruleset.txt'],
  ['nft list ruleset', 'nft/broken-numgen-map.txt'],
  ['sysctl -a', 'healthy/sysctl-rp_filter.txt'],
  ['show configuration commands', 'report003/vyos-show-configuration-commands.txt'],
  ['ip -j -d link show', 'report003/ip-j-d-link-show.json'],
  ['ip -j -6 addr', 'healthy/ip-j-6-addr.json'],
  ['ip -j -6 route', 'healthy/ip-j-6-route.json'],
  ['ip -j route', 'healthy/ip-j-route.json'],
  ['nft -j list ruleset', 'healthy/nft-j-list-ruleset.json'],
].map(([c, f]) => [c!, fixture(f!)]);

/** Every piece of evidence (`{ command, lines }`) anywhere in a parsed result. */
function evidenceIn(value: unknown, out: { command: unknown; lines: unknown }[] = []): { command: unknown; lines: unknown }[] {
  if (Array.isArray(value)) for (const v of value) evidenceIn(v, out);
  else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('command' in o && 'lines' in o && (o.lines === null || Array.isArray(o.lines))) out.push({ command: o.command, lines: o.lines });
    for (const v of Object.values(o)) evidenceIn(v, out);
  }
  return out;
}

/**
 * The contract: an outcome, never an exception; a failure always says something. A success is the command's
 * kind of output, labelled with the command, every piece of its evidence names lines that exist in the text,
 * and the CE facts built from it count it as seen.
 */
function check(outcome: ParseOutcome, text?: string, command?: string): void {
  if (!outcome.ok) {
    expect(typeof outcome.message).toBe('string');
    expect(outcome.message.length).toBeGreaterThan(10);
    return;
  }
  const kind = command === undefined ? undefined : classifyCommand(command)?.kind;
  if (kind !== undefined) expect(outcome.parsed.kind).toBe(kind);
  if (command !== undefined) expect(outcome.parsed.command).toBe(command);
  expect(outcome.notes.every((n) => typeof n === 'string' && n.length > 0)).toBe(true);
  if (text !== undefined) {
    const lineCount = text.split(/\r\n|\r|\n/).length;
    for (const e of evidenceIn(outcome.parsed.result)) {
      expect(typeof e.command).toBe('string');
      for (const l of (e.lines as number[] | null) ?? []) {
        expect(Number.isInteger(l) && l >= 1 && l <= lineCount, `line ${l} of ${lineCount} in ${String(e.command)}`).toBe(true);
      }
    }
  }
  // Facts built from whatever was read must not throw either, and count what was read.
  expect(summariseCe([outcome.parsed]).seen).toContain(outcome.parsed.kind);
}

const sample = fc.constantFrom(...SAMPLES);
const ansi = fc.constantFrom('\x1b[0m', '\x1b[01;32m', '\x1b[K', '\x1b]0;title\x07', '\x1b[?2004h', '\x1b(B', '\x1b', '\r', '\x00', '\ufffd', 'Ã©', '\u200b');

describe('fuzzing: no exception escapes', () => {
  it('survives random strings and bytes', () => {
    fc.assert(
      fc.property(sample, fc.string({ unit: 'binary', maxLength: 400 }), ([command], junk) => {
        check(parseCommandOutput(command, junk), junk, command);
        check(parseAnyOutput(junk), junk);
        parseTranscript(junk);
      }),
      { numRuns: 300 },
    );
  });

  it('survives every truncation point of every sample (by line and by character)', () => {
    for (const [command, text] of SAMPLES) {
      // The whole sample reads, with evidence to check (so the checks below are not vacuous).
      const whole = parseCommandOutput(command, text);
      expect(whole.ok && evidenceIn(whole.parsed.result).length, command).toBeGreaterThan(0);
      const lines = text.split('\n');
      for (let i = 0; i <= lines.length; i++) {
        const head = lines.slice(0, i).join('\n');
        check(parseCommandOutput(command, head), head, command);
      }
      for (let i = 0; i <= text.length; i += Math.max(1, Math.floor(text.length / 200))) {
        check(parseCommandOutput(command, text.slice(0, i)), text.slice(0, i), command);
        check(parseAnyOutput(text.slice(i)), text.slice(i));
      }
    }
  });

  it('survives garbled samples: inserted escapes, deleted and swapped characters, mixed encodings', () => {
    fc.assert(
      fc.property(
        sample,
        fc.array(fc.tuple(fc.nat(), fc.oneof(ansi, fc.string({ maxLength: 4 }), fc.constant(''))), { maxLength: 30 }),
        ([command, text], edits) => {
          let t = text;
          for (const [at, insert] of edits) {
            const i = at % (t.length + 1);
            t = insert === '' ? t.slice(0, i) + t.slice(i + 1) : t.slice(0, i) + insert + t.slice(i);
          }
          check(parseCommandOutput(command, t), t, command);
          check(parseAnyOutput(t), t);
          const r = parseTranscript(`user@host:~$ ${command}\n${t}\nuser@host:~$ `);
          summariseCe(r.parsed);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same facts with ANSI colour around every word (ip -c)', () => {
    for (const [command, text] of SAMPLES.filter(([c]) => !c.includes('-j'))) {
      const colored = text.replace(/(\S+)/g, '\x1b[36m$1\x1b[0m');
      const plain = parseCommandOutput(command, text);
      const ansiOutcome = parseCommandOutput(command, colored);
      expect(ansiOutcome).toEqual(plain);
    }
  });

  it('reads a 10 MB input in linear time and answers', () => {
    const big = SAMPLES.find(([c]) => c === 'nft list ruleset')![1];
    let text = '';
    while (text.length < 10 * 1024 * 1024) text += big.replace(/table ip mape/g, `table ip t${text.length}`);
    const start = cpuMs();
    const r = parseCommandOutput('nft list ruleset', text);
    expect(cpuMs() - start).toBeLessThan(20_000);
    expect(r.ok).toBe(true);

    const junk = 'a'.repeat(10 * 1024 * 1024);
    for (const [command] of SAMPLES) check(parseCommandOutput(command, junk));
    check(parseCommandOutput('nft list ruleset', '{'.repeat(1024 * 1024)));
    check(parseCommandOutput('ip -j route', '['.repeat(1024 * 1024)));
    parseTranscript('$ ip route\n' + 'default dev mape '.repeat(600_000));
  }, 60_000);

  it('refuses inputs above the limit with a clear message', () => {
    const r = parseCommandOutput('ip -6 addr', ' '.repeat(MAX_INPUT_CHARS + 1));
    expect(r).toMatchObject({ ok: false, code: 'too-large', message: expect.stringMatching(/MB/) });
  });

  it('turns a non-string into a message instead of a crash', () => {
    check(parseCommandOutput('ip -6 addr', undefined as unknown as string));
  });
});
