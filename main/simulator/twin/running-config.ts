/**
 * The twin's configuration as an ordered list of lines, the way `show config` prints it: global lines,
 * `tunnel select N` blocks whose children are indented one space, and `embedded file` heredocs kept whole.
 * Commands typed in administrator mode edit it through the command table (config-commands.ts).
 */
import { matchConfigCommand, type CommandMatch } from './config-commands.js';

interface LineEntry {
  kind: 'line';
  text: string;
  /**
   * Leading blanks as loaded, for lines the twin does not model (`  ipsec sa policy …` under `ipsec tunnel`, the
   * children of `pp select anonymous`): `show config` prints them as the config has them.
   */
  indent: string;
  key: string | null;
  family: string | null;
  order: number | null;
}

interface TunnelBlock {
  kind: 'tunnel';
  id: number;
  children: LineEntry[];
}

/** `embedded file NAME <<EOF` … `EOF`: several physical lines, one config item. */
interface HeredocEntry {
  kind: 'heredoc';
  key: string;
  lines: string[];
}

type Entry = LineEntry | TunnelBlock | HeredocEntry;

const HEREDOC = /^embedded\s+file\s+(\S+?)\s*<<\s*["']?([^"'\s]+)["']?$/;
const TUNNEL_SCOPED = /^(?:tunnel\s|(?:ip|ipv6|description)\s+tunnel\b)/;

function lineEntry(raw: string): LineEntry {
  const text = raw.trim();
  const m = matchConfigCommand(text.split(/\s+/));
  const indent = m ? '' : (/^[ \t]*/.exec(raw)?.[0] ?? '');
  return { kind: 'line', text, indent, key: m?.key ?? null, family: m?.family ?? null, order: m?.order ?? null };
}

function fromMatch(text: string, m: CommandMatch): LineEntry {
  return { kind: 'line', text, indent: '', key: m.key, family: m.family, order: m.order };
}

export class RunningConfig {
  private entries: Entry[] = [];

  constructor(text: string) {
    this.load(text);
  }

