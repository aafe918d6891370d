import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const tunnelDisabled = defineFinding({
  code: 'TUNNEL_DISABLED',
  severity: 'error',
  hop: 'router',
  title: { ja: 'トンネルが有効になっていない', en: 'Tunnel is not enabled' },
  meaning: { ja: 'トンネルは設定されていますが、有効化（up）されていません。', en: 'The tunnel interface is configured but not enabled / not up.' },
  platforms: { rtx, linux },
});
