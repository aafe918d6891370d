import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const aftrNameUnresolved = defineFinding({
  code: 'AFTR_NAME_UNRESOLVED',
  severity: 'error',
  hop: 'br',
  title: { ja: 'AFTRの名前を解決できない', en: 'AFTR name does not resolve' },
  meaning: {
    ja: 'DS-LiteのAFTR名（gw.transix.jp など）が名前解決できません（回線からIPv6のDNSを得られていない）。',
    en: 'DS-Lite: the AFTR name (e.g. gw.transix.jp) does not resolve (no IPv6 DNS from the line).',
  },
  platforms: { rtx, linux },
});