  private load(text: string): void {
    const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
    let block: TunnelBlock | null = null;
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i]!;
      const body = raw.trim();
      if (body === '') continue;
      const doc = HEREDOC.exec(body);
      if (doc) {
        block = null;
        const end = lines.indexOf(doc[2]!, i + 1);
        const stop = end < 0 ? lines.length - 1 : end;
        this.entries.push({ kind: 'heredoc', key: `embedded file ${doc[1]}`, lines: lines.slice(i, stop + 1) });
        i = stop;
        continue;
      }
      const select = /^tunnel\s+select\s+(\d+|none)$/.exec(body);
      if (select) {
        block = select[1] === 'none' ? null : this.block(Number(select[1]), true);
        continue;
      }
      const indented = raw.startsWith(' ') || raw.startsWith('\t');
      if (block && (indented || TUNNEL_SCOPED.test(body))) {
        this.putChild(block, lineEntry(raw));
        continue;
      }
      block = null;
      const e = lineEntry(raw);
      // A pasted config may say `tunnel enable 1` globally; RTX shows it inside tunnel 1's block.
      const named = /^tunnel\s+enable\s+(\d+)$/.exec(body);
      if (named) this.putChild(this.block(Number(named[1]), true), e);
      else this.entries.push(e);
    }
  }

  /** The block of tunnel N; created (after the last block, or at the end) when `create`. */
  private block(id: number, create: true): TunnelBlock;
  private block(id: number, create: false): TunnelBlock | null;
  private block(id: number, create: boolean): TunnelBlock | null {
    const found = this.entries.find((e): e is TunnelBlock => e.kind === 'tunnel' && e.id === id);
    if (found || !create) return found ?? null;
    const b: TunnelBlock = { kind: 'tunnel', id, children: [] };
    const lastBlock = this.entries.map((e) => e.kind).lastIndexOf('tunnel');
    const firstFilter = this.entries.findIndex((e) => e.kind === 'line' && /^(?:ip|ipv6) filter /.test(e.text));
    const at = lastBlock >= 0 ? lastBlock + 1 : firstFilter >= 0 ? firstFilter : this.entries.length;
    this.entries.splice(at, 0, b);
    return b;
  }

  private putChild(block: TunnelBlock, e: LineEntry): void {
    const same = e.key === null ? -1 : block.children.findIndex((c) => c.key === e.key);
    if (same >= 0) {
      block.children[same] = e;
      return;
    }
    // `tunnel enable N` stays the block's last line, as in `show config`.
    const enable = block.children.findIndex((c) => /^tunnel enable /.test(c.text));
    if (enable >= 0 && !/^tunnel enable /.test(e.text)) block.children.splice(enable, 0, e);
    else block.children.push(e);
  }

  /** Set a global line: replace the line with the same identity, or insert it beside its family. */
  setGlobal(text: string, m: CommandMatch): void {
    const e = fromMatch(text, m);
    const same = this.entries.findIndex((x) => x.kind === 'line' && x.key === m.key);
    if (same >= 0) {
      this.entries[same] = e;
      return;
    }
    const family = this.entries
      .map((x, i) => ({ x, i }))
      .filter((p): p is { x: LineEntry; i: number } => p.x.kind === 'line' && p.x.family === m.family);
    if (family.length === 0) {
      // No relative yet: before the heredocs, which `show config` prints last.
      const doc = this.entries.findIndex((x) => x.kind === 'heredoc');
      this.entries.splice(doc >= 0 ? doc : this.entries.length, 0, e);
      return;
    }
    const after = m.order === null ? undefined : family.find((p) => p.x.order !== null && p.x.order > m.order!);
    this.entries.splice(after ? after.i : family[family.length - 1]!.i + 1, 0, e);
  }

  /** Set a line in tunnel N's block. */
  setInTunnel(id: number, text: string, m: CommandMatch): void {
    this.putChild(this.block(id, true), fromMatch(text, m));
  }

  /** Remove global lines with this identity (or, for a partial key, every line it starts). Returns how many. */
  removeGlobal(m: CommandMatch): number {
    const before = this.entries.length;
    this.entries = this.entries.filter((x) => !(x.kind === 'line' && keyMatches(x.key, m)));
    return before - this.entries.length;
  }

  removeInTunnel(id: number, m: CommandMatch): number {
    const b = this.block(id, false);
    if (!b) return 0;
    const before = b.children.length;
    b.children = b.children.filter((c) => !keyMatches(c.key, m));
    if (b.children.length === 0) this.entries = this.entries.filter((x) => x !== b);
    return before - b.children.length;
  }

  /** Replace (or add) an embedded file; `lines` include the `embedded file … <<EOF` and terminator lines. */
  setHeredoc(name: string, lines: string[]): void {
    const key = `embedded file ${name}`;
    const at = this.entries.findIndex((x) => x.kind === 'heredoc' && x.key === key);
    const e: HeredocEntry = { kind: 'heredoc', key, lines };
    if (at >= 0) this.entries[at] = e;
    else this.entries.push(e);
  }

  removeHeredoc(name: string): number {
    const before = this.entries.length;
    this.entries = this.entries.filter((x) => !(x.kind === 'heredoc' && x.key === `embedded file ${name}`));
    return before - this.entries.length;
  }

  /** The config as `show config` prints its body (no header), one line per element, `\n`-separated. */
  text(): string {
    const out: string[] = [];
    for (const e of this.entries) {
      if (e.kind === 'line') out.push(`${e.indent}${e.text}`);
      else if (e.kind === 'heredoc') out.push(...e.lines);
      else if (e.children.length > 0) {
        out.push(`tunnel select ${e.id}`);
        for (const c of e.children) out.push(`${c.indent || ' '}${c.text}`);
      }
    }
    return out.join('\n') + '\n';
  }
}

function keyMatches(key: string | null, m: CommandMatch): boolean {
  if (key === null) return false;
  return m.partialKey ? key === m.key || key.startsWith(`${m.key} `) : key === m.key;
}
