import { defineFinding } from '../../definition.js';
import { rtx } from './rtx.js';

export const ipv6FilterBlocksIpip = defineFinding({
  code: 'IPV6_FILTER_BLOCKS_IPIP',
  severity: 'error',
  hop: 'router',
  title: { ja: 'IPv6フィルターがトンネルの戻りパケット（プロトコル4）を捨てている', en: 'IPv6 filter drops tunnel replies (protocol 4)' },
  meaning: {
    ja: 'WAN側の受信IPv6フィルターがプロトコル4（IPv4 in IPv6）を通さないため、BR/AFTRからの返信がすべて捨てられます。',
    en: 'The inbound IPv6 filter on the WAN does not pass protocol 4 (IPv4-in-IPv6), so every reply from the BR/AFTR is dropped.',
  },
  platforms: { rtx },
});
