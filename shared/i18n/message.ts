/**
 * A text the core hands to a person: a catalog key and the values to put in it, never a finished sentence. The
 * UI renders it through react-i18next, the CLI through `renderMessage` (both read the same ja/en catalogs).
 *
 * A value may itself be a message (a word that must be translated too) or a list of them (joined the way the
 * language lists things). Some texts name CLI flags; such a text has a CLI wording beside it (`a.b.cli.CODE` next
 * to `a.b.CODE`), and only the CLI asks for it, so the app never tells anyone to pass `--prefix`.
 */
import type { Language } from './catalogs.js';
import { catalogs } from './catalogs.js';

export type MessageParam = string | number | Message | readonly Message[];

export interface Message {
  /** A dotted catalog key, e.g. `linuxCe.GAP_IP6TNL_MISSING`. */
  code: string;
  params?: Readonly<Record<string, MessageParam>>;
}

/** app: the UI's wording; cli: the command line's, which may name flags. */
export type Surface = 'app' | 'cli';

/** Key of the separator that joins a list parameter ("a, b" / "a、b"). */
export const LIST_SEPARATOR_KEY = 'common.listSeparator';

function lookup(lang: Language, key: string): string | undefined {
  let node: unknown = catalogs[lang];
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** `linuxCe.HINT_X` → `linuxCe.cli.HINT_X`: where a text's CLI wording lives. */
export function cliKey(code: string): string {
  const i = code.lastIndexOf('.');
  return `${code.slice(0, i + 1)}cli.${code.slice(i + 1)}`;
}

/** The template a surface uses for a code: the CLI's own wording when there is one. Unknown: undefined. */
export function messageTemplate(lang: Language, code: string, surface: Surface): string | undefined {
  return (surface === 'cli' ? lookup(lang, cliKey(code)) : undefined) ?? lookup(lang, code);
}

/** Every parameter rendered to a string (nested messages in the same language and surface). */
export function renderParams(m: Message, render: (inner: Message) => string, separator: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.params ?? {})) {
    out[k] = typeof v === 'string' || typeof v === 'number' ? String(v) : Array.isArray(v) ? v.map(render).join(separator) : render(v as Message);
  }
  return out;
}

/** The message as text. An unknown code comes back as the code itself, so a gap in a catalog is visible. */
export function renderMessage(lang: Language, m: Message, surface: Surface = 'app'): string {
  const template = messageTemplate(lang, m.code, surface);
  if (template === undefined) return m.code;
  const vars = renderParams(m, (inner) => renderMessage(lang, inner, surface), lookup(lang, LIST_SEPARATOR_KEY) ?? ', ');
  return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => vars[name] ?? `{{${name}}}`);
}

/** Shorthand for the core: `msg('linuxCe.STEP_TUNNEL', { … })`. */
export function msg(code: string, params?: Record<string, MessageParam>): Message {
  return params ? { code, params } : { code };
}

/**
 * An error whose text is a message: `message` is its English CLI wording (for logs and `Error` consumers), and
 * `text` is what a UI renders in the reader's language.
 */
export class MessageError extends Error {
  constructor(readonly text: Message) {
    super(renderMessage('en', text, 'cli'));
  }
}
