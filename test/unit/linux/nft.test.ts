import { describe, expect, it } from 'vitest';
import { parseNftJson, parseNftText, type NftResult, type SnatStatement } from '../../../shared/linux/index.js';
import { fixture, lineOf } from './fixtures.js';

const snatOf = (r: NftResult, i: number): SnatStatement => r.rules[i]!.statements.find((s) => s.kind === 'snat' || s.kind === 'masquerade') as SnatStatement;

describe('nft list ruleset (healthy CE, real nft 1.0.6 listing)', () => {
  const text = fixture('healthy/nft-list-ruleset.txt');
  const r = parseNftText(text);

  it('reads tables and base chains with type, hook, priority and policy', () => {
    expect(r.unrecognised).toEqual([]);
    expect(r.tables.map((t) => `${t.family} ${t.name}`)).toEqual(['ip mape']);
    expect(r.tables[0]!.chains.map((c) => [c.name, c.type, c.hook, c.priority?.raw, c.priority?.value, c.policy])).toEqual([
      ['mark_forwarded', 'filter', 'prerouting', 'mangle', -150, 'accept'],
      ['mark_local', 'route', 'output', 'mangle', -150, 'accept'],
      ['snat_port_blocks', 'nat', 'postrouting', 'srcnat', 100, 'accept'],
      ['clamp_mss', 'filter', 'forward', 'mangle', -150, 'accept'],
    ]);
  });

  it('reads the numgen mark-setting rules', () => {
    expect(r.rules[0]!.match.ctStateNew).toBe(true);
    expect(r.rules[0]!.statements).toEqual([{ kind: 'mark-set', target: 'meta', value: null, numgen: { mode: 'inc', mod: 15, offset: 16 } }]);
  });

  it('reads each per-block SNAT rule: oifname, mark, protocols, range, persistent', () => {
    const snat = r.rules.filter((x) => x.chain === 'snat_port_blocks');
    expect(snat).toHaveLength(15);
    expect(snat[0]!.match).toMatchObject({ oifname: ['mape'], mark: [0x10], l4proto: ['icmp', 'tcp', 'udp'] });
    expect(snat[0]!.statements[0]).toMatchObject({ kind: 'snat', address: '133.209.13.2', ports: [[5136, 5151]], portForm: 'range', persistent: true, brokenMapEntries: [] });
    expect(snat[14]!.match.mark).toEqual([0x1e]);
    expect(snat[14]!.evidence).toEqual({ command: 'nft list ruleset', lines: [lineOf(text, '62480-62495')] });
  });

  it('reads the MSS clamp to route MTU', () => {
    const clamp = r.rules.find((x) => x.chain === 'clamp_mss')!;
    expect(clamp.statements).toEqual([{ kind: 'mss-clamp', value: 'rt-mtu' }]);
    expect(clamp.match.l4proto).toEqual(['tcp']);
  });
});

describe('nft -j list ruleset (healthy CE)', () => {
  const r = parseNftJson(fixture('healthy/nft-j-list-ruleset.json'));

  it('builds the same model from JSON', () => {
    expect(r.tables[0]!.chains.map((c) => [c.name, c.type, c.hook, c.priority?.value])).toEqual([
      ['mark_forwarded', 'filter', 'prerouting', -150],
      ['mark_local', 'route', 'output', -150],
      ['snat_port_blocks', 'nat', 'postrouting', 100],
      ['clamp_mss', 'filter', 'forward', -150],
    ]);
    const snat = r.rules.filter((x) => x.chain === 'snat_port_blocks');
    expect(snat).toHaveLength(15);
    expect(snat[1]!.match).toMatchObject({ oifname: ['mape'], mark: [0x11], l4proto: ['icmp', 'tcp', 'udp'] });
    expect(snat[1]!.statements[0]).toMatchObject({ kind: 'snat', ports: [[9232, 9247]], persistent: true });
    expect(snat[1]!.text).toBe('oifname "mape" meta mark 17 meta l4proto { icmp, tcp, udp } snat to 133.209.13.2:9232-9247 persistent');
    expect(r.rules[0]!.statements).toEqual([{ kind: 'mark-set', target: 'meta', value: null, numgen: { mode: 'inc', mod: 15, offset: 16 } }]);
    expect(r.rules.at(-1)!.statements).toEqual([{ kind: 'mss-clamp', value: 'rt-mtu' }]);
  });

  it('uses the index in the nftables array as evidence', () => {
    expect(r.rules[0]!.evidence).toMatchObject({ command: 'nft -j list ruleset', jsonIndex: 6, lines: [1] });
  });
});

