import { defineFinding } from '../../definition.js';
import { rtx } from './rtx.js';

export const deviceModelUnlisted = defineFinding({
  code: 'DEVICE_MODEL_UNLISTED',
  severity: 'info',
  hop: 'router',
  title: { ja: 'この機種は対応表にない', en: 'This model is not in the support table' },
  meaning: {
    ja: 'この機種は IPoE Doctor の対応表にないため、このサービスを使えるかどうかは分かりません（使えないという意味ではありません）。',
    en: 'The model is not in the support table, so whether it can run the service is not known (which is not the same as "cannot").',
  },
  platforms: { rtx },
});
