import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const ceAddressWrong = defineFinding({
  code: 'CE_ADDRESS_WRONG',
  severity: 'error',
  hop: 'router',
  title: { ja: 'CEアドレスが違う', en: 'CE address is not the one the service expects' },
  meaning: {
    ja: 'トンネルの送信元（CE）アドレスが、サービスの期待するものと違います（MAP-Eは計算値、固定IPはプレフィックス＋通知のインターフェースID、サブネットは0）。',
    en: 'The tunnel\u2019s local (CE) address differs from the one the service expects (MAP-E: computed from the rule; fixed IP: prefix + assigned interface ID; subnet 0).',
  },
  platforms: { rtx, linux },
});
