import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const serviceUnknownPrefix = defineFinding({
  code: 'SERVICE_UNKNOWN_PREFIX',
  severity: 'info',
  hop: 'ngn',
  title: { ja: 'プレフィックスがどの既知サービスにも一致しない', en: 'Prefix matches no known provider rule' },
  meaning: {
    ja: 'IPv6プレフィックスが既知のMAP-Eルールに一致しないため、MAP-Eのパラメーター計算やBRの選択ができません。',
    en: 'The IPv6 prefix matches no known provider rule: the app cannot compute MAP-E parameters or pick a BR.',
  },
  platforms: { rtx, linux },
});
