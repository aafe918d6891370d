import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';

export const brRouteOnlink = defineFinding({
  code: 'BR_ROUTE_ONLINK',
  severity: 'error',
  hop: 'ngn',
  title: { ja: 'BRへの経路にゲートウェイがない', en: 'The route to the BR has no gateway' },
  meaning: {
    ja: 'BRへの経路が on-link になっているため、遠くのアドレスを近隣探索しようとして失敗します。',
    en: 'The route to the BR has no gateway, so the host does neighbour discovery for a remote address and fails.',
  },
  platforms: { linux },
});
