import { defineFinding } from '../../definition.js';
import { linux } from './linux.js';
import { rtx } from './rtx.js';

export const portsetPartial = defineFinding({
  code: 'PORTSET_PARTIAL',
  severity: 'warning',
  hop: 'router',
  title: { ja: '割り当てポートの一部しか使っていない', en: 'Only part of the port set is used' },
  meaning: {
    ja: '割り当てられたポートの一部（240のうち16など）しか使っていないため、セッションがすぐに足りなくなります。',
    en: 'Only part of the port set is used (e.g. one 16-port block of 240): sessions run out.',
  },
  platforms: { rtx, linux },
});
