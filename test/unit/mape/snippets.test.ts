import { describe, expect, it } from 'vitest';
import { calculateMapE, calculateMapEWithRule, renderSnippet, SNIPPET_FORMATS } from '../../../shared/mape/index.js';

const v6plus = calculateMapE('240b:13:1a65:a100::/56');
const ocn = calculateMapE('2400:4050:1234:5600::/56');
const biglobe = calculateMapE('2404:7a82:4d02:4100::/56');
const count = (text: string, re: RegExp) => text.match(new RegExp(re.source, 'g'))?.length ?? 0;

describe('config snippets use every port block', () => {
  it('linux: ip4ip6 tunnel with encaplimit none, CE /128, MTU 1460, one snat rule per block, MSS clamp', () => {
    const s = renderSnippet('linux', v6plus, { wan: 'enp1s0' });
    expect(s).toContain('WAN=enp1s0');
    expect(s).toContain(
      'ip -6 tunnel add mape mode ip4ip6 remote 2404:9200:225:100::64 local 240b:13:1a65:a100:e:91a:6500:a100 dev "$WAN" encaplimit none',
    );
    expect(s).toContain('ip -6 addr replace 240b:13:1a65:a100:e:91a:6500:a100/128 dev "$WAN"');
    expect(s).toContain('mtu 1460');
    expect(count(s, /snat ip to /)).toBe(15);
    expect(count(s, /meta mark set numgen inc mod 15 offset 0x10/)).toBe(2);
    for (const [i, [start, end]] of v6plus.portRanges.entries()) {
      expect(s).toContain(
        `meta mark 0x${(0x10 + i).toString(16)} meta l4proto { tcp, udp, icmp } snat ip to 14.9.26.101:${start}-${end} persistent`,
      );
    }
    expect(s).toContain('tcp option maxseg size set rt mtu');
  });

  it('linux: 63 blocks for OCN', () => {
    const s = renderSnippet('linux', ocn);
    expect(count(s, /snat ip to /)).toBe(63);
    expect(s).toContain('numgen inc mod 63 offset 0x10');
    expect(s).toContain('meta mark 0x4e ');
    expect(s).toContain('remote 2001:380:a120::9');
  });

  it('rtx: map-e tunnel with the provider type, protocol-4 filter, map-e NAT outer', () => {
    const s = renderSnippet('rtx', v6plus);
    expect(s).toContain(' tunnel encapsulation map-e');
    expect(s).toContain(' tunnel map-e type v6plus');
    expect(s).toContain('ipv6 filter 200031 pass * * 4');
    expect(s).toContain(' ip tunnel mtu 1460');
    expect(s).toContain('nat descriptor address outer 1000 map-e');
    expect(s).toContain('ip route default gateway tunnel 1');
    for (const [start, end] of v6plus.portRanges) expect(s).toContain(`${start}-${end}`);
    expect(renderSnippet('rtx', ocn)).toContain(' tunnel map-e type ocn');
    // BIGLOBE: the map-e type is inferred, so the snippet says so
    expect(renderSnippet('rtx', biglobe)).toMatch(/# Note: .*no public RTX config/);
  });

  it('vyos: one source-nat rule per block', () => {
    const s = renderSnippet('vyos', v6plus);
    expect(count(s, /translation port '/)).toBe(15);
    expect(s).toContain("set interfaces tunnel tun0 encapsulation 'ipip6'");
    expect(s).toContain("set interfaces tunnel tun0 remote '2404:9200:225:100::64'");
    expect(s).toContain("set interfaces tunnel tun0 parameters ipv6 encaplimit 'none'");
    expect(s).toContain("set nat source rule 101 translation port '6672-6687'");
    expect(s).toContain("set nat source rule 115 translation port '64016-64031'");
    expect(s).toContain("set nat source rule 101 source port '0-4368'");
    expect(s).toContain("set nat source rule 115 source port '61166-65535'");
    expect(count(renderSnippet('vyos', ocn), /translation port '/)).toBe(63);
  });

  it('openwrt: map proto with legacymap 1, encaplimit ignore, mtu 1460, and per-block SNAT', () => {
    const s = renderSnippet('openwrt', biglobe);
    expect(s).toContain("option proto 'map'");
    expect(s).toContain("option peeraddr '2001:260:700:1::1:275'");
    expect(s).toContain("option ip6prefix '2404:7a82:4c00::'");
    expect(s).toContain("option ip6prefixlen '38'");
    expect(s).toContain("option ipaddr '133.209.12.0'");
    expect(s).toContain("option ip4prefixlen '22'");
    expect(s).toContain("option ealen '18'");
    expect(s).toContain("option psidlen '8'");
    expect(s).toContain("option offset '4'");
    expect(s).toContain("option legacymap '1'");
    expect(s).toContain("option encaplimit 'ignore'");
    expect(s).toContain("option mtu '1460'");
    expect(count(s, /snat ip to 133\.209\.13\.2:/)).toBe(15);
  });

  it('every format renders a custom rule without a BR using a visible placeholder', () => {
    const custom = calculateMapEWithRule('2001:db8:12:3400::/56', {
      ipv6Prefix: '2001:db8::/40',
      ipv4Prefix: '192.0.2.0/24',
      eaLength: 16,
      psidOffset: 6,
    });
    for (const f of SNIPPET_FORMATS) {
      const s = renderSnippet(f, custom);
      expect(s.length).toBeGreaterThan(100);
      if (f !== 'rtx') expect(s).toContain('BR_ADDRESS_FROM_PROVIDER');
    }
  });
});
