import { describe, expect, it } from 'vitest';
import { parseIpLinkJson, parseIpLinkText } from '../../../shared/linux/index.js';
import { fixture, lineOf } from './fixtures.js';

describe('ip -d link show (text)', () => {
  const text = fixture('report003/ip-d-link-show.txt');
  const { links, unrecognised } = parseIpLinkText(text);

  it('reads every interface with state, MTU and kind', () => {
    expect(links.map((l) => l.name)).toEqual(['lo', 'eth0', 'eth1', 'ip6tnl0', 'mape']);
    expect(unrecognised).toEqual([]);
    const mape = links.find((l) => l.name === 'mape')!;
    expect(mape).toMatchObject({ index: 5, parent: 'eth1', up: true, lowerUp: true, operState: 'UNKNOWN', mtu: 1452, linkType: 'tunnel6', kind: 'ip6tnl' });
    expect(links.find((l) => l.name === 'ip6tnl0')).toMatchObject({ parent: null, up: false, kind: 'ip6tnl' });
    expect(links.find((l) => l.name === 'lo')!.kind).toBeNull();
  });

  it('reads the ip6tnl parameters, including the default encaplimit 4', () => {
    const mape = links.find((l) => l.name === 'mape')!;
    expect(mape.tunnel).toMatchObject({
      mode: 'ip4ip6',
      modeRaw: 'ipip6',
      remote: '2404:9200:225:100::64',
      local: '2404:7a82:4d02:4100:85:d10d:200:4100',
      dev: 'eth1',
      encapLimit: 4,
      hopLimit: 64,
      tclass: '0x00',
    });
    expect(links.find((l) => l.name === 'ip6tnl0')!.tunnel).toMatchObject({ mode: 'ip6ip6', remote: 'any', local: 'any', hopLimit: 'inherit', encapLimit: 0 });
  });

  it('keeps the lines of each interface as evidence', () => {
    const mape = links.find((l) => l.name === 'mape')!;
    const first = lineOf(text, '5: mape@eth1');
    expect(mape.evidence).toEqual({ command: 'ip -d link show', lines: [first, first + 1, first + 2] });
  });

  it('reads encaplimit none', () => {
    const healthy = parseIpLinkText(fixture('healthy/ip-d-link-show.txt')).links.find((l) => l.name === 'mape')!;
    expect(healthy.tunnel?.encapLimit).toBe('none');
    expect(healthy.mtu).toBe(1460);
  });

  it('reads `ip -s link` counters (TX without RX)', () => {
    const out = `5: mape@eth1: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1452 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
    link/tunnel6 2404:7a82:4d02:4100:85:d10d:200:4100 peer 2404:9200:225:100::64
    RX:  bytes packets errors dropped  missed   mcast           
             0       0      0       0       0       0 
    TX:  bytes packets errors dropped carrier collsns           
         25284     301      0       0       0       0 `;
    const [mape] = parseIpLinkText(out, { command: 'ip -s link show mape', firstLine: 10 }).links;
    expect(mape!.stats).toEqual({ rxBytes: 0, rxPackets: 0, txBytes: 25284, txPackets: 301 });
    expect(mape!.evidence.lines).toEqual([10, 11, 12, 13, 14, 15]);
  });
});

describe('ip -j -d link show (JSON)', () => {
  it('reads the same facts from JSON, with the object index as evidence', () => {
    const { links } = parseIpLinkJson(fixture('report003/ip-j-d-link-show.json'));
    const mape = links.find((l) => l.name === 'mape')!;
    expect(mape).toMatchObject({ parent: 'eth1', up: true, mtu: 1452, kind: 'ip6tnl', linkType: 'tunnel6' });
    expect(mape.tunnel).toMatchObject({ mode: 'ip4ip6', remote: '2404:9200:225:100::64', dev: 'eth1', encapLimit: 4, hopLimit: 64 });
    expect(mape.evidence).toEqual({ command: 'ip -j -d link show', lines: [1], jsonIndex: links.indexOf(mape) });
  });

  it('reads ip6_tnl_f_ign_encap_limit as encaplimit none', () => {
    const mape = parseIpLinkJson(fixture('healthy/ip-j-d-link-show.json')).links.find((l) => l.name === 'mape')!;
    expect(mape.tunnel?.encapLimit).toBe('none');
  });

  it('gives each object its own lines in pretty-printed JSON (ip -j -p)', () => {
    const pretty = JSON.stringify(JSON.parse(fixture('report003/ip-j-d-link-show.json')), null, 4);
    const { links } = parseIpLinkJson(pretty);
    const mape = links.find((l) => l.name === 'mape')!;
    const lines = pretty.split('\n');
    expect(lines[mape.evidence.lines![0]! - 1]).toMatch(/^\s*\{$/);
    expect(lines.slice(mape.evidence.lines![0]! - 1, mape.evidence.lines!.at(-1)).join('\n')).toContain('"ifname": "mape"');
  });

  it('reads stats64', () => {
    const json = '[{"ifindex":1,"ifname":"mape","flags":["UP"],"mtu":1460,"stats64":{"rx":{"bytes":0,"packets":0},"tx":{"bytes":100,"packets":2}}}]';
    expect(parseIpLinkJson(json).links[0]!.stats).toEqual({ rxBytes: 0, rxPackets: 0, txBytes: 100, txPackets: 2 });
  });
});
