/**
 * Reading one nft rule as `nft list ruleset` prints it (or as a user writes it in a ruleset file).
 * Only keywords that matter for MAP-E are interpreted; everything else is skipped word by word, so an
 * unfamiliar expression never makes the rule unreadable. Linear: one pass over the tokens.
 */
import { emptyMatch, snatStatement, type NftMatch, type NftStatement, type NumgenSpec, type PortRange, type SnatStatement } from './nft-model.js';
import { toInt, toIntOrHex } from './text.js';

interface Token {
  v: string;
  /** Came from a quoted string: never a keyword. */
  q: boolean;
}

/** Split on spaces; `{`, `}` and `,` are tokens of their own; `"…"` is one token. Stops at an unquoted `#`. */
export function tokenize(text: string): { tokens: Token[]; comment: string | null } {
  const tokens: Token[] = [];
  let word = '';
  const flush = (): void => {
    if (word !== '') tokens.push({ v: word, q: false });
    word = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      flush();
      const end = text.indexOf('"', i + 1);
      const stop = end < 0 ? text.length : end;
      tokens.push({ v: text.slice(i + 1, stop), q: true });
      i = stop;
    } else if (c === '#') {
      flush();
      return { tokens, comment: text.slice(i + 1).trim() };
    } else if (c === '{' || c === '}' || c === ',') {
      flush();
      tokens.push({ v: c, q: false });
    } else if (c === ' ' || c === '\t') flush();
    else word += c;
  }
  flush();
  return { tokens, comment: null };
}

/** Net `{` minus `}` outside quotes and comments: tells whether a rule or block continues on the next line. */
export function braceDelta(text: string): number {
  let d = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '#') break;
    else if (c === '{') d++;
    else if (c === '}') d--;
  }
  return d;
}

const PROTOCOL_NUMBERS: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'ipv6-icmp', '132': 'sctp', '33': 'dccp', '136': 'udplite' };
const TRANSPORT_WITH_PORTS = ['tcp', 'udp', 'udplite', 'sctp', 'dccp'];
const VERDICTS = new Set(['accept', 'drop', 'return', 'continue', 'queue', 'reject']);
const SNAT_FLAGS = new Set(['persistent', 'random', 'fully-random']);
const OPERATORS = new Set(['==', '!=', 'eq', 'ne']);
const COMPLEX_OPERATORS = new Set(['&', '|', '^', 'and', 'or', 'xor', '<', '>', '<=', '>=', 'lt', 'gt', 'le', 'ge']);

export interface ParsedRuleText {
  match: NftMatch;
  statements: NftStatement[];
  comment: string | null;
  handle: number | null;
}

export function parseRuleText(text: string): ParsedRuleText {
  const { tokens, comment: hashComment } = tokenize(text);
  const handle = hashComment ? toInt(/^handle\s+(\d+)/.exec(hashComment)?.[1]) : null;
  const r = new RuleReader(tokens);
  r.read();
  return { match: r.match, statements: r.statements, comment: r.comment, handle };
}

class RuleReader {
  readonly match = emptyMatch();
  readonly statements: NftStatement[] = [];
  comment: string | null = null;
  private i = 0;

  constructor(private readonly t: Token[]) {}

  private peek(k = 0): string | undefined {
    const tok = this.t[this.i + k];
    return tok && !tok.q ? tok.v : undefined;
  }

  private take(): Token | undefined {
    return this.t[this.i++];
  }

  read(): void {
    while (this.i < this.t.length) {
      const tok = this.take()!;
      if (tok.q) continue;
      this.keyword(tok.v);
    }
  }

