import { expect } from 'vitest';
import { rtxCases, edit, fixed, v6pd } from '../../../../test/unit/diagnosis/rtx/cases.js';

rtxCases('IPV6_FILTER_BLOCKS_IPIP', {
  fires: [
    {
      name: '200031 (pass protocol 4) not bound to lan2',
      outputs: () => edit(v6pd(), 'show config', 'secure filter in 200030 200031 200038 200039', 'secure filter in 200030 200038 200039'),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['ipv6 lan2 secure filter in 200030 200038 200031 200039']);
        expect(f.fix?.inverse).toEqual(['ipv6 lan2 secure filter in 200030 200038 200039']);
      },
    },
    {
      name: 'no protocol-4 filter at all',
      outputs: () => edit(edit(fixed(), 'show config', 'ipv6 filter 200031 pass * * 4\n', ''), 'show config', 'in 200030 200031 200038 200039', 'in 200030 200038 200039'),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['ipv6 filter 200031 pass * * 4', 'ipv6 lan2 secure filter in 200030 200038 200031 200039']);
        expect(f.fix?.inverse).toEqual(['ipv6 lan2 secure filter in 200030 200038 200039', 'no ipv6 filter 200031']);
      },
    },
  ],
  quiet: [{ name: 'no inbound filter on the WAN at all', outputs: () => edit(v6pd(), 'show config', /ipv6 lan2 secure filter in [^\n]*\n/, '') }],
});
