import { describe, expect, it } from 'vitest';
import { rtxCases, edit, fixed, run, transix, v6pd, type Outputs } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { SECRET_SLOTS } from '../../../rtx/setup/secrets.js';

/** A healthy set-up with its IPv4 side taken away (tunnel blocks, IPv4 filters, NAT, default route, update script): IPv6 alone remains. */
function withoutTunnel(o: Outputs): Outputs {
  const out = edit(o, 'show config', /^tunnel select 1\n(?: [^\n]*\n)+/gm, '');
  out['show config'] = out['show config']!
    .replace(/^ip route default gateway tunnel 1\n/m, '')
    .replace(/^ip filter [^\n]*\n/gm, '')
    .replace(/^nat descriptor [^\n]*\n/gm, '')
    .replace(/^schedule at [^\n]*\n/gm, '')
    .replace(/^embedded file [^\n]*\n(?:[^\n]*\n)*?EOF\n/m, '');
  // Outputs about the tunnel that is gone.
  const { 'show status tunnel 1': _t, 'show status ipip': _i, 'show nat descriptor address': _n, 'show ip route': _r, 'show log': _l, ...rest } = out;
  return rest;
}

const FIXED_NOTICE = {
  serviceId: 'v6plus-fixed' as const,
  fixedIpv4: '203.0.113.10',
  interfaceId: '::cb:71:a00:0',
  br: '2404:9200:225:100::65',
  updateUser: 'notice-user-5521',
  updatePassword: 'notice-pass-Zx81',
};

