import { describe, expect, it } from 'vitest';
import { deviceUnsupportedService } from './definition.js';
import { rtxCases, edit, fixed, ocn, transix, v6ra } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('DEVICE_UNSUPPORTED_SERVICE', {
  fires: [
    {
      name: 'RTX1200 cannot do MAP-E',
      outputs: () => edit(v6ra(), 'show config', /RTX830 Rev\.15\.02\.31/, 'RTX1200 Rev.10.01.71'),
      check: (f) => {
        expect(f.severity).toBe('error');
        expect(f.checklist?.[0]?.item.en).toContain('Linux CE mode');
      },
    },
    {
      name: 'RTX810 cannot do OCN Virtual Connect (map-e and its ocn type)',
      outputs: () => edit(ocn(), 'show config', /RTX1300 Rev\.[\d.]+/, 'RTX810 Rev.11.01.34'),
      check: (f, all) => {
        expect(all.filter((x) => x.code === 'DEVICE_UNSUPPORTED_SERVICE').map((x) => x.data?.feature)).toEqual(['map-e', 'map-e-ocn']);
        expect(f.explanation.en).toContain('inferred');
      },
    },
  ],
  quiet: [
    { name: 'an NVR510 on Xpass (the issue: it can)', outputs: () => edit(edit(transix(), 'show config', 'RTX830 Rev.15.02.31', 'NVR510 Rev.15.01.26'), 'show config', 'gw.transix.jp', 'dgw.xpass.jp') },
    { name: 'RTX1200 doing DS-Lite (IPIP is not marked unsupported)', outputs: () => edit(transix(), 'show config', 'RTX830 Rev.15.02.31', 'RTX1200 Rev.10.01.71') },
    { name: 'RTX1210 on MAP-E: listed, and able (the old "cannot" wording for it is gone)', outputs: () => edit(v6ra(), 'show config', 'RTX830 Rev.15.02.31', 'RTX1210 Rev.14.01.42') },
    {
      name: 'a router the table does not know is DEVICE_MODEL_UNLISTED, not this',
      outputs: () => edit(fixed(), 'show config', /^# RTX1300 Rev[^\n]*\n/, ''),
      device: { model: 'WRC-X6000XS', firmware: '1.0.0' },
    },
  ],
});

describe('DEVICE_UNSUPPORTED_SERVICE on a Linux CE', () => {
  it('never fires: a Linux CE can run every catalogued service, so the finding has no Linux detector', () => {
    expect(deviceUnsupportedService.platforms.linux).toBeUndefined();
    expect(codes(run(V6PLUS))).not.toContain('DEVICE_UNSUPPORTED_SERVICE');
  });
});
