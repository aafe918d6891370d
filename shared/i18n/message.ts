import type { Language } from './catalogs.js';
import { translate } from './translate.js';

/** A value inside a message: a fact (an address, a count, words a router or a library printed) or another message. */
export type MessageParam = string | number | Message;

/**
 * A sentence of the core, as a catalog key and its values: the UI says it in its language, the CLI and the
 * logs in English (both from the same catalogs), so no English sentence built in the core reaches the UI.
 */
export interface Message {
  key: string;
  params?: Record<string, MessageParam>;
}

export function say(key: string, params?: Record<string, MessageParam>): Message {
  return params ? { key, params } : { key };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';
}

/** The message in a language; a message inside its values is said in the same language first. */
export function render(lang: Language, m: Message): string {
  return translate(lang, m.key, resolveParams(m.params, (inner) => render(lang, inner)));
}

/** The message in English: what the CLI prints and what an Error's `message` holds. */
export function inEnglish(m: Message): string {
  return render('en', m);
}

/** Values with every inner message said by `sayInner` (the renderer passes its own translator). */
export function resolveParams(params: Message['params'], sayInner: (m: Message) => string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {})) out[k] = isMessage(v) ? sayInner(v) : v;
  return out;
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
