import { canonicalCommand, type CommandOutput } from '../input.js';

/**
 * Commands whose output the diagnosis understands, as a user types them on an RTX console.
 * A transcript line that is a prompt (optional) plus one of these starts a new command block.
 */
const RTX_COMMANDS: readonly RegExp[] = [
  /^show config$/,
  /^show environment$/,
  /^show status ipip$/,
  /^show status tunnel \d+$/,
  /^show ipv6 address(?: \S+)?$/,
  /^show status ipv6 dhcp$/,
  /^show ip route$/,
  /^show ipv6 route$/,
  /^show nat descriptor address(?: \d+)?$/,
  /^show log(?: reverse)?$/,
  /^ping6? (?:-c \d+ )?\S+$/,
];

// Tera Term's optional timestamp: `[Mon Dec 12 21:45:00.123 2022] ` or `[2022-12-12 21:45:00.123] `.
const TIMESTAMP = /^\[[^\]]{8,40}\]\s?/;
// An RTX prompt: optional `console prompt` name and tunnel/pp suffix, then > or #. Empty name allowed.
const PROMPT = /^(?:[\w.()@-]{0,64}(?:tunnel\d+|pp\d+)?)?[>#]\s*/;
/** A named prompt with something typed after it (`RTX1300# save`): a command, known or not, never output. */
const NAMED_PROMPT_WITH_COMMAND = /^[A-Za-z][\w.@-]{0,63}(?:tunnel\d+|pp\d+)?[>#] ?\S/;
/** A Markdown code fence (forum posts, blogs, chat): it ends whatever block was open. */
const FENCE = /^\s{0,3}(?:```|~~~)/;
/** A Markdown heading outside a fence (`## 環境`): prose, never output. */
const MARKDOWN_HEADING = /^#{1,6}\s+\S/;
/** Decoration around a command used as a heading: 【show config】, ■ show config, [show config], ### show config: */
const HEADING_OPEN = /^[\s#*■□●○◆◇▼▽▶►★☆・=\-–—>]*[【[「『<＜(（]?\s*/;
const HEADING_CLOSE = /\s*[】\]」』>＞)）]?[\s:：=\-–—*]*$/;
/** A line of `show log` (`2022/12/13 01:42:39: IP Tunnel[1] Up`): a log pasted without its command. */
const LOG_LINE = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}: /;

export interface RtxTranscriptCommand extends CommandOutput {
  /** The line (1-based) holding the prompt and command in the transcript (the line before the output when none). */
  commandLine: number;
  /** How the block was found: after a prompt or bare command, a heading naming it, or its output's own shape. */
  found?: 'command' | 'heading' | 'config-header' | 'log-lines';
}

function isKnown(command: string): boolean {
  return RTX_COMMANDS.some((re) => re.test(command));
}

function commandOn(line: string): string | null {
  const text = line.replace(TIMESTAMP, '').trimEnd();
  for (const candidate of [text.replace(PROMPT, ''), text.trim()]) {
    const c = canonicalCommand(candidate);
    if (isKnown(c)) return c;
  }
  return null;
}

/** `【show config】`, `### show status ipip`, `■ show config：` → the command; anything else → null. */
function headingCommand(line: string): string | null {
  const text = line.trim();
  if (text.length > 80 || text === '') return null;
  const inner = text.replace(HEADING_OPEN, '').replace(HEADING_CLOSE, '');
  if (inner === text) return null;
  const c = canonicalCommand(inner);
  return isKnown(c) ? c : null;
}

const CONFIG_HEADER = /^# (?:RTX|NVR|RT|FWX)\d+[A-Z]* Rev\.\d+\.\d+\.\d+/;
const ERROR_LINE = /^(?:Error:|エラー[：:])/;
const UNSUPPORTED = /Invalid command name|コマンド名を確認してください/;
const BARE_PROMPT_LINE = /^\s*$|^[\w.()@-]{0,64}[>#]\s*$/;

interface OpenBlock {
  command: string;
  commandLine: number;
  body: string[];
  found: NonNullable<RtxTranscriptCommand['found']>;
}

/**
 * Cut a console transcript (a Tera Term log, a copy-paste, a forum post with code fences and prose) into command
 * blocks. Output lines keep their transcript line numbers through `firstLine`, so evidence points at the user's
 * own text. Every block is kept, several of the same command too. Prose before, between and after blocks is not
 * output: a Markdown fence or heading, or a prompt with another command, ends a block. A config pasted without its
 * `show config` line starts at its model header, and log lines pasted alone are read as `show log`.
 */
export function splitRtxTranscript(text: string): RtxTranscriptCommand[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const markdown = lines.some((l) => FENCE.test(l));
  const blocks: RtxTranscriptCommand[] = [];
  let current: OpenBlock | null = null;
  let inFence = false;
  const close = () => {
    const block = current;
    current = null;
    if (!block) return;
    // The next prompt line ends the block; a bare trailing prompt (`RTX1300> `) is not output.
    while (block.body.length && BARE_PROMPT_LINE.test(block.body[block.body.length - 1]!.replace(TIMESTAMP, ''))) block.body.pop();
    // A heading or a prompt whose output never came (a fence that held something else) is no block.
    if (block.body.length === 0 && block.found !== 'command') return;
    const output = block.body.map((l) => l.replace(TIMESTAMP, '')).join('\n');
    const errorLine = block.body.find((l) => ERROR_LINE.test(l.replace(TIMESTAMP, '').trim()));
    blocks.push({
      command: block.command,
      commandLine: block.commandLine,
      firstLine: block.commandLine + 1,
      output,
      status: errorLine ? (UNSUPPORTED.test(errorLine) ? 'unsupported' : 'error') : 'ok',
      ...(errorLine ? { errorText: errorLine.trim() } : {}),
      found: block.found,
    });
  };
  const open = (command: string, commandLine: number, found: OpenBlock['found'], body: string[] = []) => {
    close();
    current = { command, commandLine, body, found };
  };
  lines.forEach((raw, i) => {
    const line = raw.replace(TIMESTAMP, '');
    if (FENCE.test(line)) {
      // A prompt typed above a fence keeps its block open for the output inside the fence.
      const waiting = current !== null && (current as OpenBlock).body.every((l) => l.trim() === '');
      if (!(waiting && !inFence)) close();
      inFence = !inFence;
      return;
    }
    const command = commandOn(line);
    if (command) return open(command, i + 1, 'command');
    const heading = headingCommand(line);
    if (heading && (!inFence || !current)) return open(heading, i + 1, 'heading');
    if (CONFIG_HEADER.test(line)) {
      // The header is the first line of a config: inside a waiting `show config` block it is its output.
      const c = current as OpenBlock | null;
      if (c && c.command === 'show config' && c.body.every((l) => l.trim() === '')) c.body.push(raw);
      else open('show config', i, 'config-header', [raw]);
      return;
    }
    if (markdown && !inFence && line.trim() !== '') {
      // Prose of a post (a heading, a sentence) between blocks: never part of an output.
      if (MARKDOWN_HEADING.test(line) || current === null || (current as OpenBlock).body.some((l) => l.trim() !== '')) {
        close();
        return;
      }
    }
    if (NAMED_PROMPT_WITH_COMMAND.test(line)) {
      close();
      return;
    }
    if (current) {
      (current as OpenBlock).body.push(raw);
      return;
    }
    if (LOG_LINE.test(line)) open('show log', i, 'log-lines', [raw]);
  });
  close();
  return blocks;
}
