/**
 * One entry point for any Linux/VyOS output: picks the parser, enforces the size limit, and never throws.
 * Pasted text can be anything (half a screen, a binary file, a 10 MB log), so every failure becomes
 * `{ ok: false, code, message }` with a message a person can act on.
 */
import { classifyCommand, sniffKind, type CommandInfo, type ParserKind } from './commands.js';
import { parseIpAddrJson, parseIpAddrText, type IpAddrResult } from './ip-addr.js';
import { parseIpLinkJson, parseIpLinkText, type IpLinkResult } from './ip-link.js';
import { parseIpRouteJson, parseIpRouteText, type IpRouteResult } from './ip-route.js';
import { parseIpTunnelText, type IpTunnelResult } from './ip-tunnel.js';
import { LinuxInputError, looksLikeJson } from './json-input.js';
import type { NftResult } from './nft-model.js';
import { parseNftJson } from './nft-json.js';
import { parseNftText } from './nft-text.js';
import { parseSysctl, type SysctlResult } from './sysctl.js';
import { parseVyosConfig, type VyosConfigResult } from './vyos-config.js';

/** Larger pastes are refused rather than parsed: no CE produces this much relevant output. */
export const MAX_INPUT_CHARS = 32 * 1024 * 1024;

export type ParsedOutput =
  | { kind: 'ip-link'; command: string; result: IpLinkResult }
  | { kind: 'ip-tunnel'; command: string; result: IpTunnelResult }
  | { kind: 'ip-addr'; command: string; result: IpAddrResult }
  | { kind: 'ip-route'; command: string; result: IpRouteResult }
  | { kind: 'nft'; command: string; result: NftResult }
  | { kind: 'sysctl'; command: string; result: SysctlResult }
  | { kind: 'vyos-config'; command: string; result: VyosConfigResult };

export type ParseErrorCode = LinuxInputError['code'] | 'unsupported' | 'internal';

export type ParseOutcome =
  | { ok: true; parsed: ParsedOutput; /** Things the user may want to know (skipped lines). */ notes: string[] }
  | { ok: false; code: ParseErrorCode; message: string; command: string };

export interface ParseOutputOptions {
  /** Line number of the output's first line in a larger text. */
  firstLine?: number;
  /** Force a parser instead of deciding from the command and the output. */
  kind?: ParserKind;
  /** Force JSON or text. */
  json?: boolean;
}

/** The label used in evidence when the user pasted output with no command. */
export const PASTED = '(pasted output)';

/**
 * Parse the output of `command` (may be '' when unknown). Never throws.
 */
export function parseCommandOutput(command: string, output: string, opts: ParseOutputOptions = {}): ParseOutcome {
  const label = command.trim() || PASTED;
  try {
    if (typeof output !== 'string') throw new LinuxInputError('unrecognised', 'The output is not text.');
    if (output.length > MAX_INPUT_CHARS) {
      const mb = (output.length / (1024 * 1024)).toFixed(1);
      throw new LinuxInputError(
        'too-large',
        `The output of \`${label}\` is ${mb} MB, more than the ${MAX_INPUT_CHARS / (1024 * 1024)} MB IPoE Doctor reads. ` +
          'Paste only the commands it asks for (for example `ip -6 tunnel show`, `nft list ruleset`).',
      );
    }
    const info = decide(command, output, opts);
    if (!info) {
      throw new LinuxInputError(
        'unrecognised',
        command.trim()
          ? `IPoE Doctor does not read the output of \`${label}\`.`
          : 'This text does not look like the output of a command IPoE Doctor reads (ip link/addr/route/tunnel, nft list ruleset, sysctl, VyOS show configuration commands).',
      );
    }
    if (info.unsupported) return { ok: false, code: 'unsupported', message: info.unsupported, command: label };
    const parsed = run(info, label, output, opts.firstLine);
    return { ok: true, parsed, notes: notesFor(parsed, output, label) };
  } catch (err) {
    if (err instanceof LinuxInputError) return { ok: false, code: err.code, message: err.message, command: label };
    const detail = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      code: 'internal',
      message: `IPoE Doctor could not read the output of \`${label}\` (internal error: ${detail.slice(0, 200)}). Please send this output with a report.`,
      command: label,
    };
  }
}

