import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const fixedipIidMismatch = defineFinding({
  code: 'FIXEDIP_IID_MISMATCH',
  severity: 'warning',
  hop: 'router',
  title: { ja: 'インターフェースIDが固定IPと合っていない', en: 'Interface ID does not match the fixed IP' },
  meaning: {
    ja: 'CEアドレスのインターフェースIDが、固定IPから推定されるものと一致しません（通知書の値が正です）。',
    en: 'The interface ID of the CE address does not match the one the fixed IP implies (the provider\u2019s notice is authoritative).',
  },
  platforms: { rtx, linux },
});
