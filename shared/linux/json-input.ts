/**
 * JSON from `ip -j` / `nft -j`. JSON.parse gives no positions, so a separate linear scan finds where each
 * element of the interesting array starts and ends; evidence can then name lines even for `-p` (pretty) output.
 */
import type { Evidence } from './evidence.js';
import { stripTerminalNoise } from './text.js';

export class LinuxInputError extends Error {
  constructor(
    readonly code: 'not-json' | 'unexpected-json' | 'too-large' | 'empty' | 'unrecognised',
    message: string,
  ) {
    super(message);
    this.name = 'LinuxInputError';
  }
}

/** Does the text look like JSON rather than the text form? (first non-blank character) */
export function looksLikeJson(text: string): boolean {
  const m = /^[\s\ufeff]*([[{])/.exec(text.slice(0, 4096));
  return m !== null;
}

/** Parse, turning JSON.parse's terse error into one that says what to do. */
export function parseJsonText(text: string, command: string): unknown {
  const clean = stripTerminalNoise(text).trim();
  if (clean === '') throw new LinuxInputError('empty', `The output of \`${command}\` is empty.`);
  try {
    return JSON.parse(clean) as unknown;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new LinuxInputError(
      'not-json',
      `The output of \`${command}\` looks like JSON but cannot be read (${detail}). ` +
        'It may be cut off: copy the whole output, or paste the text form (without -j) instead.',
    );
  }
}

/** Start and end line (1-based, relative to firstLine) of each element of an array. */
export interface ElementSpan {
  first: number;
  last: number;
}

/**
 * Spans of the elements of the first array found at `depth` (1 = the top-level array of `ip -j`,
 * 2 = the `nftables` array inside `nft -j`'s top-level object). One pass, string-aware.
 */
export function arrayElementSpans(text: string, depth: number, firstLine = 1): ElementSpan[] {
  const spans: ElementSpan[] = [];
  let level = 0;
  let line = firstLine;
  let inString = false;
  let elementOpen = false;
  let arrayLevel = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      if (arrayLevel >= 0 && level === arrayLevel && !elementOpen) {
        spans.push({ first: line, last: line });
        elementOpen = true;
      }
      continue;
    }
    if (c === '[' || c === '{') {
      if (arrayLevel >= 0 && level === arrayLevel && !elementOpen) {
        spans.push({ first: line, last: line });
        elementOpen = true;
      }
      level++;
      if (c === '[' && arrayLevel < 0 && level === depth) arrayLevel = level;
      continue;
    }
    if (c === ']' || c === '}') {
      level--;
      if (arrayLevel >= 0 && level === arrayLevel && elementOpen) {
        spans[spans.length - 1]!.last = line;
        elementOpen = false;
      }
      if (arrayLevel >= 0 && level < arrayLevel) break;
      continue;
    }
    if (c === ',' && arrayLevel >= 0 && level === arrayLevel) {
      if (elementOpen) spans[spans.length - 1]!.last = line;
      elementOpen = false;
    }
  }
  return spans;
}

/** Evidence for element `index` of a JSON array, with lines when the scan found them. */
export function jsonEvidence(command: string, index: number, spans: ElementSpan[]): Evidence {
  const span = spans[index];
  if (!span) return { command, lines: null, jsonIndex: index };
  const lines: number[] = [];
  for (let n = span.first; n <= span.last && lines.length < 10_000; n++) lines.push(n);
  return { command, lines, jsonIndex: index };
}

// Small readers for untrusted JSON: they return null instead of throwing on the wrong type.
export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function str(o: Json, key: string): string | null {
  const v = o[key];
  return typeof v === 'string' ? v : null;
}
export function num(o: Json, key: string): number | null {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
export function strList(o: Json, key: string): string[] {
  const v = o[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
export function objList(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}
