import { defineFinding } from '../../definition.js';
import { rtx } from './rtx.js';

export const ngnTypeMissing = defineFinding({
  code: 'NGN_TYPE_MISSING',
  severity: 'warning',
  hop: 'ngn',
  title: { ja: 'ngn type の設定がない', en: 'ngn type is not set' },
  meaning: { ja: 'NGN側のインターフェースに ngn type <if> ntt がありません。', en: 'ngn type <if> ntt is missing on the NGN-facing interface.' },
  platforms: { rtx },
});
