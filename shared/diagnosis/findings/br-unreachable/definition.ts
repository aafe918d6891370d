import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const brUnreachable = defineFinding({
  code: 'BR_UNREACHABLE',
  severity: 'error',
  hop: 'br',
  title: { ja: 'BR/AFTRにIPv6で到達できない', en: 'The BR/AFTR does not answer over IPv6' },
  meaning: {
    ja: 'BR/AFTRがIPv6でまったく応答しません。トンネル設定ではなく、IPv6の下回り（回線・経路）の問題です。',
    en: 'The BR/AFTR does not answer over IPv6 at all: an underlay problem, not tunnel config.',
  },
  platforms: { rtx, linux },
});
