import { defineFinding } from '../../definition.js';
import { rtx } from './rtx.js';

export const deviceUnsupportedService = defineFinding({
  code: 'DEVICE_UNSUPPORTED_SERVICE',
  severity: 'error',
  hop: 'router',
  title: { ja: 'この機器ではこのサービスを使えない', en: 'This device cannot do this service' },
  meaning: {
    ja: 'この機器はこのサービスにそもそも対応していません。別の機器か、LinuxをCEにするモードを使います。',
    en: 'The device cannot do this service at all; the fallback is another device or Linux CE mode.',
  },
  platforms: { rtx },
});
