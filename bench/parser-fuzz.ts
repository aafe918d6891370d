// The fuzz campaign over every parser: real outputs (test fixtures, the twin's scenarios, field transcripts) mutated
// the ways a serial line, a terminal or a copy-paste mangle them, fed to every parser. A crash is an exception other
// than the app's own refusals (MessageError, the calculator's CalcInputError: a sentence the user can act on). Reports inputs tried, crashes (must be
// 0), and the slowest input with its time. Seeded, so a run is repeatable: FUZZ_SEED=n, FUZZ_ROUNDS=n.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MessageError } from '../shared/i18n/message.js';
import { parseRtxConfig } from '../shared/rtx/config/parse.js';
import { configChanges } from '../shared/rtx/config-diff.js';
import { SHOW_PARSERS } from '../shared/rtx/show/index.js';
import { transcriptToInput } from '../shared/diagnosis/transcript.js';
import { diagnose } from '../shared/diagnosis/engine.js';
import { parseAnyOutput, parseCommandOutput, parseTranscript } from '../shared/linux/index.js';
import { parseIpv6Input } from '../shared/mape/ipv6-input.js';
import { CalcInputError } from '../shared/mape/errors.js';

const root = join(import.meta.dirname, '..');
const seed0 = Number(process.env.FUZZ_SEED ?? 20261205);
const rounds = Number(process.env.FUZZ_ROUNDS ?? 20);

/** Every text file under a directory (fixtures and scenario configs). */
function texts(dir: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...texts(p));
    else if (/\.(txt|log|json)$/.test(entry) && !/^(README|scenario)/.test(entry)) out.push({ name: p.slice(root.length + 1), text: readFileSync(p, 'utf8') });
  }
  return out;
}

const corpus = [
  ...texts(join(root, 'test', 'fixtures')),
  ...texts(join(root, 'main', 'simulator', 'scenarios')).filter((f) => f.name.endsWith('config.txt')),
];
const scenarioConfig = readFileSync(join(root, 'main', 'simulator', 'scenarios', 'fixed-ip-br-typo', 'config.txt'), 'utf8');

const LINUX_COMMANDS = ['ip -d link show', 'ip -6 tunnel show', 'ip -6 addr', 'ip -6 route', 'ip route', 'nft list ruleset', 'sysctl -a', 'show configuration commands', 'ip -j -d link show', 'ip -j -6 addr', 'ip -j route', 'nft -j list ruleset'];

/** Each parser as the app calls it on untrusted text. */
const PARSERS: [string, (text: string) => unknown][] = [
  ['show config', parseRtxConfig],
  ...SHOW_PARSERS.map(([command, parse]): [string, (text: string) => unknown] => [command, (t) => parse(t)]),
  ['config diff', (t) => configChanges(scenarioConfig, t)],
  ['pasted transcript → diagnosis', (t) => diagnose(transcriptToInput(t))],
  ['MAP-E calculator input', (t) => parseIpv6Input(t.slice(0, 200))],
  ...LINUX_COMMANDS.map((c): [string, (text: string) => unknown] => [`linux: ${c}`, (t) => parseCommandOutput(c, t)]),
  ['linux: any output', (t) => parseAnyOutput(t)],
  ['linux: transcript', (t) => parseTranscript(t)],
];

/** mulberry32: small, seeded, good enough to pick mutations. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK = ['\x1b[0m', '\x1b[7m--More--\x1b[0m', '\x1b[K', '\r', '\r\r\n', '\x00', '\ufffd', '\u0000\u0008', '\x08 \x08', '---つづく---', '#', '> ', '\t', '\u3000', 'Ã©', '\x1b]0;t\x07', ':', '::', '/', '0x', '-', '9'.repeat(40)];

/** One mangled version of a text: what a noisy line, a pager, an editor or a truncated capture does to it. */
function mutate(text: string, rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const at = () => Math.floor(rnd() * (text.length + 1));
  const lines = text.split('\n');
  switch (Math.floor(rnd() * 10)) {
    case 0: // cut anywhere (a capture that stopped)
      return text.slice(0, at());
    case 1: // start anywhere (a capture that began late)
      return text.slice(at());
    case 2: {
      // junk inserted at several places
      let t = text;
      for (let i = 0, n = 1 + Math.floor(rnd() * 8); i < n; i++) {
        const p = Math.floor(rnd() * (t.length + 1));
        t = t.slice(0, p) + pick(JUNK) + t.slice(p);
      }
      return t;
    }
    case 3: {
      // bytes flipped (line noise)
      const chars = [...text];
      for (let i = 0, n = 1 + Math.floor(rnd() * 16); i < n && chars.length; i++) chars[Math.floor(rnd() * chars.length)] = String.fromCharCode(Math.floor(rnd() * 0x3100));
      return chars.join('');
    }
    case 4: // lines dropped
      return lines.filter(() => rnd() > 0.2).join('\n');
    case 5: // lines repeated (a pager that printed a page twice)
      return lines.flatMap((l) => (rnd() < 0.1 ? [l, l, l] : [l])).join('\n');
    case 6: // lines shuffled
      return [...lines].sort(() => rnd() - 0.5).join('\n');
    case 7: // digits changed (counters, addresses, prefixes out of range)
      return text.replace(/\d+/g, (d) => (rnd() < 0.3 ? pick(['0', '65536', '4294967296', '999999999999999999999', '-1', d + d]) : d));
    case 8: // one very long line (a runaway capture)
      return text + '\n' + pick(JUNK).repeat(1 + Math.floor(rnd() * 20_000));
    default: // another file's text spliced in
      return text.slice(0, at()) + pick(corpus).text.slice(0, 2000);
  }
}

const rnd = prng(seed0);
let tried = 0;
let refusals = 0;
const crashes: { parser: string; seed: string; error: string }[] = [];
let slowest = { ms: 0, parser: '', seed: '', chars: 0 };
const started = performance.now();
for (const [name, parse] of PARSERS) {
  for (const seed of corpus) {
    const inputs = [seed.text, '', ...Array.from({ length: rounds }, () => mutate(seed.text, rnd))];
    for (const input of inputs) {
      tried++;
      const t0 = performance.now();
      try {
        parse(input);
      } catch (err) {
        if (err instanceof MessageError || err instanceof CalcInputError) refusals++;
        else crashes.push({ parser: name, seed: seed.name, error: err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 200) : String(err) });
      }
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, parser: name, seed: seed.name, chars: input.length };
    }
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(`parser fuzz (seed ${seed0}): ${PARSERS.length} parsers × ${corpus.length} real texts × ${rounds + 2} inputs each`);
console.log(`  inputs tried ${tried}, crashes ${crashes.length}, clear refusals ${refusals}, in ${seconds.toFixed(1)} s`);
console.log(`  slowest input: ${slowest.ms.toFixed(1)} ms (${slowest.parser}, a mutation of ${slowest.seed}, ${slowest.chars} chars)`);
for (const c of crashes.slice(0, 20)) console.log(`  CRASH ${c.parser} on a mutation of ${c.seed}: ${c.error}`);
if (crashes.length) process.exit(1);
