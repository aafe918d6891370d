import { defineFinding } from '../../definition.js';
import { rtx } from './rtx.js';

export const ipv4FilterLanMismatch = defineFinding({
  code: 'IPV4_FILTER_LAN_MISMATCH',
  severity: 'error',
  hop: 'router',
  title: { ja: 'トンネルのフィルターが別のLANを指している', en: 'Tunnel filter names another LAN' },
  meaning: {
    ja: 'トンネルのフィルターが、ルーターのLANではないネットワーク（設定例のコピー）を指定しているため、ICMPなどの返信が拒否されます。',
    en: 'A tunnel filter names a LAN network that is not the router\u2019s LAN (a copied example), so replies such as ICMP are rejected.',
  },
  platforms: { rtx },
});
