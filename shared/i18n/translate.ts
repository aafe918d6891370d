import { catalogs, type Language } from './catalogs.js';

/**
 * A tiny translator for code outside React (reports, CLI): dotted keys into the same catalogs the UI
 * uses, with {{name}} interpolation. An unknown key comes back as the key itself, so it is visible.
 */
export function translate(lang: Language, key: string, vars: Record<string, string | number> = {}): string {
  let node: unknown = catalogs[lang];
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== 'string') return key;
  return node.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(vars[name] ?? `{{${name}}}`));
}
