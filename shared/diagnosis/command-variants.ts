/**
 * A narrowed read and the whole command it stands for: `show log reverse | grep "IPv6 address"` is part of
 * `show log`, newest first; `show nat descriptor address 1` is one descriptor's part of `show nat descriptor
 * address`. The facts and the list of unknown commands count such reads as the command they come from, while
 * evidence keeps naming the command exactly as the router answered it.
 */
import { canonicalCommand } from './input.js';

export interface ReadForm {
  /** The whole command (canonical). */
  base: string;
  /** The `| grep` pattern, when the output holds only matching lines. */
  grep: string | null;
  /** Newest first (`show log reverse`). */
  reversed: boolean;
  /** A scoped instance (`show nat descriptor address 1`). */
  scoped: boolean;
}

const VARIANTS: readonly { form: RegExp; base: string; reversed?: true; scoped?: true }[] = [
  { form: /^show log reverse$/, base: 'show log', reversed: true },
  { form: /^show nat descriptor address \d+$/, base: 'show nat descriptor address', scoped: true },
  // One tunnel's status, where `show status ipip` lists every IPIP tunnel's.
  { form: /^show status tunnel \d+$/, base: 'show status ipip', scoped: true },
];

/** Everything after the first `|` outside quotes. */
function splitPipe(command: string): [string, string | null] {
  let quote: string | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '|') return [command.slice(0, i).trim(), command.slice(i + 1).trim()];
  }
  return [command, null];
}

export function readForm(command: string): ReadForm {
  const [head, pipe] = splitPipe(canonicalCommand(command));
  const grep = pipe !== null ? (/^grep\s+(?:-[a-z]\s+)*(.+)$/.exec(pipe)?.[1]?.replace(/^(["'])(.*)\1$/, '$2') ?? null) : null;
  const v = VARIANTS.find((x) => x.form.test(head));
  return { base: v?.base ?? head, grep, reversed: v?.reversed ?? false, scoped: v?.scoped ?? false };
}

/** The whole command a read stands for. */
export function baseCommand(command: string): string {
  return readForm(command).base;
}

/** True when the output is only part of the whole command's (grep'd, scoped, or stopped at the pager). */
export function isNarrowed(command: string): boolean {
  const f = readForm(command);
  return f.grep !== null || f.scoped;
}
