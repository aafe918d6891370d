import { expect } from 'vitest';
import { rtxCases, edit, fixed } from '../../../../test/unit/diagnosis/rtx/cases.js';

rtxCases('FIXEDIP_PREFIX_LOG_OFF', {
  fires: [
    {
      name: 'no ipv6 lan1 prefix change log on',
      outputs: () => edit(fixed(), 'show config', 'ipv6 lan1 prefix change log on\n', ''),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['ipv6 lan1 prefix change log on']);
        expect(f.fix?.inverse).toEqual(['no ipv6 lan1 prefix change log']);
      },
    },
  ],
  quiet: [{ name: 'no script: nothing waits for the log', outputs: () => edit(edit(fixed(), 'show config', /# V6PLUS NOTIFY[\s\S]*EOF\n/, ''), 'show log', /.*/, 'x') }],
});