rtxCases('IPV4_TUNNEL_MISSING', {
  fires: [
    {
      name: 'v6plus on a PD line, no tunnel: the whole MAP-E set-up from the prefix',
      outputs: () => withoutTunnel(v6pd()),
      check: (f) => {
        expect(f.severity).toBe('error');
        expect(f.data).toMatchObject({ service: 'v6plus', basis: 'prefix', planned: true, tunnel: 1, br: '2404:9200:225:100::64' });
        const c = f.fix!.commands;
        expect(c).toContain(' tunnel encapsulation map-e');
        expect(c).toContain(' tunnel map-e type v6plus');
        expect(c).toContain(' ip tunnel mtu 1460');
        expect(c).toContain(' ip tunnel tcp mss limit auto');
        expect(c).toContain('nat descriptor address outer 1000 map-e');
        expect(c).toContain('ip route default gateway tunnel 1');
        expect(c).toContain('ip filter 400030 pass * 192.168.10.0/24 icmp * *');
        // The WAN list already passes protocol 4 (200031): it is left alone.
        expect(c.some((l) => l.startsWith('ipv6 lan2 secure filter in'))).toBe(false);
        expect(f.fix!.inverse.at(-1)).toBe('no tunnel enable 1');
        expect(f.fix!.check).toEqual({ kind: 'tunnel-rx', tunnel: '1' });
      },
    },
    {
      name: 'a DS-Lite line whose service only the user can confirm: what the router resolves, and the ISP question',
      outputs: () => ({
        ...withoutTunnel(transix()),
        'ping6 -c 1 gw.transix.jp': 'PING6 gw.transix.jp (2404:8e00::feed:100): 56 data bytes\nreceived from 2404:8e00::feed:100: icmp_seq=0 ttl=58 time=4.200ms\n\n1 packets transmitted, 1 packets received, 0.0% packet loss\n',
        'ping6 -c 1 dgw.xpass.jp': 'Error: Cannot resolve host name\n',
      }),
      check: (f) => {
        expect(f.fix).toBeUndefined();
        expect(f.data).toMatchObject({ service: 'transix-dslite', basis: 'aftr', needsConfirmation: true, refused: 'needs-service', resolvedAftr: 'gw.transix.jp=2404:8e00::feed:100', unresolvedAftr: 'dgw.xpass.jp' });
        expect(f.checklist?.[0]?.party).toBe('isp');
        expect(f.evidence.some((e) => e.command === 'ping6 -c 1 dgw.xpass.jp')).toBe(true);
      },
    },
    {
      name: 'the same line once the user says transix: endpoint name, DNS kept, MTU and MSS',
      outputs: () => withoutTunnel(transix()),
      notice: { serviceId: 'transix-dslite' },
      check: (f) => {
        const c = f.fix!.commands;
        expect(c).toContain(' tunnel encapsulation ipip');
        expect(c).toContain(' tunnel endpoint name gw.transix.jp fqdn');
        expect(c).toContain(' ip tunnel mtu 1460');
        expect(c.some((l) => l.includes('nat descriptor'))).toBe(false);
        // The config already asks the line's DNS (dns server dhcp lan2): nothing to add.
        expect(c.some((l) => l.startsWith('dns server'))).toBe(false);
      },
    },
    {
      name: 'fixed IP without the notice values: what is missing, and the question to the ISP',
      outputs: () => withoutTunnel(fixed()),
      notice: { serviceId: 'v6plus-fixed', fixedIpv4: '203.0.113.10' },
      check: (f) => {
        expect(f.fix).toBeUndefined();
        expect(f.data).toMatchObject({ refused: 'needs-notice', missingNotice: 'interfaceId,updateUser,updatePassword' });
        expect(f.checklist?.[0]?.item.en).toContain('interfaceId');
      },
    },
    {
      name: 'fixed IP with the notice: CE beside the LAN address, NAT to the fixed IPv4, the update script with slots, never the secrets',
      outputs: () => withoutTunnel(fixed()),
      notice: FIXED_NOTICE,
      check: (f) => {
        const c = f.fix!.commands;
        expect(c).toContain('ipv6 lan1 address dhcp-prefix@lan2::cb:71:a00:0/64');
        expect(c).toContain('ip filter 400030 pass * 192.168.182.0/24 icmp * *');
        expect(c).toContain(' tunnel endpoint address 2404:9200:225:100::65');
        expect(c).toContain('nat descriptor address outer 1000 203.0.113.10');
        expect(c).toContain(`USERNAME = "${SECRET_SLOTS.updateUser}"`);
        expect(c).toContain(`PASSWORD = "${SECRET_SLOTS.updatePassword}"`);
        expect(c).toContain('lua emfs:/ipoe-doctor-fixed-ip.lua');
        expect(f.fix!.inverse[0]).toBe('terminate lua file emfs:/ipoe-doctor-fixed-ip.lua');
        expect(JSON.stringify(f)).not.toMatch(/notice-user-5521|notice-pass-Zx81/);
        expect(f.data).toMatchObject({ secrets: 'updateUser,updatePassword', ipv4: '203.0.113.10' });
      },
    },
    {
      name: 'IPv4 over PPPoE today: a warning, and the set-up says its default route moves (the undo puts it back)',
      outputs: () => edit(withoutTunnel(v6pd()), 'show config', 'ip lan1 address 192.168.10.1/24\n', 'ip lan1 address 192.168.10.1/24\nip route default gateway pp 1\npp select 1\n pppoe use lan2\n pp enable 1\n'),
      check: (f) => {
        expect(f.severity).toBe('warning');
        expect(f.data?.pppoeDefaultRoute).toBe('ip route default gateway pp 1');
        expect(f.fix!.commands).toContain('ip route default gateway tunnel 1');
        expect(f.fix!.inverse).toContain('ip route default gateway pp 1');
        expect(f.explanation.en).toContain('PPPoE');
      },
    },
  ],
  quiet: [
    { name: 'no IPv6 prefix yet: that is the underlay, not a missing tunnel', outputs: () => edit(withoutTunnel(v6pd()), 'show status ipv6 dhcp', / {6}prefix: [^\n]*\n/, '') },
  ],
});

describe('IPV4_TUNNEL_MISSING and the codes around it', () => {
  it('on a router with no tunnel, the fixed-IP update rules leave the set-up to it', () => {
    const codes = run({ name: 'fixed without tunnel', outputs: () => withoutTunnel(fixed()), notice: FIXED_NOTICE }).map((f) => f.code);
    expect(codes).toEqual(['IPV4_TUNNEL_MISSING']);
  });
});
