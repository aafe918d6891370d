import { defineFinding } from '../../definition.js';
import { rtx } from './rtx.js';

export const fixedipPrefixLogOff = defineFinding({
  code: 'FIXEDIP_PREFIX_LOG_OFF',
  severity: 'error',
  hop: 'router',
  title: { ja: 'prefix change log が無効', en: 'prefix change log is off' },
  meaning: {
    ja: 'ipv6 <lan> prefix change log on がないため、通知スクリプトが反応するログが出ず、通知が行われません。',
    en: 'ipv6 <lan> prefix change log on is missing, so the notification script never fires.',
  },
  platforms: { rtx },
});
