import { describe, expect, it } from 'vitest';
import { parseIpTunnelText } from '../../../shared/linux/index.js';
import { fixture, lineOf } from './fixtures.js';

describe('ip -6 tunnel show', () => {
  it('reads mode, endpoints, dev, encaplimit and hoplimit of every tunnel', () => {
    const text = fixture('report003/ip-6-tunnel-show.txt');
    const { tunnels, unrecognised } = parseIpTunnelText(text);
    expect(unrecognised).toEqual([]);
    expect(tunnels.map((t) => t.name)).toEqual(['ip6tnl0', 'mape']);
    expect(tunnels[1]).toMatchObject({
      mode: 'ip4ip6',
      modeRaw: 'ip/ipv6',
      remote: '2404:9200:225:100::64',
      local: '2404:7a82:4d02:4100:85:d10d:200:4100',
      dev: 'eth1',
      encapLimit: 4,
      hopLimit: 64,
      tclass: '0x00',
      flowlabel: '0x00000',
      evidence: { command: 'ip -6 tunnel show', lines: [lineOf(text, 'mape:')] },
    });
    expect(tunnels[0]).toMatchObject({ mode: 'ip6ip6', remote: 'any', local: 'any', hopLimit: 'inherit' });
  });

  it('reads encaplimit none, remote any and the other modes', () => {
    const { tunnels } = parseIpTunnelText(`mape: ip/ipv6 remote any local 2404:7a82:4d02:4100:85:d10d:200:4100 dev eth1 encaplimit none hoplimit 64 tclass 0x00 flowlabel 0x00000 (flowinfo 0x00000000)
x: any/ipv6 remote 2001:db8::1 local 2001:db8::2 encaplimit 4 hoplimit inherit tclass inherit flowlabel inherit (flowinfo 0x00000000) dscp inherit
sit0: ipv6/ip remote any local any ttl 64 nopmtudisc 6rd-prefix 2002::/16`);
    expect(tunnels[0]).toMatchObject({ remote: 'any', encapLimit: 'none' });
    expect(tunnels[1]).toMatchObject({ mode: 'any', hopLimit: 'inherit', flags: ['dscp-inherit'] });
    expect(tunnels[2]).toMatchObject({ mode: 'sit', hopLimit: 64, flags: ['nopmtudisc'] });
  });

  it('reports lines that are not tunnel lines', () => {
    expect(parseIpTunnelText('ip: command not found\n').unrecognised).toEqual([1]);
  });
});