  private keyword(w: string): void {
    switch (w) {
      case 'meta':
        // `meta oifname`, `meta mark`, `meta l4proto`: same meaning as the bare key.
        if (this.peek() !== undefined) this.keyword(this.take()!.v);
        return;
      case 'oifname':
      case 'oif': {
        const v = this.values();
        this.match.oifname = v.values;
        this.match.oifnameNegated = v.negated;
        return;
      }
      case 'iifname':
      case 'iif':
        this.match.iifname = this.values().values;
        return;
      case 'l4proto':
        this.protocols();
        return;
      case 'mark':
        if (this.peek() === 'set') {
          this.i++;
          this.statements.push(this.markSet('meta'));
          return;
        }
        this.markMatch();
        return;
      case 'ip':
      case 'ip6':
        this.ipHeader();
        return;
      case 'ct':
        this.ct();
        return;
      case 'tcp':
      case 'udp':
      case 'udplite':
      case 'sctp':
      case 'dccp':
        this.transport(w);
        return;
      case 'th':
        this.implyProtocols(TRANSPORT_WITH_PORTS);
        return;
      case 'icmp':
        if (this.peek() !== undefined && /^(type|code|id|sequence|checksum)$/.test(this.peek()!)) this.implyProtocols(['icmp']);
        return;
      case 'snat':
        this.statements.push(this.snat('snat'));
        return;
      case 'masquerade':
        this.statements.push(this.snat('masquerade'));
        return;
      case 'counter':
        // `counter packets 0 bytes 0` / `counter name "x"`: skip the numbers so they are not read as anything.
        while (this.peek() === 'packets' || this.peek() === 'bytes' || this.peek() === 'name') this.i += 2;
        return;
      case 'comment': {
        const c = this.take();
        this.comment = c ? c.v : null;
        return;
      }
      case 'jump':
      case 'goto':
        this.statements.push({ kind: 'verdict', verdict: w, target: this.take()?.v ?? null });
        return;
      default:
        if (VERDICTS.has(w)) this.statements.push({ kind: 'verdict', verdict: w, target: null });
        // `reject with icmp type …` / `queue num 1`: the rest are the verdict's arguments, not matches.
        if (w === 'reject' || w === 'queue') this.i = this.t.length;
    }
  }

  /** `X`, `!= X`, `{ X, Y }`, `!= { X, Y }`; `& mask == X` is marked complex. */
  private values(): { values: string[]; negated: boolean; complex: boolean } {
    let negated = false;
    let complex = false;
    const op = this.peek();
    if (op !== undefined && OPERATORS.has(op)) {
      negated = op === '!=' || op === 'ne';
      this.i++;
    } else if (op !== undefined && COMPLEX_OPERATORS.has(op)) {
      complex = true;
      this.i += 2;
      const op2 = this.peek();
      if (op2 !== undefined && OPERATORS.has(op2)) this.i++;
    }
    const first = this.take();
    if (!first) return { values: [], negated, complex };
    if (first.v !== '{' || first.q) return { values: [first.v], negated, complex };
    const values: string[] = [];
    while (this.i < this.t.length) {
      const tok = this.take()!;
      if (!tok.q && tok.v === '}') break;
      if (!tok.q && tok.v === ',') continue;
      values.push(tok.v);
    }
    return { values, negated, complex };
  }

  private protocols(): void {
    const v = this.values();
    this.match.l4proto = v.values.map((p) => PROTOCOL_NUMBERS[p] ?? p.toLowerCase());
    this.match.l4protoNegated = v.negated;
  }

  /** A header match such as `tcp dport 80` only passes that protocol. */
  private implyProtocols(protos: string[]): void {
    if (this.match.l4proto === null) this.match.l4proto = [...protos];
    else if (!this.match.l4protoNegated) this.match.l4proto = this.match.l4proto.filter((p) => protos.includes(p));
  }

  private markMatch(): void {
    const v = this.values();
    if (v.complex) {
      this.match.markComplex = true;
      return;
    }
    const marks = v.values.map((x) => toIntOrHex(x));
    if (marks.some((m) => m === null)) this.match.markComplex = true;
    else this.match.mark = marks as number[];
    this.match.markNegated = v.negated;
  }

  private markSet(target: 'meta' | 'ct'): NftStatement {
    if (this.peek() === 'numgen') {
      this.i++;
      return { kind: 'mark-set', target, value: null, numgen: this.numgen() };
    }
    const v = this.peek();
    const value = toIntOrHex(v);
    if (value !== null) this.i++;
    return { kind: 'mark-set', target, value, numgen: null };
  }

  /** After `numgen`: `inc mod 15 offset 0x10` (offset optional). */
  private numgen(): NumgenSpec {
    const spec: NumgenSpec = { mode: this.take()?.v ?? 'inc', mod: 0, offset: 0 };
    if (this.peek() === 'mod') {
      this.i++;
      spec.mod = toIntOrHex(this.take()?.v) ?? 0;
    }
    if (this.peek() === 'offset') {
      this.i++;
      spec.offset = toIntOrHex(this.take()?.v) ?? 0;
    }
    return spec;
  }

  private ipHeader(): void {
    const field = this.take()?.v;
    if (field === 'protocol' || field === 'nexthdr') this.protocols();
    else if (field === 'saddr') {
      const v = this.values();
      this.match.saddr = (v.negated ? '!= ' : '') + v.values.join(', ');
    } else if (field !== undefined && field !== 'to') this.values();
  }

