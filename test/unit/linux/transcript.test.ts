import { describe, expect, it } from 'vitest';
import { parseTranscript, splitTranscript, summariseCe, portCoverage, findAssignedAddress } from '../../../shared/linux/index.js';
import { portRanges } from '../../../shared/mape/port-set.js';
import { fixture, lineOf } from './fixtures.js';

describe('splitting a terminal transcript', () => {
  it('splits on mixed prompts and keeps transcript line numbers', () => {
    const text = [
      'Last login: Fri Jan  9 10:00:00 2026 from 192.168.1.10', //   1
      'user@host:~$ ip -6 tunnel show', //                           2
      'mape: ip/ipv6 remote 2404:9200:225:100::64 local 2404:7a82:4d02:4100:85:d10d:200:4100 dev eth1 encaplimit 4 hoplimit 64 tclass 0x00 flowlabel 0x00000 (flowinfo 0x00000000)',
      '$ sudo ip -6 route', //                                       4
      '2404:9200:225:100::64 dev eth1 metric 1024 pref medium',
      '[admin@gw ~]$ sysctl net.ipv4.conf.all.rp_filter', //         6
      'net.ipv4.conf.all.rp_filter = 1',
      '# nft list ruleset', //                                       8
      'table ip vyos_nat {',
      '}',
      '# this is a shell comment, not a command',
      'vyos@vyos:~$ ', //                                           12
      '(venv) root@ce:/etc# ip route', //                           13
      'default dev mape scope link ',
    ].join('\n');
    const blocks = splitTranscript(text);
    expect(blocks.map((b) => [b.prompt, b.command, b.startLine, b.outputStartLine])).toEqual([
      ['', '', 1, 1],
      ['user@host:~$', 'ip -6 tunnel show', 2, 3],
      ['$', 'sudo ip -6 route', 4, 5],
      ['[admin@gw ~]$', 'sysctl net.ipv4.conf.all.rp_filter', 6, 7],
      ['#', 'nft list ruleset', 8, 9],
      ['(venv) root@ce:/etc#', 'ip route', 13, 14],
    ]);
    expect(blocks[4]!.output).toBe('table ip vyos_nat {\n}\n# this is a shell comment, not a command');

    const r = parseTranscript(text);
    expect(r.problems).toEqual([]);
    expect(r.parsed.map((p) => p.kind)).toEqual(['ip-tunnel', 'ip-route', 'sysctl', 'nft', 'ip-route']);
    const route = r.parsed[1]!;
    expect(route.kind === 'ip-route' && route.result.routes[0]).toMatchObject({ family: 'inet6', via: null, evidence: { command: 'sudo ip -6 route', lines: [5] } });
    const tunnel = r.parsed[0]!;
    expect(tunnel.kind === 'ip-tunnel' && tunnel.result.tunnels[0]!.evidence).toEqual({ command: 'ip -6 tunnel show', lines: [3] });
    expect(r.blocks[0]!.outcome).toBeNull();
  });

  it('reads field report 003 from its VyOS session', () => {
    const text = fixture('report003/transcript.txt');
    const r = parseTranscript(text);
    expect(r.problems).toEqual([]);
    expect(r.blocks.filter((b) => b.outcome?.ok).map((b) => b.command)).toEqual([
      'ip -6 tunnel show',
      'ip -s link show mape',
      'ip route show',
      'ip -6 route show dev eth1',
      'ip -6 addr',
      'sudo nft list table ip vyos_nat',
      'sysctl net.ipv4.conf.all.rp_filter net.ipv4.conf.mape.rp_filter',
      'show configuration commands | match nat',
    ]);
    // ping, configure, commit, exit: not evidence, not problems.
    expect(r.blocks.find((b) => b.command.startsWith('ping'))!.outcome).toBeNull();

    const facts = summariseCe(r.parsed);
    const mape = facts.tunnels.find((t) => t.name === 'mape')!;
    expect(mape).toMatchObject({ encapLimit: 4, remote: '2404:9200:225:100::64', up: true, mtu: 1452 });
    expect(mape.stats).toMatchObject({ rxPackets: 0, txPackets: 301 });
    expect(mape.evidence[0]).toEqual({ command: 'ip -6 tunnel show', lines: [lineOf(text, 'mape: ip/ipv6')] });
    expect(findAssignedAddress(facts, mape.local!)).toBeNull();
    expect(facts.routes.ipv6.find((x) => x.destination === '2404:9200:225:100::64/128')).toMatchObject({ dev: 'eth1', via: 'fe80::a611:bbff:fe7d:ee11' });
    expect(portCoverage(facts.snat.byProtocol.udp.ranges, portRanges(65, 8, 4)).covered).toBe(16);
    expect(facts.snat.byProtocol.icmp.untranslated).toBe(true);
    const typed = facts.snat.rules.find((x) => x.evidence.lines?.includes(lineOf(text, "vyos@vyos# set nat source rule 210")));
    expect(typed).toBeDefined();
  });

  it('reads the healthy CE session with sudo and a root shell', () => {
    const text = fixture('healthy/transcript.txt');
    const r = parseTranscript(text);
    expect(r.problems).toEqual([]);
    const facts = summariseCe(r.parsed);
    for (const p of ['tcp', 'udp', 'icmp'] as const) expect(facts.snat.byProtocol[p].portCount).toBe(240);
    const rule = facts.snat.rules.at(-1)!;
    expect(rule.evidence).toEqual({ command: 'nft list ruleset', lines: [lineOf(text, '62480-62495')] });
    expect(facts.rpFilter.find((x) => x.iface === 'all')!.evidence[0]).toEqual({ command: 'sysctl -a 2>/dev/null | grep rp_filter', lines: [lineOf(text, 'net.ipv4.conf.all.rp_filter = 2')] });
  });

  it('strips colour escapes from prompts and outputs', () => {
    const text = '\x1b]0;user@host: ~\x07\x1b[01;32muser@host\x1b[00m:\x1b[01;34m~\x1b[00m$ ip -c route\r\n\x1b[32mdefault \x1b[0mdev \x1b[36mmape \x1b[0mscope link \r\n';
    const r = parseTranscript(text);
    expect(r.blocks[0]).toMatchObject({ command: 'ip -c route', startLine: 1 });
    const p = r.parsed[0]!;
    expect(p.kind === 'ip-route' && p.result.routes[0]).toMatchObject({ destination: 'default', dev: 'mape', evidence: { lines: [2] } });
  });

  it('reports a known command whose output cannot be read', () => {
    const r = parseTranscript('$ ip -j route\n[{"dst":"default","dev":"ma');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/cut off/);
  });
});

describe('a Linux paste inside a forum post', () => {
  it('ends a block at a Markdown fence, so the prose after it is no command output', () => {
    const text = ['```', 'user@ce:~$ ip -6 route', 'default via fe80::1 dev eth0 proto ra metric 100', '```', '', 'これでIPv6は通っています。', '```', 'user@ce:~$ ip -6 tunnel show', '```'].join('\n');
    const blocks = splitTranscript(text);
    const route = blocks.find((b) => b.command === 'ip -6 route');
    expect(route?.output).toBe('default via fe80::1 dev eth0 proto ra metric 100');
    expect(route?.outputStartLine).toBe(3);
    expect(blocks.find((b) => b.command === '')?.output).toContain('これでIPv6は通っています。');
  });
});
