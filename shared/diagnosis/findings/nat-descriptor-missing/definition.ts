import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const natDescriptorMissing = defineFinding({
  code: 'NAT_DESCRIPTOR_MISSING',
  severity: 'error',
  hop: 'router',
  title: { ja: 'トンネルにNATがない', en: 'No NAT on the tunnel' },
  meaning: { ja: 'トンネルにNAT/IPマスカレードが設定されていません。', en: 'No NAT/masquerade is bound to the tunnel.' },
  platforms: { rtx, linux },
});
