import { expect } from 'vitest';
import { rtxCases, edit, ocn, v6ra } from '../../../../test/unit/diagnosis/rtx/cases.js';

rtxCases('FIRMWARE_TOO_OLD', {
  fires: [
    {
      name: 'RTX830 on a pre-15.02.03 revision (synthetic) with MAP-E',
      outputs: () => edit(v6ra(), 'show config', 'Rev.15.02.31', 'Rev.15.01.05'),
      check: (f) => {
        expect(f.data).toMatchObject({ model: 'RTX830', firmware: '15.01.05', minimum: '15.02.03', feature: 'map-e' });
        expect(f.checklist?.[0]?.party).toBe('vendor');
      },
    },
    {
      name: 'RTX1210 before Rev.14.01.26 (synthetic) with MAP-E',
      outputs: () => edit(v6ra(), 'show config', 'RTX830 Rev.15.02.31', 'RTX1210 Rev.14.01.05'),
      check: (f) => expect(f.data).toMatchObject({ model: 'RTX1210', minimum: '14.01.26', feature: 'map-e', confidence: 'inferred' }),
    },
  ],
  quiet: [
    { name: 'RTX1210 at a revision after the minimum', outputs: () => edit(v6ra(), 'show config', 'RTX830 Rev.15.02.31', 'RTX1210 Rev.14.01.42') },
    { name: 'a model the table has no minimum for (NVR510)', outputs: () => edit(v6ra(), 'show config', 'RTX830 Rev.15.02.31', 'NVR510 Rev.15.01.05') },
    { name: 'OCN on an RTX1300 of the first firmware line', outputs: () => ocn() },
  ],
});
