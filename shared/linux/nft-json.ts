/**
 * `nft -j list ruleset` (libnftables JSON schema, as nft 1.0.6 prints it). Rules arrive as expression trees;
 * they are reduced to the same NftRule model the text parser builds, plus a rendered text for display.
 */
import type { ParseOptions } from './evidence.js';
import { arrayElementSpans, isObject, jsonEvidence, LinuxInputError, num, parseJsonText, str, type Json } from './json-input.js';
import {
  emptyMatch,
  priorityOf,
  snatStatement,
  type NftChain,
  type NftMatch,
  type NftResult,
  type NftRule,
  type NftStatement,
  type NftTable,
  type NumgenSpec,
} from './nft-model.js';
import { portRange } from './nft-rule-text.js';

const PROTOCOL_NUMBERS: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'ipv6-icmp' };
const TRANSPORT = new Set(['tcp', 'udp', 'udplite', 'sctp', 'dccp']);
/** nft JSON gives priorities as numbers; name the standard ones back so text and JSON read alike. */
const PRIORITY_NAMES: Record<number, string> = { [-300]: 'raw', [-150]: 'mangle', [-100]: 'dstnat', 0: 'filter', 50: 'security', 100: 'srcnat' };

export function parseNftJson(output: string, opts: ParseOptions = {}): NftResult {
  const command = opts.command ?? 'nft -j list ruleset';
  const data = parseJsonText(output, command);
  const items = isObject(data) && Array.isArray(data.nftables) ? (data.nftables as unknown[]) : null;
  if (!items) {
    throw new LinuxInputError('unexpected-json', `The output of \`${command}\` is JSON but has no "nftables" list; is it really \`nft -j list ruleset\`?`);
  }
  const spans = arrayElementSpans(output, 2, opts.firstLine);
  const tables: NftTable[] = [];
  const rules: NftRule[] = [];
  const unrecognised: number[] = [];

  const tableFor = (family: string, name: string, index: number): NftTable => {
    let t = tables.find((x) => x.family === family && x.name === name);
    if (!t) {
      t = { family, name, chains: [], evidence: jsonEvidence(command, index, spans) };
      tables.push(t);
    }
    return t;
  };
  const chainFor = (table: NftTable, name: string, index: number): NftChain => {
    let c = table.chains.find((x) => x.name === name);
    if (!c) {
      c = { family: table.family, table: table.name, name, type: null, hook: null, priority: null, policy: null, rules: [], evidence: jsonEvidence(command, index, spans) };
      table.chains.push(c);
    }
    return c;
  };

  items.forEach((item, index) => {
    if (!isObject(item)) return unrecognised.push(index);
    if (isObject(item.table)) {
      const t = item.table;
      const name = str(t, 'name');
      if (name !== null) tableFor(str(t, 'family') ?? 'ip', name, index);
      return;
    }
    if (isObject(item.chain)) {
      const c = item.chain;
      const name = str(c, 'name');
      const tname = str(c, 'table');
      if (name === null || tname === null) return unrecognised.push(index);
      const chain = chainFor(tableFor(str(c, 'family') ?? 'ip', tname, index), name, index);
      chain.evidence = jsonEvidence(command, index, spans);
      chain.type = str(c, 'type');
      chain.hook = str(c, 'hook');
      const prio = num(c, 'prio');
      chain.priority = prio === null ? (str(c, 'prio') ? priorityOf(str(c, 'prio')!) : null) : { raw: PRIORITY_NAMES[prio] ?? String(prio), value: prio };
      chain.policy = str(c, 'policy');
      return;
    }
    if (isObject(item.rule)) {
      const r = item.rule;
      const tname = str(r, 'table');
      const cname = str(r, 'chain');
      if (tname === null || cname === null) return unrecognised.push(index);
      const chain = chainFor(tableFor(str(r, 'family') ?? 'ip', tname, index), cname, index);
      const exprs = Array.isArray(r.expr) ? (r.expr as unknown[]) : [];
      const reader = new ExprReader();
      exprs.forEach((e) => reader.read(e));
      const rule: NftRule = {
        family: chain.family,
        table: chain.table,
        chain: chain.name,
        handle: num(r, 'handle'),
        comment: str(r, 'comment'),
        text: reader.parts.join(' '),
        match: reader.match,
        statements: reader.statements,
        evidence: jsonEvidence(command, index, spans),
      };
      chain.rules.push(rule);
      rules.push(rule);
    }
    // metainfo, set, map, flowtable, element …: nothing diagnosis needs.
  });
  return { tables, rules, unrecognised };
}

class ExprReader {
  readonly match: NftMatch = emptyMatch();
  readonly statements: NftStatement[] = [];
  /** Rendered text, close to what `nft list` prints, for evidence display. */
  readonly parts: string[] = [];

