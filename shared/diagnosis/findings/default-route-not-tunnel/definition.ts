import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const defaultRouteNotTunnel = defineFinding({
  code: 'DEFAULT_ROUTE_NOT_TUNNEL',
  severity: 'error',
  hop: 'router',
  title: { ja: 'IPv4のデフォルト経路がトンネルを向いていない', en: 'IPv4 default route does not use the tunnel' },
  meaning: { ja: 'IPv4のデフォルト経路がトンネルに向いていません。', en: 'The IPv4 default route does not point into the tunnel.' },
  platforms: { rtx, linux },
});
