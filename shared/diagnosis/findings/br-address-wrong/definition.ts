import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const brAddressWrong = defineFinding({
  code: 'BR_ADDRESS_WRONG',
  severity: 'error',
  hop: 'br',
  title: { ja: 'トンネルの宛先（BRアドレス）が違う', en: 'Tunnel remote endpoint is not the provider\u2019s BR' },
  meaning: {
    ja: 'トンネルの宛先がサービスのBR/AFTRではありません（打ち間違い、BIGLOBEで v6プラスの ::64 を使っている、固定IPで動的MAP-EのBRを使っている等）。',
    en: 'The tunnel\u2019s remote endpoint is not the provider\u2019s BR/AFTR (a typo, the v6plus ::64 used on BIGLOBE, or the dynamic MAP-E BR used for fixed IP).',
  },
  platforms: { rtx, linux },
});
