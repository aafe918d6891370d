import { expect } from 'vitest';
import { rtxCases, edit, v6pd, v6ra } from '../../../../test/unit/diagnosis/rtx/cases.js';

rtxCases('NGN_TYPE_MISSING', {
  fires: [
    {
      name: 'no ngn type line',
      outputs: () => edit(v6ra(), 'show config', 'ngn type lan2 ntt\n', ''),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['ngn type lan2 ntt']);
        expect(f.fix?.inverse).toEqual(['no ngn type lan2']);
        expect(f.fix?.check).toEqual({ kind: 'ping', family: 6, target: '2404:9200:225:100::64' });
      },
    },
    {
      name: 'ngn type lan2 off',
      outputs: () => edit(v6pd(), 'show config', 'ngn type lan2 ntt', 'ngn type lan2 off'),
      check: (f) => expect(f.fix?.inverse).toEqual(['ngn type lan2 off']),
    },
  ],
  quiet: [{ name: 'no IPoE on the interface', outputs: () => ({ 'show config': 'ip lan1 address 192.168.1.1/24\n' }) }],
});
