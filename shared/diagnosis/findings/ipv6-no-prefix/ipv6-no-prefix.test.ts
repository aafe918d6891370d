import { describe, expect, it } from 'vitest';
import { rtxCases, edit, NO_GLOBAL, NO_PD, v6pd, v6ra } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, dropLines, DSLITE, only, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('IPV6_NO_PREFIX', {
  fires: [
    {
      name: 'PD config, the DHCPv6 client holds no lease',
      outputs: () => NO_PD(v6pd()),
      check: (f) => {
        expect(f.evidence.map((e) => e.command)).toContain('show status ipv6 dhcp');
        expect(f.checklist?.[0]?.party).toBe('isp');
      },
    },
    {
      name: 'RA config, no interface has a global address',
      outputs: () => ({ ...v6ra(), 'show ipv6 address': NO_GLOBAL }),
      check: (f) => expect(f.explanation.en).toContain('No interface has a global IPv6 address'),
    },
  ],
  quiet: [
    { name: 'RA line: no PD lease is normal', outputs: v6ra },
    { name: 'a placeholder prefix still is a lease', outputs: () => edit(v6pd(), 'show status ipv6 dhcp', '240b:11:b901:1800::/56', '(IPv6アドレス)/56') },
    { name: 'nothing about IPv6 was gathered', outputs: () => ({ 'show config': v6pd()['show config'] ?? '' }) },
  ],
});

describe('IPV6_NO_PREFIX', () => {
  it('fires when no interface has a global IPv6 address, offering accept_ra=2', () => {
    const text = dropLines(V6PLUS, /inet6 2[0-9a-f]{3}:.* scope global/);
    const f = only(run(text), 'IPV6_NO_PREFIX');
    expect(f.fix?.commands).toEqual(['sysctl -w net.ipv6.conf.eth1.accept_ra=2']);
    expect(f.fix?.inverse).toEqual(['sysctl -w net.ipv6.conf.eth1.accept_ra=1']);
  });
  it('does not count the hand-added CE /128 as a prefix from the line', () => {
    const text = dropLines(V6PLUS, /dynamic mngtmpaddr/);
    expect(codes(run(text))).toContain('IPV6_NO_PREFIX');
  });
  it('does not fire for DS-Lite, whose SLAAC address is also the tunnel local', () => {
    expect(codes(run(DSLITE))).not.toContain('IPV6_NO_PREFIX');
  });
});
