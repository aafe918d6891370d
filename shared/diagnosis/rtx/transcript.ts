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

export interface RtxTranscriptCommand extends CommandOutput {
  /** The line (1-based) holding the prompt and command in the transcript. */
  commandLine: number;
}

function commandOn(line: string): string | null {
  const text = line.replace(TIMESTAMP, '').trimEnd();
  for (const candidate of [text.replace(PROMPT, ''), text.trim()]) {
    const c = canonicalCommand(candidate);
    if (RTX_COMMANDS.some((re) => re.test(c))) return c;
  }
  return null;
}

const CONFIG_HEADER = /^# (?:RTX|NVR|RT|FWX)\d+[A-Z]* Rev\.\d+\.\d+\.\d+/;
const ERROR_LINE = /^(?:Error:|エラー[：:])/;
const UNSUPPORTED = /Invalid command name|コマンド名を確認してください/;

/**
 * Cut a console transcript (a Tera Term log, a copy-paste, with or without prompts) into command
 * blocks. Output lines keep their transcript line numbers through `firstLine`, so evidence points at
 * the user's own text. Anything before the first recognised command is ignored.
 */
export function splitRtxTranscript(text: string): RtxTranscriptCommand[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: RtxTranscriptCommand[] = [];
  let current: { command: string; commandLine: number; body: string[] } | null = null;
  const close = () => {
    if (!current) return;
    // The next prompt line ends the block; a bare trailing prompt (`RTX1300> `) is not output.
    while (current.body.length && /^\s*$|^[\w.()@-]{0,64}[>#]\s*$/.test(current.body[current.body.length - 1]!.replace(TIMESTAMP, ''))) current.body.pop();
    const output = current.body.map((l) => l.replace(TIMESTAMP, '')).join('\n');
    const errorLine = current.body.find((l) => ERROR_LINE.test(l.replace(TIMESTAMP, '').trim()));
    blocks.push({
      command: current.command,
      commandLine: current.commandLine,
      firstLine: current.commandLine + 1,
      output,
      status: errorLine ? (UNSUPPORTED.test(errorLine) ? 'unsupported' : 'error') : 'ok',
      ...(errorLine ? { errorText: errorLine.trim() } : {}),
    });
  };
  lines.forEach((line, i) => {
    const command = commandOn(line);
    if (command) {
      close();
      current = { command, commandLine: i + 1, body: [] };
    } else if (current) {
      current.body.push(line);
    } else if (CONFIG_HEADER.test(line.replace(TIMESTAMP, ''))) {
      // A config pasted without its `show config` line still starts with the model header.
      current = { command: 'show config', commandLine: i, body: [line] };
    }
  });
  close();
  return blocks;
}
