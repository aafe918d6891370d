import { describe, expect, it } from 'vitest';
import { classifyCommand, parseAnyOutput, parseCommandOutput, sniffKind } from '../../../shared/linux/index.js';
import { fixture } from './fixtures.js';

describe('choosing the parser', () => {
  it('classifies commands as users type them', () => {
    expect(classifyCommand('sudo /sbin/ip -6 tunnel show')).toMatchObject({ kind: 'ip-tunnel' });
    expect(classifyCommand('ip -j -d link show')).toMatchObject({ kind: 'ip-link', json: true });
    expect(classifyCommand('ip a')).toMatchObject({ kind: 'ip-addr' });
    expect(classifyCommand('ip -6 r show dev eth1')).toEqual({ kind: 'ip-route', json: false, family: 'inet6', dev: 'eth1' });
    expect(classifyCommand('ip -f inet6 route')).toMatchObject({ family: 'inet6' });
    expect(classifyCommand('sudo nft -j list ruleset')).toEqual({ kind: 'nft', json: true });
    expect(classifyCommand('nft list table ip vyos_nat')).toMatchObject({ kind: 'nft' });
    expect(classifyCommand('sysctl -a | grep rp_filter')).toMatchObject({ kind: 'sysctl' });
    expect(classifyCommand('run show configuration commands | match nat')).toMatchObject({ kind: 'vyos-config' });
    expect(classifyCommand('ip -br addr')).toMatchObject({ kind: 'ip-addr', unsupported: expect.stringMatching(/-br/) });
    expect(classifyCommand('ip route add default dev mape')).toBeNull();
    expect(classifyCommand('nft add rule ip mape x accept')).toBeNull();
    expect(classifyCommand('ping 8.8.8.8')).toBeNull();
  });

  it('recognises pasted output without a command', () => {
    expect(sniffKind(fixture('healthy/nft-list-ruleset.txt'))).toMatchObject({ kind: 'nft' });
    expect(sniffKind(fixture('healthy/nft-j-list-ruleset.json'))).toMatchObject({ kind: 'nft', json: true });
    expect(sniffKind(fixture('report003/ip-6-addr.txt'))).toMatchObject({ kind: 'ip-addr' });
    expect(sniffKind(fixture('report003/ip-d-link-show.txt'))).toMatchObject({ kind: 'ip-link' });
    expect(sniffKind(fixture('report003/ip-6-tunnel-show.txt'))).toMatchObject({ kind: 'ip-tunnel' });
    expect(sniffKind(fixture('report003/ip-6-route.txt'))).toMatchObject({ kind: 'ip-route' });
    expect(sniffKind(fixture('report003/vyos-show-configuration-commands.txt'))).toMatchObject({ kind: 'vyos-config' });
    expect(sniffKind(fixture('report003/ip-j-6-addr.json'))).toMatchObject({ kind: 'ip-addr', json: true });
    expect(sniffKind('hello world')).toBeNull();
  });

  it('reads JSON pasted under a text command, and the other way round', () => {
    const r = parseCommandOutput('ip -6 addr', fixture('healthy/ip-j-6-addr.json'));
    expect(r.ok && r.parsed.kind === 'ip-addr' && r.parsed.result.addresses.length).toBe(5);
    const t = parseCommandOutput('ip -j route', fixture('healthy/ip-route.txt'));
    expect(t.ok && t.parsed.kind === 'ip-route' && t.parsed.result.routes.length).toBe(2);
  });

  it('treats empty output as an empty (meaningful) result', () => {
    const r = parseCommandOutput('nft list ruleset', '');
    expect(r.ok && r.parsed.kind === 'nft' && r.parsed.result.tables).toEqual([]);
  });

  it('explains what went wrong', () => {
    expect(parseAnyOutput('hello world')).toMatchObject({ ok: false, code: 'unrecognised' });
    expect(parseCommandOutput('ip -6 addr', 'bash: ip: command not found')).toMatchObject({ ok: false, code: 'unrecognised', message: expect.stringMatching(/ip -6 addr/) });
    expect(parseCommandOutput('ip -br a', 'eth0 UP 192.168.1.1/24')).toMatchObject({ ok: false, code: 'unsupported' });
    expect(parseCommandOutput('nft -j list ruleset', '{"foo": 1}')).toMatchObject({ ok: false, code: 'unexpected-json' });
    const notes = parseCommandOutput('ip -6 route', 'default via fe80::1 dev eth1\nsome junk\n');
    expect(notes.ok && notes.notes[0]).toMatch(/line 2/);
  });
});
