import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const icmpNotTranslated = defineFinding({
  code: 'ICMP_NOT_TRANSLATED',
  severity: 'warning',
  hop: 'router',
  title: { ja: 'ICMPがポートセット内に変換されない', en: 'ICMP is not translated into the port set' },
  meaning: {
    ja: 'ICMPエコーの識別子がポートセット内に変換されないため、TCP/UDPが通ってもIPv4のpingが失敗します。',
    en: 'ICMP echo identifiers are not mapped into the port set, so IPv4 ping fails even when TCP/UDP work.',
  },
  platforms: { rtx, linux },
});