describe('the nft 1.0.6 broken numgen map listing (§5.3b)', () => {
  for (const [form, r] of [
    ['text', parseNftText(fixture('nft/broken-numgen-map.txt'))],
    ['json', parseNftJson(fixture('nft/broken-numgen-map.json'))],
  ] as const) {
    it(`flags \`0 : 7216-0\` entries as broken (${form})`, () => {
      const tcp = snatOf(r, 0);
      expect(r.rules[0]!.match.l4proto).toEqual(['tcp']);
      expect(tcp).toMatchObject({ portForm: 'numgen-map', numgen: { mode: 'inc', mod: 3, offset: 0 }, ports: [] });
      expect(tcp.brokenMapEntries).toEqual(['0 : 7216-0', '1 : 11312-0', '2 : 15408-0']);
      const udp = snatOf(r, 1);
      expect(udp.brokenMapEntries).toEqual([]);
      expect(udp.ports).toEqual([
        [5136, 5136],
        [5137, 5137],
        [5138, 5138],
        [5139, 5139],
      ]);
      expect(snatOf(r, 2)).toMatchObject({ kind: 'masquerade', ports: null });
      expect(r.rules[2]!.match.oifname).toEqual(['eth0']);
      expect(r.rules[3]!.statements).toEqual([{ kind: 'mss-clamp', value: 1420 }]);
    });
  }

  it('reads the map as a user types it, with spaces around the colon', () => {
    const r = parseNftText(`table inet mape {
  chain srcnat {
    type nat hook postrouting priority 100; policy accept;
    ip protocol icmp oifname "mape" snat ip to 133.209.13.2 : numgen inc mod 2 map { 0 : 5136-5151, 1 : 9232-9247 }
  }
}`);
    expect(snatOf(r, 0)).toMatchObject({ ports: [[5136, 5151], [9232, 9247]], brokenMapEntries: [] });
    expect(r.tables[0]!.chains[0]!.priority).toEqual({ raw: '100', value: 100 });
  });
});

describe('VyOS vyos_nat table', () => {
  it('reads rules 200/210: tcp and udp only, to the first 16-port block', () => {
    const text = fixture('report003/nft-list-table-vyos_nat.txt');
    const r = parseNftText(text, { command: 'sudo nft list table ip vyos_nat' });
    const snat = r.rules.filter((x) => x.statements.some((s) => s.kind === 'snat'));
    expect(snat.map((x) => x.comment)).toEqual(['SRC-NAT-200', 'SRC-NAT-210']);
    expect(snat[0]!.match).toMatchObject({ oifname: ['mape'], saddr: '192.168.1.0/24', l4proto: ['tcp', 'udp'], mark: null });
    expect(snatOf({ ...r, rules: snat }, 0)).toMatchObject({ address: '133.209.13.2', ports: [[5136, 5151]] });
    expect(snat[1]!.evidence).toEqual({ command: 'sudo nft list table ip vyos_nat', lines: [lineOf(text, 'SRC-NAT-210')] });
    expect(r.rules.find((x) => x.chain === 'POSTROUTING')!.statements).toEqual([{ kind: 'verdict', verdict: 'jump', target: 'VYOS_PRE_SNAT_HOOK' }]);
    expect(r.tables[0]!.chains.find((c) => c.name === 'OUTPUT')!.priority).toEqual({ raw: '-100', value: -100 });
  });

  it('reads `nft -a` listings with # handle comments', () => {
    const r = parseNftText(fixture('report003/nft-a-list-table-vyos_nat.txt'));
    expect(r.unrecognised).toEqual([]);
    expect(r.tables[0]!.chains.map((c) => c.name)).toEqual(['PREROUTING', 'POSTROUTING', 'OUTPUT', 'VYOS_PRE_DNAT_HOOK', 'VYOS_PRE_SNAT_HOOK']);
    const rule = r.rules.find((x) => x.comment === 'SRC-NAT-210')!;
    expect(rule.handle).toBe(11);
    expect(rule.text.endsWith('comment "SRC-NAT-210"')).toBe(true);
  });

  it('reads the JSON form', () => {
    const r = parseNftJson(fixture('report003/nft-j-list-table-vyos_nat.json'));
    const rule = r.rules.find((x) => x.comment === 'SRC-NAT-200')!;
    expect(rule.match).toMatchObject({ oifname: ['mape'], saddr: '192.168.1.0/24', l4proto: ['tcp', 'udp'] });
    expect(rule.statements[0]).toMatchObject({ kind: 'snat', ports: [[5136, 5151]] });
  });
});

