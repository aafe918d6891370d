/**
 * Field report 000 (RTX1300, v6plus fixed IP): the tunnel says "Online", sends 10 packets and receives none,
 * because the BR was typed 2404:9200:255:100::65 for 2404:9200:225:100::65; and the tunnel's ICMP filter
 * names 192.168.100.0/24 on a 192.168.182.0/24 LAN. Read as a transcript built from the outputs.
 */
import { describe, expect, it } from 'vitest';
import { diagnose, diagnosisJson } from '../../../../shared/diagnosis/engine.js';
import { loadCase, transcriptInput } from './fixtures.js';

const input = transcriptInput(loadCase('field-000'));
const result = diagnose(input);
const byCode = (code: string) => result.findings.filter((f) => f.code === code);

describe('field report 000 as a transcript', () => {
  it('identifies the device and the service without being told', () => {
    expect(result.device).toEqual({ model: 'RTX1300', firmware: '23.00.04' });
    expect(result.service).toEqual({
      id: 'v6plus-fixed',
      provider: 'v6plus fixed IP service',
      prefix: '240b:11:b901:1800::/56',
      ceAddress: '240b:11:b901:1800:1b:5936:1800:0',
      br: '2404:9200:225:100::65',
    });
  });

  it('reports exactly the three errors of the field report and nothing at warning level', () => {
    const serious = result.findings.filter((f) => f.severity !== 'info').map((f) => f.code);
    expect(serious.sort()).toEqual(['BR_ADDRESS_WRONG', 'IPV4_FILTER_LAN_MISMATCH', 'TUNNEL_NO_RX']);
    expect(result.notes).toEqual([]);
  });

  it('BR_ADDRESS_WRONG names 2404:9200:225:100::65 and explains the one-digit typo', () => {
    const [f] = byCode('BR_ADDRESS_WRONG');
    expect(f?.severity).toBe('error');
    expect(f?.explanation.en).toContain('2404:9200:225:100::65');
    expect(f?.explanation.en).toContain('one character');
    expect(f?.explanation.en).toContain('group 3 reads 255 where 225 is expected');
    expect(f?.explanation.ja).toContain('2404:9200:225:100::65');
    expect(f?.data).toMatchObject({ expected: '2404:9200:225:100::65', configured: '2404:9200:255:100::65', distance: 1 });
    expect(f?.fix).toEqual({
      target: 'rtx',
      commands: ['tunnel select 1', 'tunnel endpoint address 2404:9200:225:100::65'],
      inverse: ['tunnel select 1', 'tunnel endpoint address 2404:9200:255:100::65'],
      check: { kind: 'tunnel-rx', tunnel: '1' },
      summary: expect.anything(),
    });
  });

  it('points the evidence at the user’s own transcript lines', () => {
    const [f] = byCode('BR_ADDRESS_WRONG');
    const config = f?.evidence.find((e) => e.command === 'show config');
    expect(config?.excerpt).toEqual([' tunnel endpoint address 2404:9200:255:100::65']);
    // `show config` is the first block: its output starts on transcript line 2 (line 1 is the prompt).
    expect(config?.lines).toEqual([2 + 28 - 1]);
    const status = f?.evidence.find((e) => e.command === 'show status ipip');
    expect(status?.excerpt).toEqual(['  Remote endpoint address: 2404:9200:255:100::65']);
  });

  it('TUNNEL_NO_RX is the symptom, linked to its causes', () => {
    const [f] = byCode('TUNNEL_NO_RX');
    expect(f?.causes).toEqual(expect.arrayContaining(['BR_ADDRESS_WRONG', 'IPV4_FILTER_LAN_MISMATCH']));
    expect(f?.data).toMatchObject({ tunnel: 1, txPackets: 10, rxPackets: 0 });
    expect(f?.evidence[0]?.excerpt).toEqual(
      expect.arrayContaining(['  Received:    (IPv4) 0 packet [0 octet]', '  Transmitted: (IPv4) 10 packets [520 octets]']),
    );
    expect(f?.checklist?.[0]?.party).toBe('vne');
  });

  it('IPV4_FILTER_LAN_MISMATCH rewrites filter 200030 to the real LAN and can put it back', () => {
    const [f] = byCode('IPV4_FILTER_LAN_MISMATCH');
    expect(f?.explanation.en).toContain('192.168.182.0/24');
    expect(f?.fix?.commands).toEqual(['ip filter 200030 pass * 192.168.182.0/24 icmp * *']);
    expect(f?.fix?.inverse).toEqual(['ip filter 200030 pass * 192.168.100.0/24 icmp * *']);
    expect(f?.evidence[0]?.excerpt).toEqual(expect.arrayContaining(['ip filter 200030 pass * 192.168.100.0/24 icmp * *', 'ip lan1 address 192.168.182.1/24']));
  });

  it('never puts save in a plan, and the JSON carries codes, evidence and fixes', () => {
    for (const f of result.findings) {
      expect(f.fix?.commands ?? []).not.toContain('save');
      expect(f.evidence.length).toBeGreaterThan(0);
    }
    const json = diagnosisJson(result);
    expect(json.findings.map((f) => f.code)).toContain('BR_ADDRESS_WRONG');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('with the notice giving the BR, the notice is the source', () => {
    const r = diagnose(transcriptInput(loadCase('field-000'), { br: '2404:9200:225:100::65', fixedIpv4: '27.89.54.24', interfaceId: '::1b:5936:1800:0' }));
    const f = r.findings.find((x) => x.code === 'BR_ADDRESS_WRONG');
    expect(f?.data).toMatchObject({ source: 'notice', expected: '2404:9200:225:100::65' });
    expect(r.findings.map((x) => x.code)).not.toContain('FIXEDIP_NAT_OUTER_MISMATCH');
    expect(r.findings.map((x) => x.code)).not.toContain('CE_ADDRESS_WRONG');
  });
});
