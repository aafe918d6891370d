/**
 * Pastes as people make them (test/fixtures/pastes/README.md): forum posts with prose and fences, headings instead
 * of prompts, a config without its prompt line, the same command twice, and placeholders where addresses were.
 * Each is cut into the right blocks with the user's line numbers, and diagnosed to the causes it shows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis/engine.js';
import { transcriptToInput } from '../../../shared/diagnosis/transcript.js';
import { splitRtxTranscript } from '../../../shared/diagnosis/rtx/transcript.js';

const paste = (name: string) => readFileSync(new URL(`../../fixtures/pastes/${name}`, import.meta.url), 'utf8');
const lineOf = (text: string, needle: string, from = 0) => text.split('\n').findIndex((l, i) => i >= from && l.includes(needle)) + 1;
const blocks = (text: string) => splitRtxTranscript(text).map((b) => ({ command: b.command, firstLine: b.firstLine, found: b.found }));
const codes = (text: string) => diagnose(transcriptToInput(text)).findings.map((f) => f.code);

describe('field report 000 pasted as the blog post it is', () => {
  const text = paste('seed-000-forum-post.md');
  const result = diagnose(transcriptToInput(text));
  const byCode = (code: string) => result.findings.find((f) => f.code === code);

  it('finds every block: both status captures, the config without its prompt, DHCPv6 and the log', () => {
    const firstIpip = lineOf(text, 'show status ipip');
    const secondIpip = lineOf(text, 'show status ipip', firstIpip);
    expect(blocks(text)).toEqual([
      { command: 'show status ipip', firstLine: firstIpip + 1, found: 'command' },
      { command: 'show config', firstLine: lineOf(text, '# RTX1300 Rev.23.00.04'), found: 'config-header' },
      { command: 'show status ipv6 dhcp', firstLine: lineOf(text, 'show status ipv6 dhcp') + 1, found: 'command' },
      { command: 'show status ipip', firstLine: secondIpip + 1, found: 'command' },
      { command: 'show log', firstLine: lineOf(text, '2022/12/13 01:42:39: Restart'), found: 'log-lines' },
    ]);
    // Prose after a block is not its output: the first status ends at its fence.
    const [first] = splitRtxTranscript(text);
    expect(first?.output.trim().split('\n').at(-1)).toBe('  Remote endpoint address: 2404:9200:255:100::65');
    expect(first?.output).not.toContain('tunnel select 1');
  });

  it('names the typo BR and the filter, with the device read from the config header', () => {
    expect(result.device).toEqual({ model: 'RTX1300', firmware: '23.00.04' });
    expect(result.service?.id).toBe('v6plus-fixed');
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => f.code).sort()).toEqual(['BR_ADDRESS_WRONG', 'IPV4_FILTER_LAN_MISMATCH', 'TUNNEL_NO_RX']);
    const br = byCode('BR_ADDRESS_WRONG');
    expect(br?.data).toMatchObject({ expected: '2404:9200:225:100::65', configured: '2404:9200:255:100::65', distance: 1 });
    expect(br?.explanation.ja).toContain('2404:9200:225:100::65');
    // The config's placeholder is redacted: the fix and its undo use the address the status showed.
    expect(br?.fix?.commands).toEqual(['tunnel select 1', 'tunnel endpoint address 2404:9200:225:100::65']);
    expect(br?.fix?.inverse).toEqual(['tunnel select 1', 'tunnel endpoint address 2404:9200:255:100::65']);
    const status = br?.evidence.find((e) => e.command === 'show status ipip');
    expect(status).toEqual({ command: 'show status ipip', lines: [lineOf(text, 'Remote endpoint address: 2404:9200:255:100::65')], excerpt: ['  Remote endpoint address: 2404:9200:255:100::65'] });
    const filter = byCode('IPV4_FILTER_LAN_MISMATCH');
    expect(filter?.fix?.commands).toEqual(['ip filter 200030 pass * 192.168.182.0/24 icmp * *']);
    expect(filter?.evidence[0]?.lines).toContain(lineOf(text, 'ip filter 200030 pass * 192.168.100.0/24'));
  });

  it('TUNNEL_NO_RX takes the counters of the latest capture and the remote the tunnel really had, never the placeholder', () => {
    const f = byCode('TUNNEL_NO_RX');
    expect(f?.data).toMatchObject({ tunnel: 1, txPackets: 1198, rxPackets: 0, remote: '2404:9200:255:100::65' });
    expect(f?.explanation.en).toContain('(remote 2404:9200:255:100::65)');
    expect(f?.explanation.ja).not.toContain('BRアドレスが表示されている');
    const vne = f?.checklist?.find((c) => c.party === 'vne')?.item;
    expect(vne?.en).toContain('reach BR 2404:9200:255:100::65');
    expect(vne?.en).not.toMatch(/CE \?|\(BR/);
    // Each capture keeps its own line numbers: the latest for the counters, the first for the address.
    const lines = f?.evidence.flatMap((e) => e.lines) ?? [];
    expect(lines).toContain(lineOf(text, 'Transmitted: (IPv4) 1198 packets'));
    expect(lines).toContain(lineOf(text, 'Remote endpoint address: 2404:9200:255:100::65'));
  });

  it('says the DHCPv6 prefix was hidden rather than calling it a bad prefix', () => {
    expect(result.notes.join('\n')).toContain('hidden behind a placeholder');
  });
});

describe('pastes without prompts, with headings, with repeats and placeholders', () => {
  it('【show config】 and 【show status ipip】 headings start blocks; the closing prose is not output', () => {
    const text = paste('headings-ja.txt');
    expect(blocks(text)).toEqual([
      { command: 'show config', firstLine: lineOf(text, '【show config】') + 1, found: 'heading' },
      { command: 'show status ipip', firstLine: lineOf(text, '【show status ipip】') + 1, found: 'heading' },
    ]);
    const r = diagnose(transcriptToInput(text));
    expect(r.findings.map((f) => f.code).sort()).toEqual(['BR_ADDRESS_WRONG', 'IPV4_FILTER_LAN_MISMATCH', 'TUNNEL_NO_RX']);
    const config = r.findings.find((f) => f.code === 'BR_ADDRESS_WRONG')?.evidence.find((e) => e.command === 'show config');
    expect(config?.lines).toEqual([lineOf(text, 'tunnel endpoint address 2404:9200:255:100::65')]);
  });

  it('a config without its prompt line starts at its header, and the prose after it ends it', () => {
    const text = paste('config-without-prompt.txt');
    const found = splitRtxTranscript(text);
    expect(found.map((b) => [b.command, b.firstLine])).toEqual([
      ['show config', lineOf(text, '# RTX1300 Rev.23.00.04')],
      ['show status ipip', lineOf(text, 'RTX1300> show status ipip') + 1],
    ]);
    expect(codes(text).sort()).toEqual(['BR_ADDRESS_WRONG', 'IPV4_FILTER_LAN_MISMATCH', 'TUNNEL_NO_RX']);
  });

  it('keeps every block of a repeated command with its own line numbers', () => {
    const text = paste('repeated-blocks.log');
    const ipip = splitRtxTranscript(text).filter((b) => b.command === 'show status ipip');
    expect(ipip.map((b) => b.firstLine)).toEqual([2, lineOf(text, 'RTX1300# show status ipip') + 1]);
    // The login between blocks (`RTX1300> administrator`, `Password:`) is not the DHCPv6 output.
    expect(splitRtxTranscript(text).find((b) => b.command === 'show status ipv6 dhcp')?.output).not.toContain('administrator');
    const r = diagnose(transcriptToInput(text));
    const noRx = r.findings.find((f) => f.code === 'TUNNEL_NO_RX');
    expect(noRx?.data).toMatchObject({ txPackets: 1198, remote: '2404:9200:255:100::65' });
    expect(noRx?.evidence.flatMap((e) => e.lines)).toEqual(expect.arrayContaining([12, lineOf(text, 'Transmitted: (IPv4) 1198')]));
  });

  it('placeholders are redacted, never addresses: no finding is built on one', () => {
    const text = paste('placeholders.md');
    const r = diagnose(transcriptToInput(text));
    const found = r.findings.map((f) => f.code);
    expect(found).toContain('IPV4_FILTER_LAN_MISMATCH');
    expect(found).toContain('TUNNEL_NO_RX');
    // No address was shown anywhere, so nothing can be called the wrong BR or the wrong fixed IPv4.
    expect(found).not.toContain('BR_ADDRESS_WRONG');
    expect(found).not.toContain('FIXEDIP_NAT_OUTER_MISMATCH');
    const noRx = r.findings.find((f) => f.code === 'TUNNEL_NO_RX');
    expect(noRx?.explanation.ja).toContain('宛先は貼り付けで伏せ字');
    expect(noRx?.data).toMatchObject({ remote: 'redacted' });
    for (const f of r.findings) expect(JSON.stringify(f)).not.toMatch(/BR (?:xxxx|\(伏せています\))|remote xxxx/);
  });

  it('a Linux paste with dated lines stays a Linux paste', () => {
    const text = 'user@ce:~$ ip -6 tunnel show\nmape: ipv6/ipv6 remote 2404:9200:225:100::64 local 240b:13:1a65:a100:8c:a8b0:ed00:0 encaplimit none\n2022/12/13 01:42:39: not a router log\n';
    expect(transcriptToInput(text).platform).toBe('linux');
  });
});
