import { defineFinding } from '../../definition.js';
import { rtx } from './rtx.js';

export const ipv6PrefixSourceMismatch = defineFinding({
  code: 'IPV6_PREFIX_SOURCE_MISMATCH',
  severity: 'error',
  hop: 'ngn',
  title: { ja: 'プレフィックスの取得方法が回線と合っていない', en: 'Prefix source does not match the line' },
  meaning: {
    ja: '設定はDHCPv6-PD（dhcp-prefix@）でプレフィックスを取る前提ですが、回線はRAだけを出しています（またはその逆）。',
    en: 'The config takes the prefix from DHCPv6-PD (dhcp-prefix@) but the line gives RA only, or the other way round.',
  },
  platforms: { rtx },
});
