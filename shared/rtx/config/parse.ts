/**
 * `show config` (or a hand-edited config a user pasted) → RtxConfig.
 *
 * Order-independent and tolerant: every line is classified on its own, except that `tunnel select N` /
 * `pp select N` choose which tunnel or pp the following scoped lines (`tunnel …`, `ip tunnel …`,
 * `ipv6 tunnel …`, `description tunnel …`, `ip pp …` …) belong to. A block ends at the next select or at
 * an unindented line that is clearly global; indented lines never end it, because `show config` indents
 * a block's children and may interleave global commands such as `ipsec ike …` there.
 * Nothing throws on odd input: unmodelled lines go to `unknown`, problems to `notes`.
 */
import { intOf, splitLines, stripAnsi, tokens } from '../text.js';
import { applyCommon, applyInterface, type Family } from './interface-commands.js';
import { dynamicFilter, staticFilter } from './filters.js';
import { emptyConfig, emptyInterface, emptyTunnel, entry } from './model.js';
import { applyNat } from './nat.js';
import { route } from './routes.js';
import type { RtxConfig, TunnelConfig, TunnelEncapsulation } from './types.js';

export { mentionedLineText } from '../text.js';

/** The selected block: a tunnel, a pp by number, or the anonymous pp of remote-access VPNs (`pp select anonymous`). */
type Context = { kind: 'tunnel'; id: number } | { kind: 'pp'; id: number | 'anonymous' } | null;

const INTERFACE = /^(?:lan\d+(?:\/\d+)?|bridge\d+|vlan\d+|loopback\d+|wan\d+)$/;
const REVISION = /^#\s*([A-Za-z][A-Za-z0-9-]*)\s+Rev\.(\d+(?:\.\d+)+)/;
const HEADER_LINE = /^#\s*(?:MAC Address|Memory\s|main:|Reporting Date)/;
const HEREDOC = /^embedded\s+file\s+(\S+?)\s*<<\s*["']?([^"'\s]+)["']?$/;
const PREFIX_SOURCE = /^(ra-prefix|dhcp-prefix)@([^:]*)(.*)$/;
const ENCAPSULATIONS = new Set<TunnelEncapsulation>(['ipip', 'map-e', 'ipsec', 'l2tp', 'l2tpv3', 'pptp']);
const MAX_NOTES = 100;

/** True for lines that belong to a `tunnel select` block. */
function tunnelScoped(w: string[]): boolean {
  const [a, b] = w;
  return (
    a === 'tunnel' || a === 'ipsec' || a === 'l2tp' ||
    ((a === 'ip' || a === 'ipv6' || a === 'description') && b === 'tunnel')
  );
}

/** True for lines that belong to a `pp select` block. */
function ppScoped(w: string[]): boolean {
  const [a, b] = w;
  return a === 'pp' || a === 'ppp' || a === 'pppoe' || ((a === 'ip' || a === 'ipv6' || a === 'description') && b === 'pp');
}

/** Secrets are recorded by line only (so they can be redacted) and never copied into the model. */
function isSecret(w: string[]): boolean {
  const [a, b, c] = w;
  return (
    (a === 'login' && (b === 'password' || b === 'user')) ||
    (a === 'administrator' && b === 'password') ||
    (a === 'pp' && b === 'auth') ||
    (a === 'ipsec' && b === 'ike' && (c === 'pre-shared-key' || c === 'password')) ||
    (a === 'l2tp' && b === 'tunnel' && c === 'auth') ||
    ((a === 'snmp' || a === 'snmpv1' || a === 'snmpv2c') && b === 'community') ||
    (a === 'radius' && b === 'secret')
  );
}

