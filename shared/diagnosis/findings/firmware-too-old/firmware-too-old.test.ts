import { expect } from 'vitest';
import { rtxCases, edit, v6ra } from '../../../../test/unit/diagnosis/rtx/cases.js';

rtxCases('FIRMWARE_TOO_OLD', {
  fires: [
    {
      name: 'RTX830 on a pre-15.02 revision (synthetic) with MAP-E',
      outputs: () => edit(v6ra(), 'show config', 'Rev.15.02.31', 'Rev.15.01.05'),
      check: (f) => {
        expect(f.data).toMatchObject({ model: 'RTX830', firmware: '15.01.05', minimum: '15.02.00', feature: 'map-e' });
        expect(f.checklist?.[0]?.party).toBe('vendor');
      },
    },
  ],
  quiet: [{ name: 'a model the table has no minimum for', outputs: () => edit(v6ra(), 'show config', 'RTX830 Rev.15.02.31', 'RTX1210 Rev.14.01.05') }],
});
