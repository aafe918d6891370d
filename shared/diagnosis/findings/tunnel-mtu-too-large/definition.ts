import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const tunnelMtuTooLarge = defineFinding({
  code: 'TUNNEL_MTU_TOO_LARGE',
  severity: 'warning',
  hop: 'router',
  title: { ja: 'トンネルのMTUが大きすぎる', en: 'Tunnel MTU too large' },
  meaning: { ja: 'トンネルのMTUが1460を超えています（1500の回線でIPv6ヘッダー40バイト分）。', en: 'Tunnel MTU above 1460 (IPv6 40-byte header on a 1500 line).' },
  platforms: { rtx, linux },
});
