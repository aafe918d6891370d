import { defineFinding } from '../../definition.js';
import { rtx } from './rtx.js';

export const firmwareTooOld = defineFinding({
  code: 'FIRMWARE_TOO_OLD',
  severity: 'error',
  hop: 'router',
  title: { ja: 'ファームウェアが古い', en: 'Firmware too old for this service' },
  meaning: {
    ja: 'ルーターのファームウェアが、このサービスのカプセル化方式やコマンドに対応する前のものです。',
    en: 'The router\u2019s firmware predates support for the service\u2019s encapsulation or commands.',
  },
  platforms: { rtx },
});