/** Parse output whose command is unknown, guessing the parser from its look. Never throws. */
export function parseAnyOutput(output: string, opts: ParseOutputOptions = {}): ParseOutcome {
  return parseCommandOutput('', output, opts);
}

function decide(command: string, output: string, opts: ParseOutputOptions): CommandInfo | null {
  const fromCommand = opts.kind ? { kind: opts.kind, json: false } : command.trim() ? classifyCommand(command) : null;
  const info = fromCommand ?? sniffKind(output);
  if (!info) return null;
  // The output decides between JSON and text: a user may paste `ip -j` output under a text command or vice versa.
  const json = opts.json ?? (output.trim() === '' ? info.json : looksLikeJson(output));
  return { ...info, json };
}

function run(info: CommandInfo, command: string, output: string, firstLine: number | undefined): ParsedOutput {
  const o = { command, firstLine };
  const ro = { ...o, ...(info.family ? { family: info.family } : {}), ...(info.dev ? { dev: info.dev } : {}) };
  switch (info.kind) {
    case 'ip-link':
      return { kind: 'ip-link', command, result: info.json ? parseIpLinkJson(output, o) : parseIpLinkText(output, o) };
    case 'ip-tunnel':
      if (info.json) throw new LinuxInputError('unexpected-json', '`ip tunnel show` has no JSON form here; paste its text output.');
      return { kind: 'ip-tunnel', command, result: parseIpTunnelText(output, o) };
    case 'ip-addr':
      return { kind: 'ip-addr', command, result: info.json ? parseIpAddrJson(output, o) : parseIpAddrText(output, o) };
    case 'ip-route':
      return { kind: 'ip-route', command, result: info.json ? parseIpRouteJson(output, ro) : parseIpRouteText(output, ro) };
    case 'nft':
      return { kind: 'nft', command, result: info.json ? parseNftJson(output, o) : parseNftText(output, o) };
    case 'sysctl':
      if (info.json) throw new LinuxInputError('unexpected-json', '`sysctl` prints text; this output is JSON.');
      return { kind: 'sysctl', command, result: parseSysctl(output, o) };
    case 'vyos-config':
      if (info.json) throw new LinuxInputError('unexpected-json', '`show configuration commands` prints `set …` lines; this output is JSON.');
      return { kind: 'vyos-config', command, result: parseVyosConfig(output, o) };
  }
}

/** How many facts a parse found; zero with non-blank input means the text was not what the command prints. */
export function factCount(p: ParsedOutput): number {
  switch (p.kind) {
    case 'ip-link':
      return p.result.links.length;
    case 'ip-tunnel':
      return p.result.tunnels.length;
    case 'ip-addr':
      return p.result.interfaces.length + p.result.addresses.length;
    case 'ip-route':
      return p.result.routes.length;
    case 'nft':
      return p.result.tables.length + p.result.rules.length;
    case 'sysctl':
      return p.result.entries.length;
    case 'vyos-config': {
      const r = p.result;
      return r.tunnels.length + r.addresses.length + r.natRules.length + r.staticRoutes.length + r.sourceValidation.length + r.adjustMss.length;
    }
  }
}

function notesFor(p: ParsedOutput, output: string, label: string): string[] {
  const skipped = p.result.unrecognised;
  if (factCount(p) === 0 && skipped.length > 0) {
    throw new LinuxInputError(
      'unrecognised',
      `Nothing in this text could be read as the output of \`${label}\` (${skipped.length} line(s) not understood). ` +
        'Paste the output exactly as the command printed it, starting with its first line.',
    );
  }
  if (skipped.length === 0 || output.trim() === '') return [];
  const shown = skipped.slice(0, 10).join(', ');
  const more = skipped.length > 10 ? ` and ${skipped.length - 10} more` : '';
  return [`${skipped.length} line(s) of \`${label}\` were not understood and were skipped (line ${shown}${more}).`];
}
