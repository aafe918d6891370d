import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const tunnelNoRx = defineFinding({
  code: 'TUNNEL_NO_RX',
  severity: 'error',
  symptom: true,
  hop: 'br',
  title: { ja: 'トンネルは送信しているが何も受信していない', en: 'Tunnel transmits but receives nothing' },
  meaning: {
    ja: 'トンネルはIPv4を送信していますが、1パケットも受信していません。「Online」表示はインターフェースが上がっているだけで、IPIPに接続確認はありません。',
    en: 'The tunnel transmits IPv4 but has received nothing. "Online" only means the interface is up: IPIP has no handshake.',
  },
  platforms: { rtx, linux },
});
