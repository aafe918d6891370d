/**
 * Splitting a pasted terminal session into commands and their outputs, and reading each with the right parser.
 * Line numbers stay relative to the whole transcript, so evidence points at what the user pasted.
 */
import { classifyCommand } from './commands.js';
import { parseCommandOutput, type ParseOutcome, type ParsedOutput } from './parse.js';
import { cleanLines, type NumberedLine } from './text.js';

export interface TranscriptBlock {
  /** The command as typed after the prompt; '' for text before the first prompt. */
  command: string;
  /** The prompt as shown (`vyos@vyos:~$`, `#`); '' when there was none. */
  prompt: string;
  /** Line of the prompt (or the block's first line when it has no prompt). */
  startLine: number;
  output: string;
  /** Line of the output's first line; equals startLine + 1 after a prompt. */
  outputStartLine: number;
}

export interface ReadBlock extends TranscriptBlock {
  /** null when the command is not one IPoE Doctor reads (`ping`, `tcpdump` …) or printed nothing to read. */
  outcome: ParseOutcome | null;
}

export interface TranscriptResult {
  blocks: ReadBlock[];
  /** Every successfully parsed output, in order, ready for summariseCe(). */
  parsed: ParsedOutput[];
  /** Failures worth telling the user about (a known command whose output could not be read). */
  problems: { command: string; startLine: number; message: string }[];
}

/**
 * `user@host:~$ cmd`, `root@gw:/etc# cmd`, `[user@host ~]$ cmd`, `(venv) user@host:~$ cmd`, `vyos@vyos# cmd`.
 * Bounded classes that exclude each other's delimiters, so matching stays linear on hostile lines.
 */
const FULL_PROMPT = /^((?:\([^()\n]{1,40}\)\s)?(?:\[[^[\]\n]{1,200}\]|[A-Za-z0-9_.-]{1,64}@[A-Za-z0-9_.-]{1,64}(?::[^\s$#%]{0,300})?)\s?[$#%])(?:\s+(.*))?$/;
/** A bare `$ cmd` / `# cmd`: only trusted when the command is a known program, since `# …` is also a comment. */
const BARE_PROMPT = /^([$#%])\s+(\S.*)$/;
const KNOWN_PROGRAMS = new Set([
  'ip', 'nft', 'sysctl', 'show', 'run', 'sudo', 'doas', 'cat', 'ping', 'ping6', 'tcpdump', 'ss', 'iptables', 'ip6tables',
  'iptables-save', 'configure', 'commit', 'save', 'set', 'delete', 'exit', 'traceroute', 'dig', 'curl', 'wget', 'uname',
  'systemctl', 'journalctl', 'ls', 'echo', 'grep', 'modprobe', 'lsmod', 'ethtool', 'dmesg', 'nslookup', 'host', 'compare',
]);

function matchPrompt(text: string): { prompt: string; command: string } | null {
  // Prompts are short; a very long line is output (and would only cost time to match).
  if (text.length > 4096) return null;
  const full = FULL_PROMPT.exec(text);
  if (full) return { prompt: full[1]!, command: (full[2] ?? '').trim() };
  const bare = BARE_PROMPT.exec(text);
  if (bare) {
    const program = bare[2]!.trim().split(/\s+/)[0]!.replace(/^.*\//, '');
    if (KNOWN_PROGRAMS.has(program)) return { prompt: bare[1]!, command: bare[2]!.trim() };
  }
  return null;
}

const FENCE = /^\s{0,3}(?:```|~~~)/;

/** Split a transcript into blocks. Text before the first prompt, or after a fence, becomes a block with no command. */
export function splitTranscript(text: string): TranscriptBlock[] {
  const lines = cleanLines(text);
  const blocks: TranscriptBlock[] = [];
  let current: { prompt: string; command: string; startLine: number; out: NumberedLine[] } | null = null;
  const close = (): void => {
    if (!current) return;
    const hasOutput = current.out.some((l) => l.text.trim() !== '');
    if (current.command !== '' || hasOutput) {
      blocks.push({
        command: current.command,
        prompt: current.prompt,
        startLine: current.startLine,
        output: current.out.map((l) => l.text).join('\n'),
        outputStartLine: current.out[0]?.line ?? current.startLine + 1,
      });
    }
  };
  for (const l of lines) {
    // A Markdown fence (a forum post or a chat) ends the block: the prose after it is no command's output.
    if (FENCE.test(l.text)) {
      close();
      current = null;
      continue;
    }
    const p = matchPrompt(l.text);
    if (p) {
      close();
      current = { prompt: p.prompt, command: p.command, startLine: l.line, out: [] };
      continue;
    }
    if (!current) current = { prompt: '', command: '', startLine: l.line, out: [] };
    current.out.push(l);
  }
  close();
  return blocks;
}

/** Split and parse. Never throws: each block carries its own outcome. */
export function parseTranscript(text: string): TranscriptResult {
  const result: TranscriptResult = { blocks: [], parsed: [], problems: [] };
  let blocks: TranscriptBlock[];
  try {
    blocks = splitTranscript(text);
  } catch (err) {
    result.problems.push({ command: '', startLine: 1, message: `The transcript could not be split into commands (${err instanceof Error ? err.message : String(err)}).` });
    return result;
  }
  for (const b of blocks) {
    const outcome = readBlock(b);
    result.blocks.push({ ...b, outcome });
    if (!outcome) continue;
    if (outcome.ok) result.parsed.push(outcome.parsed);
    else if (b.command !== '' || outcome.code !== 'unrecognised') result.problems.push({ command: b.command, startLine: b.startLine, message: outcome.message });
  }
  const typed = typedVyosSet(text, blocks);
  if (typed) {
    const outcome = parseCommandOutput('(set commands typed in configuration mode)', typed, { kind: 'vyos-config' });
    if (outcome.ok) result.parsed.push(outcome.parsed);
  }
  return result;
}

function readBlock(b: TranscriptBlock): ParseOutcome | null {
  const outcome = parseCommandOutput(b.command, b.output, { firstLine: b.outputStartLine });
  if (outcome.ok) return outcome;
  // A command we do not read (`ping`, `ip route add`) or prose before the first prompt is simply not evidence;
  // a command we do read whose output we cannot read is a problem to report.
  if (outcome.code === 'unrecognised' && (b.command === '' || classifyCommand(b.command) === null)) return null;
  return outcome;
}

/**
 * `set nat source rule …` typed at a VyOS `#` prompt (as in field report 003) is configuration too, though only
 * after `commit`. The lines are gathered into a text with the other lines blanked, so line numbers stay true.
 */
function typedVyosSet(text: string, blocks: TranscriptBlock[]): string | null {
  const setLines = new Set(blocks.filter((b) => b.prompt.endsWith('#') && /^set\s/.test(b.command)).map((b) => b.startLine));
  if (setLines.size === 0) return null;
  return cleanLines(text)
    .map((l) => (setLines.has(l.line) ? (matchPrompt(l.text)?.command ?? '') : ''))
    .join('\n');
}