  read(e: unknown): void {
    if (!isObject(e)) return;
    const [key] = Object.keys(e);
    if (key === undefined) return;
    const body = e[key];
    switch (key) {
      case 'match':
        if (isObject(body)) this.matchExpr(body);
        return;
      case 'mangle':
        if (isObject(body)) this.mangle(body);
        return;
      case 'snat':
      case 'masquerade':
        this.snat(key, isObject(body) ? body : {});
        return;
      case 'counter':
        this.parts.push('counter');
        return;
      case 'jump':
      case 'goto': {
        const target = isObject(body) ? str(body, 'target') : null;
        this.statements.push({ kind: 'verdict', verdict: key, target });
        this.parts.push(`${key} ${target ?? ''}`.trim());
        return;
      }
      case 'accept':
      case 'drop':
      case 'return':
      case 'continue':
      case 'reject':
      case 'queue':
        this.statements.push({ kind: 'verdict', verdict: key, target: null });
        this.parts.push(key);
        return;
      default:
        this.parts.push(key);
    }
  }

  private matchExpr(m: Json): void {
    const op = str(m, 'op') ?? '==';
    const negated = op === '!=';
    const left = m.left;
    const right = m.right;
    // nft lists interface names quoted and without `meta`: `oifname "mape"`.
    const ifname = isObject(left) && isObject(left.meta) && /^[oi]ifname$/.test(str(left.meta, 'key') ?? '');
    const leftText = ifname && isObject(left) && isObject(left.meta) ? str(left.meta, 'key')! : render(left);
    const rightText = ifname && typeof right === 'string' ? `"${right}"` : render(right);
    this.parts.push(`${leftText} ${op === '==' || op === 'in' ? '' : op + ' '}${rightText}`);
    const base = unwrapBinary(left);
    const complex = base !== left;
    if (isObject(base) && isObject(base.meta)) {
      const k = str(base.meta, 'key');
      if (k === 'oifname' || k === 'oif') {
        this.match.oifname = values(right);
        this.match.oifnameNegated = negated;
      } else if (k === 'iifname' || k === 'iif') this.match.iifname = values(right);
      else if (k === 'l4proto') this.protocols(right, negated);
      else if (k === 'mark') this.mark(right, negated, complex);
      return;
    }
    if (isObject(base) && isObject(base.payload)) {
      const proto = str(base.payload, 'protocol');
      const field = str(base.payload, 'field');
      if ((proto === 'ip' && field === 'protocol') || (proto === 'ip6' && field === 'nexthdr')) this.protocols(right, negated);
      else if (proto === 'ip' && field === 'saddr') this.match.saddr = (negated ? '!= ' : '') + render(right);
      else if (proto !== null && TRANSPORT.has(proto)) this.imply([proto]);
      else if (proto === 'th') this.imply([...TRANSPORT]);
      else if (proto === 'icmp') this.imply(['icmp']);
      return;
    }
    if (isObject(base) && isObject(base['tcp option'])) this.imply(['tcp']);
    if (isObject(base) && isObject(base.ct) && str(base.ct, 'key') === 'state' && !negated && values(right).includes('new')) this.match.ctStateNew = true;
  }

  private protocols(right: unknown, negated: boolean): void {
    this.match.l4proto = values(right).map((p) => PROTOCOL_NUMBERS[p] ?? p);
    this.match.l4protoNegated = negated;
  }

  private imply(protos: string[]): void {
    if (this.match.l4proto === null) this.match.l4proto = [...protos];
    else if (!this.match.l4protoNegated) this.match.l4proto = this.match.l4proto.filter((p) => protos.includes(p));
  }

  private mark(right: unknown, negated: boolean, complex: boolean): void {
    const marks = values(right).map(Number);
    if (complex || marks.some((m) => !Number.isInteger(m))) this.match.markComplex = true;
    else {
      this.match.mark = marks;
      this.match.markNegated = negated;
    }
  }

  private mangle(m: Json): void {
    // Older libnftables wrote `left`/`right`; 1.0 writes `key`/`value`.
    const key = m.key ?? m.left;
    const value = m.value ?? m.right;
    this.parts.push(`${render(key)} set ${render(value)}`);
    if (!isObject(key)) return;
    const markTarget = isObject(key.meta) && str(key.meta, 'key') === 'mark' ? 'meta' : isObject(key.ct) && str(key.ct, 'key') === 'mark' ? 'ct' : null;
    if (markTarget) {
      const ng = numgenOf(value);
      this.statements.push({ kind: 'mark-set', target: markTarget, value: typeof value === 'number' ? value : null, numgen: ng });
      return;
    }
    const opt = key['tcp option'];
    if (isObject(opt) && str(opt, 'name') === 'maxseg') {
      this.imply(['tcp']);
      const rt = isObject(value) && isObject(value.rt) && str(value.rt, 'key') === 'mtu';
      this.statements.push({ kind: 'mss-clamp', value: rt ? 'rt-mtu' : typeof value === 'number' ? value : null });
    }
  }

