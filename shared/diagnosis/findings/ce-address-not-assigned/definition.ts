import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';

export const ceAddressNotAssigned = defineFinding({
  code: 'CE_ADDRESS_NOT_ASSIGNED',
  severity: 'error',
  hop: 'router',
  title: { ja: 'CEアドレスがどのインターフェースにも付いていない', en: 'CE address is not on any interface' },
  meaning: {
    ja: 'CEアドレスがどのインターフェースにも設定されていないため、そのアドレス宛ての返信を受け取れません。',
    en: 'The CE address is not configured on any interface, so replies addressed to it are never accepted.',
  },
  platforms: { linux },
});
