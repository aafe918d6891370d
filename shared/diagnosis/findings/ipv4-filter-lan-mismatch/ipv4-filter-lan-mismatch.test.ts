import { expect } from 'vitest';
import { rtxCases, edit, field, v6ra } from '../../../../test/unit/diagnosis/rtx/cases.js';

rtxCases('IPV4_FILTER_LAN_MISMATCH', {
  fires: [
    { name: 'field report 000', outputs: field },
    {
      name: 'an outbound filter naming another LAN as source',
      outputs: () => edit(v6ra(), 'show config', 'ip filter 400099 pass * * * * *', 'ip filter 400099 pass 192.168.1.0/24 * * * *'),
      check: (f) => expect(f.fix?.commands).toEqual(['ip filter 400099 pass 192.168.100.0/24 * * * *']),
    },
  ],
  quiet: [{ name: 'a reject naming another network is harmless', outputs: () => edit(v6ra(), 'show config', 'ip filter 400039 reject * * * * *', 'ip filter 400039 reject * 10.0.0.0/8 * * *') }],
});
