import { catalogs, type Language } from './catalogs.js';

/** The catalog text at a dotted key, or undefined. */
export function lookupText(lang: Language, key: string): string | undefined {
  let node: unknown = catalogs[lang];
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/**
 * A tiny translator for code outside React (reports, CLI): dotted keys into the same catalogs the UI
 * uses, with {{name}} interpolation. An unknown key comes back as the key itself, so it is visible.
 */
export function translate(lang: Language, key: string, vars: Record<string, string | number> = {}): string {
  const text = lookupText(lang, key);
  if (text === undefined) return key;
  return interpolate(text, vars);
}

export function interpolate(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(vars[name] ?? `{{${name}}}`));
}
