import { expect } from 'vitest';
import { rtxCases, edit, fixed, v6pd } from '../../../../test/unit/diagnosis/rtx/cases.js';

rtxCases('FIXEDIP_UPDATE_NOT_CONFIGURED', {
  fires: [
    {
      name: 'the script is there but no schedule starts it',
      outputs: () => edit(fixed(), 'show config', 'schedule at 1 startup * lua emfs:/v6plus_address_notification.lua\n', ''),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['schedule at 1 startup * lua emfs:/v6plus_address_notification.lua']);
        expect(f.fix?.inverse).toEqual(['no schedule at 1']);
      },
    },
    {
      name: 'no script at all',
      outputs: () => edit(fixed(), 'show config', /# V6PLUS NOTIFY[\s\S]*EOF\n/, ''),
      check: (f) => {
        expect(f.fix).toBeUndefined();
        expect(f.explanation.en).toContain('http://fcs.enabler.ne.jp/update');
      },
    },
  ],
  quiet: [{ name: 'MAP-E needs no update', outputs: v6pd }],
});
