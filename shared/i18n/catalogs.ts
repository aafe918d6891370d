import ja from './ja.json';
import en from './en.json';

/** The UI languages. Japanese is the default: most users read the router's Japanese console. */
export const languages = ['ja', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'ja';

export const catalogs = { ja, en } as const;
export type Catalog = typeof ja;

/** Every key path of a catalog, e.g. "connect.demo.start"; used to prove both catalogs agree. */
export function keyPaths(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}
