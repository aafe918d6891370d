import type { MapEResult } from '../calculate.js';
import type { SnippetOptions } from './common.js';
import { linuxSnippet } from './linux.js';
import { openwrtSnippet } from './openwrt.js';
import { rtxSnippet } from './rtx.js';
import { vyosSnippet } from './vyos.js';

export type SnippetFormat = 'rtx' | 'linux' | 'vyos' | 'openwrt';
export const SNIPPET_FORMATS: readonly SnippetFormat[] = ['rtx', 'linux', 'vyos', 'openwrt'];

export function isSnippetFormat(value: string): value is SnippetFormat {
  return (SNIPPET_FORMATS as readonly string[]).includes(value);
}

/** A ready-to-paste config for one platform, using every port block of the result. */
export function renderSnippet(format: SnippetFormat, result: MapEResult, opts: SnippetOptions = {}): string {
  switch (format) {
    case 'rtx':
      return rtxSnippet(result);
    case 'linux':
      return linuxSnippet(result, opts);
    case 'vyos':
      return vyosSnippet(result, opts);
    case 'openwrt':
      return openwrtSnippet(result);
  }
}

export { linuxSnippet, openwrtSnippet, rtxSnippet, vyosSnippet };
export type { SnippetOptions };
