import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const portsetOutside = defineFinding({
  code: 'PORTSET_OUTSIDE',
  severity: 'error',
  hop: 'router',
  title: { ja: '割り当て外のポートに変換している', en: 'Ports translated outside the port set' },
  meaning: {
    ja: '送信元ポートがCEに割り当てられたポート範囲の外に変換されています（MAP-Eで既定のマスカレード範囲を使っている等）。BRに捨てられます。',
    en: 'Source ports are translated outside the CE\u2019s port set (e.g. the default masquerade range on MAP-E); the BR drops them.',
  },
  platforms: { rtx, linux },
});
