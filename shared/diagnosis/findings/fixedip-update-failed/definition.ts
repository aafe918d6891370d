import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const fixedipUpdateFailed = defineFinding({
  code: 'FIXEDIP_UPDATE_FAILED',
  severity: 'error',
  hop: 'br',
  title: { ja: '固定IPの更新通知が失敗している', en: 'Fixed-IP update notification failed' },
  meaning: { ja: '最後の更新通知が失敗したか、OK以外の応答でした。', en: 'The last notification failed or returned something other than OK.' },
  platforms: { rtx, linux },
});
