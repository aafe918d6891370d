import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const fixedipNatOuterMismatch = defineFinding({
  code: 'FIXEDIP_NAT_OUTER_MISMATCH',
  severity: 'error',
  hop: 'router',
  title: { ja: 'NATの外側アドレスが契約の固定IPではない', en: 'NAT outer address is not the fixed IP' },
  meaning: { ja: 'NATの外側アドレスが契約した固定IPv4アドレスではありません。', en: 'The NAT outer address is not the contracted fixed IPv4 address.' },
  platforms: { rtx, linux },
});
