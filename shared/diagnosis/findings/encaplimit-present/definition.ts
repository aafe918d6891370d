import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';

export const encaplimitPresent = defineFinding({
  code: 'ENCAPLIMIT_PRESENT',
  severity: 'error',
  hop: 'router',
  title: { ja: 'ip6tnl が Encapsulation Limit オプションを付けている', en: 'ip6tnl sends the encapsulation-limit option' },
  meaning: {
    ja: 'Linuxの ip6tnl は既定で encaplimit 4 のため、すべてのパケットに宛先オプションヘッダーが付き、BRに捨てられます。encaplimit none にする必要があります。',
    en: 'Linux ip6tnl sends the Tunnel Encapsulation Limit option by default (encaplimit 4); BRs drop such packets. It must be encaplimit none.',
  },
  platforms: { linux },
});