  private snat(kind: 'snat' | 'masquerade', body: Json): void {
    const s = snatStatement(kind, kind === 'snat' && typeof body.addr === 'string' ? body.addr : null);
    const flags = typeof body.flags === 'string' ? [body.flags] : Array.isArray(body.flags) ? body.flags : [];
    s.persistent = flags.includes('persistent');
    s.random = flags.includes('random');
    s.fullyRandom = flags.includes('fully-random');
    const port = body.port;
    if (typeof port === 'number') {
      s.ports = portRange(String(port)) ? [[port, port]] : null;
      s.portForm = 'single';
    } else if (isObject(port) && Array.isArray(port.range)) {
      const r = portRange(port.range.join('-'));
      s.ports = r ? [r] : null;
      s.portForm = r ? 'range' : 'unknown';
      if (!r) s.brokenMapEntries.push(render(port));
    } else if (isObject(port) && isObject(port.map)) {
      s.portForm = 'numgen-map';
      s.numgen = numgenOf(port.map.key);
      s.ports = [];
      const data = isObject(port.map.data) && Array.isArray(port.map.data.set) ? (port.map.data.set as unknown[]) : [];
      for (const entry of data) {
        const [k, v] = Array.isArray(entry) ? (entry as unknown[]) : [];
        const r = typeof v === 'number' ? portRange(String(v)) : isObject(v) && Array.isArray(v.range) ? portRange(v.range.join('-')) : null;
        if (r) s.ports.push(r);
        else s.brokenMapEntries.push(`${render(k)} : ${render(v)}`);
      }
    } else if (port !== undefined) s.portForm = 'unknown';
    this.statements.push(s);
    const target = [s.address, port === undefined ? null : render(port)].filter((x) => x !== null).join(':');
    this.parts.push(`${kind}${target ? ` to ${kind === 'masquerade' ? ':' : ''}${target}` : ''}${flags.length ? ' ' + flags.join(',') : ''}`);
  }
}

/** `{"&": [left, mask]}` → left: the thing matched, behind a mask. */
function unwrapBinary(e: unknown): unknown {
  let cur = e;
  for (let depth = 0; depth < 8 && isObject(cur); depth++) {
    const op = ['&', '|', '^', '<<', '>>'].find((k) => k in (cur as Json));
    if (!op) return cur;
    const args = (cur as Json)[op];
    if (!Array.isArray(args)) return cur;
    cur = args[0];
  }
  return cur;
}

function numgenOf(v: unknown): NumgenSpec | null {
  if (!isObject(v) || !isObject(v.numgen)) return null;
  return { mode: str(v.numgen, 'mode') ?? 'inc', mod: num(v.numgen, 'mod') ?? 0, offset: num(v.numgen, 'offset') ?? 0 };
}

/** Values of a match's right side: a scalar or `{"set": [...]}`. */
function values(right: unknown): string[] {
  if (isObject(right) && Array.isArray(right.set)) return right.set.map((x) => render(x));
  if (Array.isArray(right)) return right.map((x) => render(x));
  return [render(right)];
}

/** Compact text for an expression; good enough for showing a rule, not for feeding back to nft. */
function render(e: unknown, depth = 0): string {
  if (depth > 12) return '…';
  if (typeof e === 'string') return e;
  if (typeof e === 'number' || typeof e === 'boolean') return String(e);
  if (e === null || e === undefined) return '';
  if (Array.isArray(e)) return e.map((x) => render(x, depth + 1)).join(',');
  if (!isObject(e)) return '';
  const [k] = Object.keys(e);
  if (k === undefined) return '';
  const v = e[k];
  if (k === 'set' && Array.isArray(v)) return `{ ${v.map((x) => (Array.isArray(x) ? `${render(x[0], depth + 1)} : ${render(x[1], depth + 1)}` : render(x, depth + 1))).join(', ')} }`;
  if (k === 'range' && Array.isArray(v)) return v.map((x) => render(x, depth + 1)).join('-');
  if (k === 'prefix' && isObject(v)) return `${render(v.addr, depth + 1)}/${render(v.len, depth + 1)}`;
  if ((k === 'meta' || k === 'ct' || k === 'rt') && isObject(v)) return `${k} ${str(v, 'key') ?? ''}`;
  if (k === 'payload' && isObject(v)) return `${str(v, 'protocol') ?? ''} ${str(v, 'field') ?? ''}`;
  if (k === 'tcp option' && isObject(v)) return `tcp option ${str(v, 'name') ?? ''} ${str(v, 'field') ?? ''}`;
  if (k === 'numgen' && isObject(v)) return `numgen ${str(v, 'mode') ?? ''} mod ${num(v, 'mod') ?? ''}${num(v, 'offset') ? ` offset ${num(v, 'offset')}` : ''}`;
  if (k === 'map' && isObject(v)) return `${render(v.key, depth + 1)} map ${render(v.data, depth + 1)}`;
  if (['&', '|', '^'].includes(k) && Array.isArray(v)) return `${render(v[0], depth + 1)} ${k} ${render(v[1], depth + 1)}`;
  return k;
}
