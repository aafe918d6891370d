import { describe, expect, it } from 'vitest';
import { createContext } from '../../../../shared/diagnosis/context.js';
import { diagnose } from '../../../../shared/diagnosis/engine.js';
import type { CommandOutput, DiagnosisInput } from '../../../../shared/diagnosis/input.js';
import { linuxTranscriptOutputs, TYPED_SET } from '../../../../shared/diagnosis/linux/facts.js';
import { codes, ctxOf, fixture, linesOf, mutate, only, run } from './helpers.js';

const live = (outputs: Omit<CommandOutput, 'firstLine' | 'status'>[]): DiagnosisInput => ({
  platform: 'linux',
  source: 'live',
  outputs: outputs.map((o) => ({ ...o, firstLine: 1, status: 'ok' as const })),
});

const TUNNEL4 = 'mape: ip/ipv6 remote 2404:9200:225:100::64 local 240b:13:1a65:a100:e:91a:6500:a100 dev eth1 encaplimit 4 hoplimit 64 tclass 0x00 flowlabel 0x00000 (flowinfo 0x00000000)';

describe('createLinuxFacts: unknown stays unknown', () => {
  it('has no facts and no findings when nothing was gathered', () => {
    const ctx = createContext(live([]));
    expect(ctx.linux.ce).toBeUndefined();
    expect(ctx.linux.tunnels).toBeUndefined();
    expect(ctx.linux.pings).toEqual([]);
    const r = diagnose(live([]));
    expect(r.findings).toEqual([]);
    expect(r.unknown).toEqual(expect.arrayContaining(['ip -6 tunnel show', 'nft list ruleset']));
  });

  it('turns garbage into a note, never an exception, and concludes nothing from it', () => {
    const r = diagnose(live([{ command: 'ip -6 tunnel show', output: '\u0000\u0001 %%% not a tunnel listing <<<' }, { command: 'nft -j list ruleset', output: '{"nftables": [' }]));
    expect(r.findings).toEqual([]);
    expect(r.notes.join('\n')).toMatch(/ip -6 tunnel show/);
    expect(r.notes.join('\n')).toMatch(/nft -j list ruleset/);
  });

  it('ignores outputs of failed commands (status error)', () => {
    const input: DiagnosisInput = { platform: 'linux', source: 'live', outputs: [{ command: 'ip -6 tunnel show', output: TUNNEL4, firstLine: 1, status: 'error' }] };
    expect(createContext(input).linux.tunnels).toBeUndefined();
  });
});

describe('live input (line numbers within each output)', () => {
  it('reads ip -6 tunnel show alone and numbers evidence in that output', () => {
    const r = diagnose(live([{ command: 'ip -6 tunnel show', output: `ip6tnl0: ipv6/ipv6 remote :: local :: encaplimit 0 hoplimit 0\n${TUNNEL4}` }]));
    const f = only(r, 'ENCAPLIMIT_PRESENT');
    expect(f.evidence[0]).toMatchObject({ command: 'ip -6 tunnel show', lines: [2] });
    expect(f.evidence[0]!.excerpt[0]).toContain('encaplimit 4');
    // With nothing but the tunnel line, absence-based rules stay silent.
    expect(codes(r)).not.toContain('CE_ADDRESS_NOT_ASSIGNED');
    expect(codes(r)).not.toContain('NAT_DESCRIPTOR_MISSING');
    expect(codes(r)).not.toContain('DEFAULT_ROUTE_NOT_TUNNEL');
  });

  it('reads JSON (ip -j -d link show): encap_limit 4 vs ip6_tnl_f_ign_encap_limit', () => {
    const link = (extra: string) =>
      JSON.stringify([
        {
          ifindex: 5,
          link: 'eth1',
          ifname: 'mape',
          flags: ['POINTOPOINT', 'NOARP', 'UP', 'LOWER_UP'],
          mtu: 1460,
          operstate: 'UNKNOWN',
          link_type: 'tunnel6',
          linkinfo: { info_kind: 'ip6tnl', info_data: JSON.parse(`{"proto":"ipip6","remote":"2404:9200:225:100::64","local":"240b:13:1a65:a100:e:91a:6500:a100","link":"eth1","ttl":64,${extra}}`) },
        },
      ], null, 2);
    const bad = diagnose(live([{ command: 'ip -j -d link show', output: link('"encap_limit":4') }]));
    expect(codes(bad)).toContain('ENCAPLIMIT_PRESENT');
    expect(only(bad, 'ENCAPLIMIT_PRESENT').evidence[0]!.lines.length).toBeGreaterThan(3);
    const good = diagnose(live([{ command: 'ip -j -d link show', output: link('"ip6_tnl_f_ign_encap_limit":true') }]));
    expect(codes(good)).not.toContain('ENCAPLIMIT_PRESENT');
  });
});