/** Index of an inline ` # comment` (hand-edited configs have them; RTX itself only knows whole-line `#`). */
function inlineComment(body: string): number {
  return body.search(/[ \t]#/);
}

export function parseRtxConfig(text: string): RtxConfig {
  const cfg = emptyConfig();
  const physical = splitLines(typeof text === 'string' ? text : '');
  let notesDropped = 0;
  const note = (msg: string): void => {
    if (cfg.notes.length < MAX_NOTES) cfg.notes.push(msg);
    else notesDropped++;
  };
  let ctx: Context = null;
  let headerWraps = false;
  const enableAll: number[] = [];

  const tunnel = (id: number): TunnelConfig => entry(cfg.tunnels, id, () => emptyTunnel(id));
  const iface = (name: string) => entry(cfg.interfaces, name, () => emptyInterface(name));
  const unknown = (line: number, body: string): void => {
    cfg.unknown.push({ text: body, lines: [line] });
  };

  for (let i = 0; i < physical.length; i++) {
    const n = i + 1;
    const stripped = stripAnsi(physical[i] ?? '');
    let body = stripped.trim();
    const continuesHeader = headerWraps;
    headerWraps = false;
    if (body === '') continue;

    // The `# main: …` header line wraps at 80 columns without a `#` on the continuation.
    if (continuesHeader && !body.startsWith('#')) {
      cfg.header.lines.push(n);
      headerWraps = stripped.length === 80;
      continue;
    }
    if (body.startsWith('#')) {
      const rev = REVISION.exec(body);
      if (rev || HEADER_LINE.test(body)) {
        if (rev && cfg.header.model === null) {
          cfg.header.model = rev[1] ?? null;
          cfg.header.firmware = rev[2] ?? null;
        }
        cfg.header.lines.push(n);
        headerWraps = stripped.length === 80;
      }
      continue;
    }

    const doc = HEREDOC.exec(body);
    if (doc) {
      const name = doc[1] ?? '';
      const terminator = doc[2] ?? 'EOF';
      let end = i + 1;
      while (end < physical.length && stripAnsi(physical[end] ?? '').trim() !== terminator) end++;
      const closed = end < physical.length;
      cfg.embeddedFiles.push({
        name,
        body: physical.slice(i + 1, end).join('\n'),
        bodyStartLine: n + 1,
        lines: closed ? [n, end + 1] : [n],
      });
      if (!closed) note(`line ${n}: embedded file ${name} has no closing ${terminator}; its body runs to the end of the text`);
      i = end;
      continue;
    }

    const hash = inlineComment(body);
    if (hash >= 0) body = body.slice(0, hash).trimEnd();
    const w = tokens(body);
    const indented = stripped.length > 0 && (stripped[0] === ' ' || stripped[0] === '\t');
    const [a, b, c] = w;

    if (isSecret(w)) {
      cfg.secretLines.push(n);
      continue;
    }

    // Selecting a block.
    if ((a === 'tunnel' || a === 'pp') && b === 'select') {
      const id = intOf(c);
      if (c === 'none') ctx = null;
      else if (a === 'pp' && c === 'anonymous') {
        ctx = { kind: 'pp', id: 'anonymous' };
        iface('ppanonymous');
      } else if (id !== null) {
        ctx = a === 'tunnel' ? { kind: 'tunnel', id } : { kind: 'pp', id };
        if (a === 'tunnel') tunnel(id).selectLines.push(n);
        else iface(`pp${id}`);
      } else unknown(n, body);
      continue;
    }
    const scoped = ctx?.kind === 'tunnel' ? tunnelScoped(w) : ctx?.kind === 'pp' ? ppScoped(w) : false;
    if (ctx && !scoped && !indented) ctx = null;

    // `tunnel enable N` names its tunnel, so it needs no block.
    if (a === 'tunnel' && (b === 'enable' || b === 'disable')) {
      const value = b === 'enable';
      const id = intOf(c);
      if (id !== null) {
        const t = tunnel(id);
        if (t.enabled?.value === value) t.enabled.lines.push(n);
        else t.enabled = { value, lines: [n] };
      } else if (c === 'all') enableAll.push(n);
      else unknown(n, body);
      continue;
    }

    const tunnelLine = tunnelScoped(w) && a !== 'ipsec' && a !== 'l2tp';
    if (tunnelLine) {
      if (ctx?.kind !== 'tunnel') {
        note(`line ${n}: "${body}" is a tunnel setting outside any tunnel select block`);
        unknown(n, body);
      } else if (!applyTunnel(tunnel(ctx.id), w, body, n)) unknown(n, body);
      continue;
    }

    if ((a === 'ip' || a === 'ipv6') && b === 'pp') {
      if (ctx?.kind !== 'pp') {
        note(`line ${n}: "${body}" is a pp setting outside any pp select block`);
        unknown(n, body);
      } else if (!applyInterface(iface(`pp${ctx.id}`), a === 'ip' ? 'ipv4' : 'ipv6', w.slice(2), n)) unknown(n, body);
      continue;
    }

    if (!applyGlobal(cfg, w, body, n, iface)) unknown(n, body);
  }

  if (enableAll.length > 0) {
    for (const t of Object.values(cfg.tunnels)) t.enabled ??= { value: true, lines: [...enableAll] };
  }
  if (notesDropped > 0) cfg.notes.push(`… and ${notesDropped} more notes like these`);
  return cfg;
}

/** A line inside a `tunnel select` block; false when not modelled. */
function applyTunnel(t: TunnelConfig, w: string[], body: string, n: number): boolean {
  const [a, b, c, d] = w;
  if (a === 'ip' || a === 'ipv6') return applyCommon(t, a === 'ip' ? 'ipv4' : 'ipv6', w.slice(2), n);
  if (a === 'description') {
    t.description = { value: unquote(body.slice(body.indexOf('tunnel') + 'tunnel'.length).trim()), lines: [n] };
    return true;
  }
  if (b === 'encapsulation' && c !== undefined) {
    const value = ENCAPSULATIONS.has(c as TunnelEncapsulation) ? (c as TunnelEncapsulation) : 'other';
    t.encapsulation = { value, raw: c, lines: [n] };
    return true;
  }
  if (b === 'map-e' && c === 'type' && d !== undefined) {
    t.mapeType = { value: d, lines: [n] };
    return true;
  }
  if (b !== 'endpoint') return false;
  const rest = w.slice(3);
  if (c === 'local' && d === 'address' && w[4] !== undefined) {
    t.endpointLocal = { value: w[4], lines: [n] };
    return true;
  }
  if (c === 'remote' && (d === 'address' || d === 'name') && w[4] !== undefined) {
    const prior = d === 'address' ? t.endpointAddress : t.endpointName;
    const value = { local: prior?.local ?? null, remote: w[4], lines: [n] };
    if (d === 'address') t.endpointAddress = value;
    else t.endpointName = value;
    return true;
  }
  if (c === 'address' || c === 'name') {
    const words = c === 'name' && rest[rest.length - 1] === 'fqdn' ? rest.slice(0, -1) : rest;
    const [first, second] = words;
    if (first === undefined) return false;
    // RTX accepts `address REMOTE` and `address LOCAL REMOTE`: the last word is always the remote end.
    const value = second === undefined ? { local: null, remote: first, lines: [n] } : { local: first, remote: second, lines: [n] };
    if (c === 'address') t.endpointAddress = value;
    else t.endpointName = value;
    return true;
  }
  return false;
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

/** Global lines; false when not modelled. */
function applyGlobal(
  cfg: RtxConfig,
  w: string[],
  body: string,
  n: number,
  iface: (name: string) => ReturnType<typeof emptyInterface>,
): boolean {
  const [a, b, c, d] = w;
  if (a === 'ip' || a === 'ipv6') {
    const family: Family = a === 'ip' ? 'ipv4' : 'ipv6';
    const rest = w.slice(2);
    if (b === 'route') {
      const r = route(family, rest, body, n);
      if (r) cfg.routes.push(r);
      return r !== null;
    }
    if (b === 'filter') {
      const dyn = dynamicFilter(family, rest, n);
      if (dyn) {
        cfg.dynamicFilters.push(dyn);
        return true;
      }
      const f = staticFilter(family, rest, n);
      if (f) (family === 'ipv4' ? cfg.ipFilters : cfg.ipv6Filters).push(f);
      return f !== null;
    }
    if (b === 'prefix' && family === 'ipv6') {
      const id = intOf(c);
      if (id === null || d === undefined) return false;
      const m = PREFIX_SOURCE.exec(d);
      cfg.ipv6Prefixes.push(
        m
          ? { id, source: m[1] === 'ra-prefix' ? 'ra-prefix' : 'dhcp-prefix', fromInterface: m[2] || null, suffix: m[3] ?? '', lines: [n] }
          : { id, source: 'static', fromInterface: null, suffix: d, lines: [n] },
      );
      return true;
    }
    if (b !== undefined && INTERFACE.test(b)) return applyInterface(iface(b), family, rest, n);
    return false;
  }
  if (a === 'ngn' && b === 'type' && c !== undefined && d !== undefined) {
    cfg.ngnTypes.push({ interface: c, value: d, lines: [n] });
    return true;
  }
  if (a === 'nat' && b === 'descriptor') return applyNat(cfg.natDescriptors, w.slice(2), n);
  if (a === 'schedule' && b === 'at') {
    const id = intOf(c);
    if (id === null) return false;
    const spec = w.slice(3);
    const lua = spec.indexOf('lua');
    const script = lua >= 0 ? spec.slice(lua + 1).find((x) => !x.startsWith('-')) ?? null : null;
    cfg.schedules.push({ id, spec: spec.join(' '), luaScript: script, lines: [n] });
    return true;
  }
  if (a === 'dns') {
    (b === 'server' ? cfg.dns.servers : cfg.dns.other).push({ raw: body, lines: [n] });
    return true;
  }
  if (a === 'console' && b !== undefined) {
    cfg.console.push({ setting: b, value: w.slice(2).join(' '), lines: [n] });
    return true;
  }
  return false;
}
