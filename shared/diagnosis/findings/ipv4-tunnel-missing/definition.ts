import { defineFinding } from '../../definition.js';
import { rtx } from './rtx.js';

export const ipv4TunnelMissing = defineFinding({
  code: 'IPV4_TUNNEL_MISSING',
  severity: 'error',
  hop: 'router',
  title: { ja: 'IPv4 のトンネルがない', en: 'No IPv4 tunnel is set up' },
  meaning: {
    ja: 'IPv6 は使えていますが、IPv4 を運ぶトンネル（MAP-E・DS-Lite・IPIP）がひとつも設定されていないため、IPv4 の出口がありません。直し方は、回線のサービスと機種に合わせた設定一式（トンネル、NAT、フィルター、経路、MSS、固定IPなら更新通知）です。',
    en: 'IPv6 works, but no IPv4-over-IPv6 tunnel (MAP-E, DS-Lite or IPIP) is configured, so IPv4 has no way out. The fix is the whole set-up for the service and the model (tunnel, NAT, filters, route, MSS, and for fixed IP the update notification).',
  },
  platforms: { rtx },
});