describe('coverage: only complete listings allow "missing"', () => {
  it('knows which listings are complete', () => {
    const c = ctxOf(fixture('healthy-v6plus-nft.txt')).linux.coverage;
    expect(c).toMatchObject({ addresses: true, routes4: true, nftRuleset: true, kernel: true });
    expect(c.vyosCovers('set nat source')).toBe(false);
  });
  it('reads VyOS filters: grep nat covers NAT rules but not interfaces', () => {
    const c = ctxOf(fixture('report-003-vyos-biglobe.txt')).linux.coverage;
    expect(c.vyosCovers('set nat source')).toBe(true);
    expect(c.vyosCovers('set interfaces ')).toBe(false);
    expect(c.addresses).toBe(true);
    expect(c.nftRuleset).toBe(false);
  });
  it("treats grep -E 'a|b' as alternatives and an unreadable filter as covering nothing", () => {
    const text = (filter: string) => `vyos@vyos:~$ show configuration commands | ${filter}\nset nat source rule 1 translation address 'masquerade'\n`;
    expect(ctxOf(text("grep -E 'nat|tunnel'")).linux.coverage.vyosCovers('set interfaces tunnel')).toBe(true);
    expect(ctxOf(text("grep -E 'nat|tunnel'")).linux.coverage.vyosCovers('set protocols static route ')).toBe(false);
    expect(ctxOf(text("grep '^set n.t'")).linux.coverage.vyosCovers('set nat source')).toBe(false);
    expect(ctxOf(text('no-more')).linux.coverage.vyosCovers('set protocols static route ')).toBe(true);
  });
});

describe('pings', () => {
  it('reads iputils and busybox summaries and resolution errors', () => {
    const text = [
      'root@ce:~# ping -6 -c 2 -I eth1 2404:9200:225:100::64',
      '2 packets transmitted, 0 received, 100% packet loss, time 1001ms',
      'root@OpenWrt:~# ping6 -c 3 2001:380:a120::9',
      '3 packets transmitted, 3 packets received, 0% packet loss',
      'root@ce:~# ping -6 gw.transix.jp',
      'ping: gw.transix.jp: Name or service not known',
      'root@ce:~# ping -c 1 8.8.8.8',
      'connect: Network is unreachable',
    ].join('\n');
    const pings = ctxOf(text).linux.pings;
    expect(pings.map((p) => [p.target, p.family, p.transmitted, p.received])).toEqual([
      ['2404:9200:225:100::64', 6, 2, 0],
      ['2001:380:a120::9', 6, 3, 3],
      ['gw.transix.jp', 6, 0, 0],
      ['8.8.8.8', 4, 0, 0],
    ]);
    expect(pings[0]!.evidence.lines).toEqual([2]);
    expect(pings[2]!.error).toContain('Name or service not known');
  });
});

