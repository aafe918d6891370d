/**
 * A sentence of the core, as a catalog key and its values, never a finished sentence: the UI says it in its
 * language (react-i18next), the CLI and the logs in English or `--lang` (`renderMessage`), both from the same
 * ja/en catalogs, so no English sentence built in the core reaches the Japanese UI.
 *
 * A value is a fact (an address, a count, words a router or a library printed), another message (a word that must
 * be translated too), or a list of messages (joined the way the language lists things). Some texts name CLI flags;
 * such a text has a CLI wording beside it (`a.b.cli.CODE` next to `a.b.CODE`) that only the CLI asks for, so the app
 * never tells anyone to pass `--prefix`.
 */
import type { Language } from './catalogs.js';
import { interpolate, lookupText as lookup } from './translate.js';

export type MessageParam = string | number | Message | readonly Message[];

export interface Message {
  /** A dotted catalog key, e.g. `linuxCe.GAP_IP6TNL_MISSING` or `msg.check.tunnelRx`. */
  key: string;
  params?: Readonly<Record<string, MessageParam>>;
}

/** app: the UI's wording; cli: the command line's, which may name flags. */
export type Surface = 'app' | 'cli';

/** Key of the separator that joins a list value ("a, b" / "a、b"). */
export const LIST_SEPARATOR_KEY = 'common.listSeparator';

export function say(key: string, params?: Record<string, MessageParam>): Message {
  return params ? { key, params } : { key };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { key?: unknown }).key === 'string';
}

/** `linuxCe.HINT_X` → `linuxCe.cli.HINT_X`: where a text's CLI wording lives. */
export function cliKey(key: string): string {
  const i = key.lastIndexOf('.');
  return `${key.slice(0, i + 1)}cli.${key.slice(i + 1)}`;
}

/** The template a surface uses for a key: the CLI's own wording when there is one. Unknown: undefined. */
export function messageTemplate(lang: Language, key: string, surface: Surface): string | undefined {
  return (surface === 'cli' ? lookup(lang, cliKey(key)) : undefined) ?? lookup(lang, key);
}

/** Values with every inner message (and list of messages) said by `sayInner`; lists joined by `separator`. */
export function resolveParams(params: Message['params'], sayInner: (m: Message) => string, separator = ', '): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    out[k] = typeof v === 'string' || typeof v === 'number' ? v : Array.isArray(v) ? v.map(sayInner).join(separator) : sayInner(v as Message);
  }
  return out;
}

/** The message as text. An unknown key comes back as the key itself, so a gap in a catalog is visible. */
export function renderMessage(lang: Language, m: Message, surface: Surface = 'app'): string {
  const template = messageTemplate(lang, m.key, surface);
  if (template === undefined) return m.key;
  const vars = resolveParams(m.params, (inner) => renderMessage(lang, inner, surface), lookup(lang, LIST_SEPARATOR_KEY) ?? ', ');
  return interpolate(template, vars);
}

/** The message in English as the command line says it: what the CLI prints and what an Error's `message` holds. */
export function inEnglish(m: Message): string {
  return renderMessage('en', m, 'cli');
}

/**
 * An error with a stable `code` whose words are a catalog message: `detail` for the UI, `message` the same in
 * English (logs, the CLI). A plain string is still taken, for words not yet in the catalogs.
 */
export class MessageError extends Error {
  readonly detail: Message | null;
  constructor(
    readonly code: string,
    message: string | Message,
  ) {
    super(typeof message === 'string' ? message : inEnglish(message));
    this.detail = typeof message === 'string' ? null : message;
  }
}

/** What an error says: its catalog message, or (from a library, the OS or a device) its own words, quoted. */
export function errorDetail(err: unknown): Message | string {
  if (err instanceof MessageError && err.detail) return err.detail;
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : String(err);
}
