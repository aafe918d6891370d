/**
 * Renders steps into the two POSIX sh programs the user reviews: apply (idempotent, journals what it changes)
 * and rollback (undoes only journaled steps, newest first, and keeps going past a failure so it never leaves
 * things half-undone silently).
 */
import { renderMessage } from '../../i18n/message.js';
import { APPLY_FUNCTIONS, COMMON, NFT_RESOLUTION, ROLLBACK_FUNCTIONS, TOOL_RESOLUTION } from './script-prelude.js';
import type { PlanStep } from './step.js';

export interface ScriptOptions {
  /** Comment lines at the top: what the script is for. */
  header: string[];
  /** Extra shell functions some steps need (tunnel_is, notify_update). */
  functions: string[];
}

function commentBlock(lines: readonly string[]): string[] {
  return lines.map((l) => (l === '' ? '#' : `# ${l}`));
}

function indent(lines: readonly string[], tabs = 1): string[] {
  const pad = '\t'.repeat(tabs);
  let inHeredoc: string | null = null;
  return lines.map((l) => {
    // Heredoc bodies are data: indenting them would change the nft file.
    if (inHeredoc !== null) {
      if (l === inHeredoc) inHeredoc = null;
      return l;
    }
    const m = /<<'([A-Za-z0-9_]+)'$/.exec(l);
    if (m) inHeredoc = m[1]!;
    return pad + l;
  });
}

export function renderApplyScript(steps: readonly PlanStep[], opts: ScriptOptions): string {
  const out = [
    '#!/bin/sh',
    ...commentBlock([
      ...opts.header,
      '',
      'Idempotent: every step first checks whether its result is already in place and then does nothing.',
      'What a step changes is recorded in the journal, so rollback removes exactly that and restores old values.',
    ]),
    'set -eu',
    ...TOOL_RESOLUTION,
    ...NFT_RESOLUTION,
    ...COMMON,
    ...APPLY_FUNCTIONS,
    ...opts.functions,
  ];
  steps.forEach((s, i) => {
    const n = `${i + 1}/${steps.length}`;
    const description = scriptText(s);
    out.push('', `# ${n} ${description}`);
    // Journal first: a step that fails half-way is still undone (every undo tolerates a half-applied step).
    const act = [...(s.kind === 'action' ? [] : [`journal ${s.id}`]), ...s.apply, `say ${shWord(`${n} done: ${description}`)}`];
    if (s.check === null) {
      out.push(...act);
    } else {
      out.push(`if ${s.check}; then`, `\tsay ${shWord(`${n} already in place: ${description}`)}`, 'else', ...indent(act), 'fi');
    }
  });
  out.push('', 'say "applied"', '');
  return out.join('\n');
}

export function renderRollbackScript(steps: readonly PlanStep[], opts: ScriptOptions): string {
  const out = [
    '#!/bin/sh',
    ...commentBlock([
      ...opts.header,
      '',
      'Rollback: undoes, newest first, only the steps the journal says apply changed, and restores saved values.',
    ]),
    'set -u',
    ...TOOL_RESOLUTION,
    ...NFT_RESOLUTION,
    ...COMMON,
    ...ROLLBACK_FUNCTIONS,
    ...opts.functions,
  ];
  const undoable = steps.filter((s) => s.kind !== 'action' && s.undo.length > 0);
  for (const s of [...undoable].reverse()) {
    const description = scriptText(s);
    out.push('', `# undo: ${description}`, `if journaled ${s.id}; then`, ...indent([...s.undo, `unjournal ${s.id}`, `say ${shWord(`undone: ${description}`)}`]), 'fi');
  }
  out.push('', '[ "$rc" = 0 ] && say "rolled back" || say "rolled back with errors (see above)"', 'exit "$rc"', '');
  return out.join('\n');
}

/**
 * A step's description inside a script: always English, whatever language the UI speaks (the script is a
 * program the person keeps, and its log lines are the same on every host).
 */
export function scriptText(s: PlanStep): string {
  return renderMessage('en', s.text, 'cli');
}

/** A message for `say`: double-quoted with $, `, \ and " escaped, so addresses and names print as written. */
function shWord(text: string): string {
  return `"${text.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}
