import { describe, expect, it } from 'vitest';
import { transcriptToInput } from '../../../../shared/diagnosis/transcript.js';
import { diagnose } from '../../../../shared/diagnosis/engine.js';
import { calculateMapE } from '../../../../shared/mape/index.js';
import { codes, fixture, linesOf, only, run } from './helpers.js';

/** Field report 003: VyOS MAP-E on a BIGLOBE line, set up by hand (seeds/003). */
const TEXT = fixture('report-003-vyos-biglobe.txt');
const BIGLOBE_BR = '2001:260:700:1::1:275';
const CE = '2404:7a82:4d02:4100:85:d10d:200:4100';

describe('field report 003 (VyOS, BIGLOBE, transcript)', () => {
  const r = run(TEXT);

  it('names every cause the report shows', () => {
    expect(codes(r)).toEqual(
      expect.arrayContaining(['BR_ADDRESS_WRONG', 'ENCAPLIMIT_PRESENT', 'CE_ADDRESS_NOT_ASSIGNED', 'PORTSET_PARTIAL', 'ICMP_NOT_TRANSLATED']),
    );
  });

  it('reports the symptom with those causes and nothing that is not there', () => {
    const noRx = only(r, 'TUNNEL_NO_RX');
    expect(noRx.causes).toEqual(expect.arrayContaining(['BR_ADDRESS_WRONG', 'ENCAPLIMIT_PRESENT', 'CE_ADDRESS_NOT_ASSIGNED']));
    // The route to the BR already has a gateway, the default route enters the tunnel, MTU 1452 is fine.
    expect(codes(r)).not.toContain('BR_ROUTE_ONLINK');
    expect(codes(r)).not.toContain('DEFAULT_ROUTE_NOT_TUNNEL');
    expect(codes(r)).not.toContain('TUNNEL_MTU_TOO_LARGE');
    expect(codes(r)).not.toContain('CE_ADDRESS_WRONG');
    expect(codes(r)).not.toContain('PORTSET_OUTSIDE');
    // Only `nft list table ip vyos_nat` and a grep of the config were shown: no conclusion about MSS clamping.
    expect(codes(r)).not.toContain('MSS_CLAMP_MISSING');
    expect(codes(r)).not.toContain('NAT_DESCRIPTOR_MISSING');
  });

  it('BR_ADDRESS_WRONG names the BIGLOBE BR, quotes the tunnel line and fixes it with its exact inverse', () => {
    const f = only(r, 'BR_ADDRESS_WRONG');
    expect(f.explanation.en).toContain(BIGLOBE_BR);
    expect(f.explanation.ja).toContain(BIGLOBE_BR);
    expect(f.explanation.en).toContain('2404:9200:225:100::64');
    expect(f.data).toMatchObject({ expected: BIGLOBE_BR, configured: '2404:9200:225:100::64', service: 'biglobe' });
    const e = f.evidence[0]!;
    expect(e.command).toBe('ip -6 tunnel show');
    expect(linesOf(TEXT, e.lines)[0]).toMatch(/^mape: ip\/ipv6 remote 2404:9200:225:100::64/);
    expect(e.excerpt).toEqual(linesOf(TEXT, e.lines));
    expect(f.fix).toMatchObject({
      target: 'linux',
      commands: [`ip -6 tunnel change mape remote ${BIGLOBE_BR}`],
      inverse: ['ip -6 tunnel change mape remote 2404:9200:225:100::64'],
      check: { kind: 'tunnel-rx', tunnel: 'mape' },
    });
  });

  it('ENCAPLIMIT_PRESENT sets encaplimit none (inverse: back to 4)', () => {
    const f = only(r, 'ENCAPLIMIT_PRESENT');
    expect(f.fix?.commands).toEqual(['ip -6 tunnel change mape encaplimit none']);
    expect(f.fix?.inverse).toEqual(['ip -6 tunnel change mape encaplimit 4']);
    expect(f.evidence.flatMap((e) => e.excerpt).join('\n')).toContain('encaplimit 4');
  });

  it('CE_ADDRESS_NOT_ASSIGNED adds the CE as /128 on the WAN the tunnel uses', () => {
    const f = only(r, 'CE_ADDRESS_NOT_ASSIGNED');
    expect(f.explanation.en).toContain(CE);
    expect(f.fix?.commands).toEqual([`ip -6 addr add ${CE}/128 dev eth1`]);
    expect(f.fix?.inverse).toEqual([`ip -6 addr del ${CE}/128 dev eth1`]);
    expect(f.evidence.map((e) => e.command)).toContain('ip -6 addr');
  });

  it('PORTSET_PARTIAL counts 16 of 240 ports and replaces the VyOS rules with one per block', () => {
    const f = only(r, 'PORTSET_PARTIAL');
    const m = calculateMapE(CE);
    expect(f.data).toMatchObject({ portsCovered: 16, portsTotal: 240, blocksUsed: 1, blocksTotal: 15, ipv4: '133.209.13.2' });
    expect(f.explanation.en).toContain('5136-5151');
    expect(f.explanation.en).toContain('9232-9247');
    // Evidence: the VyOS config lines and the vyos_nat listing.
    const cmds = f.evidence.map((e) => e.command);
    expect(cmds).toContain('show configuration commands | grep nat');
    expect(cmds).toContain('sudo nft list table ip vyos_nat');
    const fix = f.fix!;
    expect(fix.commands[0]).toBe('configure');
    expect(fix.commands.at(-2)).toBe('commit');
    expect(fix.commands).not.toContain('save');
    expect(fix.commands).toContain('delete nat source rule 200');
    expect(fix.commands).toContain('delete nat source rule 210');
    for (const [s, e] of m.portRanges) expect(fix.commands).toContain(`set nat source rule ${1000 + m.portRanges.findIndex(([a]) => a === s)} translation port '${s}-${e}'`);
    // The inverse deletes the new rules and re-creates the old ones from the user's own lines.
    expect(fix.inverse).toContain('delete nat source rule 1014');
    expect(fix.inverse).toContain("set nat source rule 200 source address '192.168.1.0/24'");
    expect(fix.inverse).toContain("set nat source rule 210 translation port '5136-5151'");
  });

  it('ICMP_NOT_TRANSLATED uses nft (VyOS set nat refuses ports for ICMP) over every block', () => {
    const f = only(r, 'ICMP_NOT_TRANSLATED');
    expect(f.explanation.en).toMatch(/ICMP/);
    const rules = f.fix!.commands.filter((c) => c.includes('snat ip to'));
    expect(rules).toHaveLength(15);
    expect(rules.every((c) => c.includes('meta l4proto icmp'))).toBe(true);
    expect(rules[0]).toContain('133.209.13.2:5136-5151');
    expect(f.fix!.inverse).toEqual([
      'nft delete chain ip ipoe_doctor snat_port_blocks',
      'nft delete chain ip ipoe_doctor mark_local',
      'nft delete chain ip ipoe_doctor mark_forwarded',
      "nft list table ip ipoe_doctor | grep -q '^[[:space:]]*chain ' || nft delete table ip ipoe_doctor",
    ]);
    expect(f.fix!.summary.en).toContain('vyos-postconfig-bootup.script');
  });

  it('gives the same causes through the shared transcript reader (no typed set lines there)', () => {
    const viaShared = diagnose(transcriptToInput(TEXT));
    expect(viaShared.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['BR_ADDRESS_WRONG', 'ENCAPLIMIT_PRESENT', 'CE_ADDRESS_NOT_ASSIGNED', 'PORTSET_PARTIAL', 'ICMP_NOT_TRANSLATED']),
    );
  });
});
