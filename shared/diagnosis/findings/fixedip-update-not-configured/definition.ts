import { defineFinding } from '../../definition.js';
import { rtx } from './rtx.js';

export const fixedipUpdateNotConfigured = defineFinding({
  code: 'FIXEDIP_UPDATE_NOT_CONFIGURED',
  severity: 'error',
  hop: 'br',
  title: { ja: '固定IPの更新通知が設定されていない', en: 'Fixed-IP update notification not configured' },
  meaning: {
    ja: '現在のプレフィックスをプロバイダーの更新サーバーに通知する仕組み（スクリプト・スケジュール）がありません。',
    en: 'Nothing notifies the provider\u2019s update server of the current prefix (no script / schedule).',
  },
  platforms: { rtx },
});
