import { describe, expect, it } from 'vitest';
import { calculateMapE } from '../../../../shared/mape/index.js';
import { codes, fixture, only, run } from './helpers.js';

/** `nft -j list ruleset` (libnftables JSON, nft 1.0.6 shapes) for the §5.3b mark + per-block SNAT. */
function jsonRuleset(opts: { protocols: string[]; mss: boolean }): string {
  const m = calculateMapE('240b:13:1a65:a100::/56');
  const items: unknown[] = [
    { metainfo: { version: '1.0.6', release_name: 'Lester Gooch #5', json_schema_version: 1 } },
    { table: { family: 'ip', name: 'mape', handle: 1 } },
    { chain: { family: 'ip', table: 'mape', name: 'prerouting', handle: 1, type: 'filter', hook: 'prerouting', prio: -150, policy: 'accept' } },
    { chain: { family: 'ip', table: 'mape', name: 'postrouting', handle: 2, type: 'nat', hook: 'postrouting', prio: 100, policy: 'accept' } },
    {
      rule: {
        family: 'ip', table: 'mape', chain: 'prerouting', handle: 3,
        expr: [
          { match: { op: 'in', left: { ct: { key: 'state' } }, right: 'new' } },
          { mangle: { key: { meta: { key: 'mark' } }, value: { numgen: { mode: 'inc', mod: m.portRanges.length, offset: 16 } } } },
        ],
      },
    },
    ...m.portRanges.map(([s, e], i) => ({
      rule: {
        family: 'ip', table: 'mape', chain: 'postrouting', handle: 10 + i,
        expr: [
          { match: { op: '==', left: { meta: { key: 'oifname' } }, right: 'mape' } },
          { match: { op: '==', left: { meta: { key: 'mark' } }, right: 16 + i } },
          { match: { op: '==', left: { meta: { key: 'l4proto' } }, right: { set: opts.protocols } } },
          { snat: { family: 'ip', addr: m.ipv4, port: { range: [s, e] }, flags: 'persistent' } },
        ],
      },
    })),
  ];
  if (opts.mss) {
    items.push(
      { chain: { family: 'ip', table: 'mape', name: 'forward', handle: 40, type: 'filter', hook: 'forward', prio: -150, policy: 'accept' } },
      {
        rule: {
          family: 'ip', table: 'mape', chain: 'forward', handle: 41,
          expr: [
            { match: { op: '==', left: { meta: { key: 'oifname' } }, right: 'mape' } },
            { mangle: { key: { 'tcp option': { name: 'maxseg', field: 'size' } }, value: { rt: { key: 'mtu' } } } },
          ],
        },
      },
    );
  }
  return JSON.stringify({ nftables: items }, null, 2);
}

/** The healthy v6plus transcript with its text ruleset swapped for the JSON one. */
function withJson(json: string): string {
  const text = fixture('healthy-v6plus-nft.txt');
  return text.replace(/root@ce:~# sudo nft list ruleset\n[\s\S]*?(?=root@ce:~# ping -6)/, `root@ce:~# sudo nft -j list ruleset\n${json}\n`);
}

describe('nft -j list ruleset', () => {
  it('a healthy JSON ruleset gives no NAT/MSS finding', () => {
    const r = run(withJson(jsonRuleset({ protocols: ['icmp', 'tcp', 'udp'], mss: true })));
    expect(r.findings).toEqual([]);
  });

  it('TCP/UDP only and no clamp: ICMP_NOT_TRANSLATED and MSS_CLAMP_MISSING, with evidence lines in the JSON', () => {
    const text = withJson(jsonRuleset({ protocols: ['tcp', 'udp'], mss: false }));
    const r = run(text);
    expect(codes(r).sort()).toEqual(['ICMP_NOT_TRANSLATED', 'MSS_CLAMP_MISSING']);
    const e = only(r, 'ICMP_NOT_TRANSLATED').evidence[0]!;
    expect(e.command).toBe('sudo nft -j list ruleset');
    expect(e.excerpt.join('\n')).toContain('"snat"');
  });
});
