import { expect } from 'vitest';
import { rtxCases, edit, fixed, v6ra } from '../../../../test/unit/diagnosis/rtx/cases.js';

rtxCases('DEVICE_MODEL_UNLISTED', {
  fires: [
    {
      name: 'a consumer router the table does not know (info, never "cannot")',
      outputs: () => edit(fixed(), 'show config', /^# RTX1300 Rev[^\n]*\n/, ''),
      device: { model: 'WRC-X6000XS', firmware: '1.0.0' },
      check: (f, all) => {
        expect(f.severity).toBe('info');
        expect(f.checklist?.[0]?.party).toBe('vendor');
        expect(f.title.en).not.toMatch(/cannot/i);
        expect(all.map((x) => x.code)).not.toContain('DEVICE_UNSUPPORTED_SERVICE');
      },
    },
    {
      name: 'a Yamaha model outside the table (RTX840) on MAP-E',
      outputs: () => edit(v6ra(), 'show config', 'RTX830 Rev.15.02.31', 'RTX840 Rev.23.02.02'),
      check: (f) => expect(f.data).toMatchObject({ model: 'RTX840', listed: false }),
    },
  ],
  quiet: [
    { name: 'a listed model (RTX1210 on MAP-E)', outputs: () => edit(v6ra(), 'show config', 'RTX830 Rev.15.02.31', 'RTX1210 Rev.14.01.42') },
    { name: 'a listed model known not to do MAP-E (RTX1200): that is DEVICE_UNSUPPORTED_SERVICE', outputs: () => edit(v6ra(), 'show config', 'RTX830 Rev.15.02.31', 'RTX1200 Rev.10.01.71') },
  ],
});