  private ct(): void {
    const key = this.take()?.v;
    if (key === 'mark' && this.peek() === 'set') {
      this.i++;
      this.statements.push(this.markSet('ct'));
      return;
    }
    if (key === 'state') {
      const v = this.values();
      if (!v.negated && v.values.includes('new')) this.match.ctStateNew = true;
      return;
    }
    if (key !== undefined) this.values();
  }

  private transport(proto: string): void {
    const field = this.peek();
    if (field === undefined) return;
    this.implyProtocols([proto]);
    if (proto === 'tcp' && field === 'option' && this.peek(1) === 'maxseg' && this.peek(2) === 'size') {
      this.i += 3;
      if (this.peek() === 'set') {
        this.i++;
        if (this.peek() === 'rt' && this.peek(1) === 'mtu') {
          this.i += 2;
          this.statements.push({ kind: 'mss-clamp', value: 'rt-mtu' });
        } else {
          const size = toInt(this.peek());
          if (size !== null) this.i++;
          this.statements.push({ kind: 'mss-clamp', value: size });
        }
      }
      return;
    }
    this.i++;
  }

  /** `snat [ip] to ADDR[:PORTS] [flags]`, `masquerade [to :PORTS] [flags]`, incl. the numgen-map form. */
  private snat(kind: 'snat' | 'masquerade'): SnatStatement {
    const s = snatStatement(kind);
    if (this.peek() === 'ip' || this.peek() === 'ip6') this.i++;
    if (this.peek() === 'to') {
      this.i++;
      let target = this.take()?.v ?? '';
      // `133.209.13.2 : 5136-5151` (as typed) and `133.209.13.2:numgen` (as listed) both end here as one string.
      if (this.peek() === ':') {
        this.i++;
        target += ':' + (this.take()?.v ?? '');
      } else if (target.endsWith(':') && this.peek() !== undefined) target += this.take()!.v;
      // An unbracketed IPv6 target (`snat ip6 to 2001:db8::1`) has no port part to split off.
      const bareIpv6 = !target.startsWith('[') && target.indexOf(':') !== target.lastIndexOf(':');
      const colon = bareIpv6 ? -1 : target.startsWith('[') ? target.indexOf(']:') + 1 : target.indexOf(':');
      const addr = colon > 0 ? target.slice(0, colon) : colon === 0 ? '' : target;
      s.address = kind === 'snat' && addr !== '' ? addr.replace(/^\[|\]$/g, '') : null;
      if (colon >= 0) this.ports(s, target.slice(colon + 1));
    }
    while (this.i < this.t.length) {
      const f = this.peek();
      if (f === ',') this.i++;
      else if (f !== undefined && SNAT_FLAGS.has(f)) {
        this.i++;
        if (f === 'persistent') s.persistent = true;
        else if (f === 'random') s.random = true;
        else s.fullyRandom = true;
      } else break;
    }
    return s;
  }

  private ports(s: SnatStatement, expr: string): void {
    if (expr === 'numgen') {
      s.portForm = 'numgen-map';
      s.numgen = this.numgen();
      s.ports = [];
      if (this.peek() === 'map' && this.peek(1) === '{') {
        this.i += 2;
        this.mapEntries(s);
      }
      return;
    }
    const range = portRange(expr);
    if (range) {
      s.ports = [range];
      s.portForm = range[0] === range[1] && !expr.includes('-') ? 'single' : 'range';
    } else s.portForm = 'unknown';
  }

  /** `{ 0 : 7216-7231, 1 : 11312 }` up to the closing brace. */
  private mapEntries(s: SnatStatement): void {
    let entry: string[] = [];
    const finish = (): void => {
      const joined = entry.join(' ');
      entry = [];
      const colon = joined.indexOf(':');
      if (colon < 0) return;
      const value = joined.slice(colon + 1).trim();
      const range = portRange(value);
      if (range) s.ports!.push(range);
      else s.brokenMapEntries.push(joined);
    };
    while (this.i < this.t.length) {
      const tok = this.take()!;
      if (!tok.q && tok.v === '}') break;
      if (!tok.q && tok.v === ',') finish();
      else entry.push(tok.v);
    }
    if (entry.length > 0) finish();
  }
}

/** `5136-5151` or `5136` → a valid inclusive range; `7216-0` (end before start) or junk → null. */
export function portRange(expr: string): PortRange | null {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(expr.trim());
  if (!m) return null;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start > 65535 || end > 65535 || end < start) return null;
  return [start, end];
}
