/**
 * `nft list ruleset` / `nft list table ip vyos_nat` text (also `nft -a` handles and ruleset files with
 * `add rule …` lines). Tracks table/chain nesting by braces; named sets, maps and flowtables are skipped whole.
 */
import type { ParseOptions } from './evidence.js';
import { priorityOf, type NftChain, type NftResult, type NftRule, type NftTable } from './nft-model.js';
import { braceDelta, parseRuleText } from './nft-rule-text.js';
import { cleanLines, type NumberedLine } from './text.js';

const TABLE = /^table\s+(?:(ip|ip6|inet|arp|bridge|netdev)\s+)?("?[^\s{"]+"?)\s*\{\s*$/;
/** `chain x {`, or a one-line `chain x { type nat hook postrouting priority srcnat; policy accept; }`. */
const CHAIN = /^chain\s+("?[^\s{"]+"?)\s*\{(.*)$/;
const BLOCK = /^(set|map|flowtable|counter|quota|limit|ct|secmark|synproxy)\b.*\{\s*$/;
const BASE_CHAIN = /^type\s+(\S+)\s+hook\s+(\S+)(?:\s+device\s+\S+)?\s+priority\s+([^;]{1,40});(?:\s*policy\s+(\w+)\s*;)?/;
const POLICY = /^policy\s+(\w+)\s*;?$/;
const ADD_RULE = /^(?:add|insert)\s+rule\s+(?:(ip|ip6|inet|arp|bridge|netdev)\s+)?(\S+)\s+(\S+)\s+(.*)$/;
/** A rule that opens more braces than it closes continues on the next lines; give up after this many. */
const MAX_CONTINUATION = 5000;

type Scope = { kind: 'table'; table: NftTable } | { kind: 'chain'; chain: NftChain } | { kind: 'skip'; depth: number };

export function parseNftText(output: string, opts: ParseOptions = {}): NftResult {
  const command = opts.command ?? 'nft list ruleset';
  const tables: NftTable[] = [];
  const rules: NftRule[] = [];
  const unrecognised: number[] = [];
  const stack: Scope[] = [];
  const lines = cleanLines(output, opts.firstLine);

  const tableIndex = new Map<string, NftTable>();
  const tableFor = (family: string, name: string, line: number): NftTable => {
    let t = tableIndex.get(`${family} ${name}`);
    if (!t) {
      t = { family, name, chains: [], evidence: { command, lines: [line] } };
      tables.push(t);
      tableIndex.set(`${family} ${name}`, t);
    }
    return t;
  };
  const chainFor = (table: NftTable, name: string, line: number): NftChain => {
    let c = table.chains.find((x) => x.name === name);
    if (!c) {
      c = { family: table.family, table: table.name, name, type: null, hook: null, priority: null, policy: null, rules: [], evidence: { command, lines: [line] } };
      table.chains.push(c);
    }
    return c;
  };
  const addRule = (chain: NftChain, text: string, lineNumbers: number[]): void => {
    const parsed = parseRuleText(text);
    const rule: NftRule = {
      family: chain.family,
      table: chain.table,
      chain: chain.name,
      handle: parsed.handle,
      comment: parsed.comment,
      text: withoutComment(text).trim(),
      match: parsed.match,
      statements: parsed.statements,
      evidence: { command, lines: lineNumbers },
    };
    chain.rules.push(rule);
    rules.push(rule);
  };

  for (let idx = 0; idx < lines.length; idx++) {
    const { line, text: raw } = lines[idx]!;
    // `nft -a` appends `# handle N` to tables and chains too; structure is matched without it.
    const text = withoutComment(raw).trim();
    if (text === '') continue;
    const scope = stack[stack.length - 1];

    if (scope?.kind === 'skip') {
      scope.depth += braceDelta(text);
      if (scope.depth <= 0) stack.pop();
      continue;
    }
    if (text === '}' || text === '};') {
      if (stack.length > 0) stack.pop();
      else unrecognised.push(line);
      continue;
    }
    if (!scope) {
      const t = TABLE.exec(text);
      if (t) {
        stack.push({ kind: 'table', table: tableFor(t[1] ?? 'ip', unquote(t[2]!), line) });
        continue;
      }
      const add = ADD_RULE.exec(text);
      if (add) {
        const table = tableFor(add[1] ?? 'ip', unquote(add[2]!), line);
        addRule(chainFor(table, unquote(add[3]!), line), add[4]!, [line]);
        continue;
      }
      // `table ip mape` / `delete table ip mape` / `flush ruleset`: script lines with no listing content.
      if (/^(?:table|delete|flush|add|create|define|include)\b/.test(text)) continue;
      unrecognised.push(line);
      continue;
    }
    if (scope.kind === 'table') {
      const c = CHAIN.exec(text);
      if (c) {
        const chain = chainFor(scope.table, unquote(c[1]!), line);
        const rest = c[2]!.trim();
        const base = BASE_CHAIN.exec(rest);
        if (base) setBase(chain, base, line);
        if (!rest.endsWith('}')) stack.push({ kind: 'chain', chain });
        continue;
      }
      const delta = braceDelta(text);
      if (BLOCK.test(text) || delta > 0) {
        stack.push({ kind: 'skip', depth: delta });
        continue;
      }
      if (!/^(?:flags|comment)\b/.test(text)) unrecognised.push(line);
      continue;
    }
    // Inside a chain.
    const chain = scope.chain;
    const base = BASE_CHAIN.exec(text);
    if (base) {
      setBase(chain, base, line);
      continue;
    }
    const policy = POLICY.exec(text);
    if (policy) {
      chain.policy = policy[1]!;
      continue;
    }
    if (/^(?:comment\s+"|devices\s*=)/.test(text)) continue;
    const collected = collectRule(lines, idx);
    addRule(chain, collected.text, collected.lines);
    idx = collected.lastIndex;
  }
  return { tables, rules, unrecognised };
}

function setBase(chain: NftChain, base: RegExpExecArray, line: number): void {
  chain.type = base[1]!;
  chain.hook = base[2]!;
  chain.priority = priorityOf(base[3]!);
  chain.policy = base[4] ?? chain.policy;
  if (!chain.evidence.lines?.includes(line)) chain.evidence.lines?.push(line);
}

/** Join a rule's continuation lines while its braces are open (long anonymous sets). */
function collectRule(lines: NumberedLine[], start: number): { text: string; lines: number[]; lastIndex: number } {
  const first = lines[start]!;
  let text = first.text.trim();
  const numbers = [first.line];
  let depth = braceDelta(text);
  let idx = start;
  while (depth > 0 && idx + 1 < lines.length && numbers.length < MAX_CONTINUATION) {
    const next = lines[idx + 1]!;
    // A lone `}` at depth 1 could be the chain's end in a cut-off rule; stop rather than swallow the chain.
    if (next.text.trim() === '}' && depth === 1 && !text.trimEnd().endsWith(',')) break;
    idx++;
    text += ' ' + next.text.trim();
    numbers.push(next.line);
    depth += braceDelta(next.text);
  }
  return { text, lines: numbers, lastIndex: idx };
}

/** The line up to an unquoted `#`. */
function withoutComment(s: string): string {
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"') quoted = !quoted;
    else if (s[i] === '#' && !quoted) return s.slice(0, i);
  }
  return s;
}

function unquote(s: string): string {
  return s.replace(/^"|"$/g, '');
}
