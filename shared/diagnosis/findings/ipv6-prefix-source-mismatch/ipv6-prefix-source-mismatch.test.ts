import { expect } from 'vitest';
import { rtxCases, edit, loadCase, NO_GLOBAL, NO_PD, RA_ON_LAN2, v6pd, v6ra } from '../../../../test/unit/diagnosis/rtx/cases.js';

rtxCases('IPV6_PREFIX_SOURCE_MISMATCH', {
  fires: [
    {
      name: 'dhcp-prefix@lan2 on a line that gives RA only',
      outputs: () => ({ ...NO_PD(v6pd()), 'show ipv6 address': RA_ON_LAN2 }),
      check: (f, all) => {
        expect(f.fix?.commands).toEqual([
          'ipv6 prefix 1 ra-prefix@lan2::/64',
          'ipv6 lan1 address ra-prefix@lan2::1/64',
          'ipv6 lan2 dhcp service client ir=on',
        ]);
        expect(f.fix?.inverse).toEqual([
          'ipv6 lan2 dhcp service client',
          'ipv6 lan1 address dhcp-prefix@lan2::1/64',
          'ipv6 prefix 1 dhcp-prefix@lan2::/64',
        ]);
        expect(all.map((x) => x.code)).not.toContain('IPV6_NO_PREFIX');
      },
    },
    {
      name: 'ra-prefix@lan2 on a line that delegates by PD',
      outputs: () => ({
        ...edit(v6ra(), 'show config', 'ipv6 lan2 dhcp service client ir=on', 'ipv6 lan2 dhcp service client'),
        'show status ipv6 dhcp': loadCase('healthy-v6plus-rtx1300-pd')['show status ipv6 dhcp'] ?? '',
        'show ipv6 address': NO_GLOBAL,
      }),
      check: (f) => expect(f.fix?.commands).toEqual(['ipv6 prefix 1 dhcp-prefix@lan2::/64', 'ipv6 lan1 address dhcp-prefix@lan2::1/64']),
    },
  ],
  quiet: [{ name: 'PD line without any RA evidence', outputs: () => NO_PD(v6pd()) }],
});