describe('rule details', () => {
  const rule = (line: string) => parseNftText(`table ip t {\n chain c {\n  ${line}\n }\n}`).rules[0]!;

  it('reads mark and protocol spellings', () => {
    expect(rule('meta mark set 0x10').statements).toEqual([{ kind: 'mark-set', target: 'meta', value: 16, numgen: null }]);
    expect(rule('mark 0x10 ip protocol { tcp, udp } snat to 1.2.3.4:5136-5151').match).toMatchObject({ mark: [16], l4proto: ['tcp', 'udp'] });
    expect(rule('meta mark & 0xff == 0x10 snat to 1.2.3.4').match.markComplex).toBe(true);
    expect(rule('meta l4proto != icmp masquerade').match).toMatchObject({ l4proto: ['icmp'], l4protoNegated: true });
    expect(rule('tcp dport 80 snat to 1.2.3.4:5136').match.l4proto).toEqual(['tcp']);
    expect(rule('ip protocol 1 snat to 1.2.3.4:5136').match.l4proto).toEqual(['icmp']);
    expect(rule('ct mark set 0x1').statements[0]).toMatchObject({ kind: 'mark-set', target: 'ct', value: 1 });
  });

  it('reads snat targets without ports, masquerade with ports, and flag lists', () => {
    expect(rule('oifname "mape" snat to 133.209.13.2').statements[0]).toMatchObject({ address: '133.209.13.2', ports: null, portForm: 'none' });
    expect(rule('masquerade to :5136-5151 random,persistent').statements[0]).toMatchObject({ kind: 'masquerade', ports: [[5136, 5151]], random: true, persistent: true });
    expect(rule('snat to 1.2.3.4:5136 fully-random').statements[0]).toMatchObject({ ports: [[5136, 5136]], portForm: 'single', fullyRandom: true });
    expect(rule('oifname "mape" tcp flags syn tcp option maxseg size set 1420').statements).toEqual([{ kind: 'mss-clamp', value: 1420 }]);
    expect(rule('reject with icmp type port-unreachable').match.l4proto).toBeNull();
  });

  it('skips named sets and maps, and reads ruleset files with add rule lines', () => {
    const r = parseNftText(`#!/usr/sbin/nft -f
flush ruleset
table ip mape {
	set blocks {
		type inet_service
		elements = { 5136, 5137,
			     5138 }
	}
	chain srcnat {
		type nat hook postrouting priority srcnat; policy accept;
	}
}
add rule ip mape srcnat oifname "mape" meta l4proto icmp snat to 133.209.13.2:5136-5151`);
    expect(r.unrecognised).toEqual([]);
    expect(r.rules).toHaveLength(1);
    expect(r.rules[0]).toMatchObject({ chain: 'srcnat', match: { l4proto: ['icmp'] }, evidence: { lines: [13] } });
  });
});
