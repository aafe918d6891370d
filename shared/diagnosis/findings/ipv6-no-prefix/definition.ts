import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const ipv6NoPrefix = defineFinding({
  code: 'IPV6_NO_PREFIX',
  severity: 'error',
  hop: 'ngn',
  title: { ja: 'IPv6プレフィックスを取得できていない', en: 'No IPv6 prefix from the line' },
  meaning: {
    ja: 'WAN側でグローバルIPv6プレフィックスを取得できていません（RAもDHCPv6-PDもない）。IPv4 over IPv6 はIPv6の上で動くため、これがないと何も始まりません。',
    en: 'No global IPv6 prefix was obtained on the WAN side (no RA / no DHCPv6-PD lease). IPv4 over IPv6 rides on IPv6, so nothing else can work.',
  },
  platforms: { rtx, linux },
});