describe('transcript reading', () => {
  it('keeps the user\u2019s line numbers and gathers the set lines typed at the VyOS # prompt', () => {
    const text = fixture('report-003-vyos-biglobe.txt');
    const outputs = linuxTranscriptOutputs(text);
    const typed = outputs.find((o) => o.command === TYPED_SET)!;
    expect(typed.firstLine).toBe(1);
    const r = run(text);
    const typedEvidence = only(r, 'PORTSET_PARTIAL').evidence.find((e) => e.command === TYPED_SET)!;
    expect(linesOf(text, typedEvidence.lines).every((l) => l.startsWith('vyos@vyos# set nat source rule'))).toBe(true);
  });

  it('marks commands that failed (not root, not installed) as errors, not as empty facts', () => {
    const outputs = linuxTranscriptOutputs('user@ce:~$ nft list ruleset\nOperation not permitted (you must be root)\nuser@ce:~$ ip -6 tunnel show\n' + TUNNEL4 + '\n');
    expect(outputs.map((o) => [o.command, o.status])).toEqual([
      ['nft list ruleset', 'error'],
      ['ip -6 tunnel show', 'ok'],
    ]);
  });

  it('VyOS configuration alone: VyOS fixes, and ICMP left to nft because VyOS cannot give ICMP ports', () => {
    const text = fixture('vyos-v6plus-config.txt');
    const r = run(text);
    expect(codes(r).filter((c) => c !== 'SERVICE_UNKNOWN_PREFIX').sort()).toEqual(['ENCAPLIMIT_PRESENT', 'ICMP_NOT_TRANSLATED']);
    expect(only(r, 'ENCAPLIMIT_PRESENT').fix).toMatchObject({
      commands: ['configure', "set interfaces tunnel tun0 parameters ipv6 encaplimit 'none'", 'commit', 'exit'],
      inverse: ['configure', 'delete interfaces tunnel tun0 parameters ipv6 encaplimit', 'commit', 'exit'],
    });
    const fixed = run(text.replace("set interfaces tunnel tun0 mtu '1460'", "set interfaces tunnel tun0 mtu '1460'\nset interfaces tunnel tun0 parameters ipv6 encaplimit 'none'"));
    expect(codes(fixed)).toEqual(['ICMP_NOT_TRANSLATED']);
  });

  it('VyOS configuration: a disabled tunnel, MTU 1500 and no default route get VyOS commands', () => {
    let text = fixture('vyos-v6plus-config.txt');
    text = mutate(text, "set interfaces tunnel tun0 mtu '1460'", "set interfaces tunnel tun0 mtu '1500'\nset interfaces tunnel tun0 disable");
    text = mutate(text, 'set protocols static route 0.0.0.0/0 interface tun0\n', '');
    const r = run(text);
    expect(only(r, 'TUNNEL_DISABLED').fix?.commands).toEqual(['configure', 'delete interfaces tunnel tun0 disable', 'commit', 'exit']);
    expect(only(r, 'TUNNEL_MTU_TOO_LARGE').fix?.inverse).toEqual(['configure', "set interfaces tunnel tun0 mtu '1500'", 'commit', 'exit']);
    expect(only(r, 'DEFAULT_ROUTE_NOT_TUNNEL').fix?.commands).toEqual(['configure', 'set protocols static route 0.0.0.0/0 interface tun0', 'commit', 'exit']);
  });

  it('VyOS configuration: missing CE address and missing NAT get VyOS commands', () => {
    let text = fixture('vyos-v6plus-config.txt');
    text = text.replace(/^set interfaces ethernet eth1 address .*\n/m, '');
    text = text.replace(/^set nat source rule .*\n/gm, '');
    const r = run(text);
    expect(only(r, 'CE_ADDRESS_NOT_ASSIGNED').fix?.commands).toEqual([
      'configure',
      "set interfaces ethernet eth1 address '240b:13:1a65:a100:e:91a:6500:a100/128'",
      'commit',
      'exit',
    ]);
    const nat = only(r, 'NAT_DESCRIPTOR_MISSING').fix!;
    expect(nat.commands.filter((c) => c.endsWith("translation address '14.9.26.101'"))).toHaveLength(15);
    expect(nat.commands.filter((c) => c.startsWith('delete'))).toEqual([]);
  });
});

describe('VyOS static route to the BR without a next hop', () => {
  it('BR_ROUTE_ONLINK is fixed in the VyOS configuration', () => {
    const text = fixture('vyos-v6plus-config.txt').replace(
      'set protocols static route 0.0.0.0/0 interface tun0',
      'set protocols static route 0.0.0.0/0 interface tun0\nset protocols static route6 2404:9200:225:100::64/128 interface eth1\nset protocols static route6 ::/0 next-hop fe80::1 interface eth1',
    );
    const f = only(run(text), 'BR_ROUTE_ONLINK');
    expect(f.fix?.commands).toEqual([
      'configure',
      'delete protocols static route6 2404:9200:225:100::64/128 interface eth1',
      'set protocols static route6 2404:9200:225:100::64/128 next-hop fe80::1 interface eth1',
      'commit',
      'exit',
    ]);
  });
});
