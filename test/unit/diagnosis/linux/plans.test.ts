import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nftPortSetCommands, vyosPortSetPlan } from '../../../../shared/diagnosis/linux/common.js';
import { calculateMapE } from '../../../../shared/mape/index.js';
import { codes, dropLines, fixture, only, run } from './helpers.js';

/** What `nft list ruleset` would print after running the plan's `nft add …` commands (enough for the parser). */
function listingOf(commands: readonly string[]): string {
  const chains = new Map<string, { head: string; rules: string[] }>();
  let table = '';
  for (const c of commands) {
    const cmd = c.replace(/^nft '?|'$/g, '');
    let m = /^add table (\w+ \w+)$/.exec(cmd);
    if (m) table = m[1]!;
    m = /^add chain \w+ \w+ (\w+) \{ (.*) \}$/.exec(cmd);
    if (m) chains.set(m[1]!, { head: m[2]!, rules: [] });
    m = /^add rule \w+ \w+ (\w+) (.*)$/.exec(cmd);
    if (m) chains.get(m[1]!)!.rules.push(m[2]!);
  }
  const body = [...chains].map(([name, c]) => `\tchain ${name} {\n\t\t${c.head}\n${c.rules.map((r) => `\t\t${r}`).join('\n')}\n\t}`).join('\n');
  return `table ${table} {\n${body}\n}\n`;
}

const V6PLUS = fixture('healthy-v6plus-nft.txt');
const SNAT_LINE = /snat ip to 14\.9\.26\.101/;

describe('fix plans undo the finding they fix', () => {
  it('kernel nft: the PORTSET_PARTIAL plan, once applied, leaves no port-set finding', () => {
    const firstOnly = V6PLUS.split('\n').filter((l, i, all) => !SNAT_LINE.test(l) || all.findIndex((x) => SNAT_LINE.test(x)) === i).join('\n');
    const fix = only(run(firstOnly), 'PORTSET_PARTIAL').fix!;
    const applied = firstOnly.replace('root@ce:~# ping -6', `${listingOf(fix.commands)}root@ce:~# ping -6`);
    const after = codes(run(applied));
    expect(after).not.toContain('PORTSET_PARTIAL');
    expect(after).not.toContain('PORTSET_OUTSIDE');
    expect(after).not.toContain('ICMP_NOT_TRANSLATED');
  });

  it('VyOS: the report-003 PORTSET_PARTIAL plan, typed in, leaves only ICMP (which VyOS cannot do)', () => {
    const text = fixture('report-003-vyos-biglobe.txt');
    const fix = only(run(text), 'PORTSET_PARTIAL').fix!;
    const setLines = fix.commands.filter((c) => c.startsWith('set '));
    const deleted = new Set(fix.commands.flatMap((c) => /^delete nat source rule (\d+)$/.exec(c)?.[1] ?? []));
    // The configuration after commit: the user's NAT lines minus the deleted rules, plus the plan's set lines
    // (in place of the `show configuration commands | grep nat` output, lines 62-70), without the typed lines and
    // without the stale vyos_nat listing (VyOS regenerates it on commit).
    const lines = text.split('\n');
    const kept = lines.slice(61, 70).filter((l) => !deleted.has(/rule (\d+)/.exec(l)?.[1] ?? ''));
    const rebuilt = [...lines.slice(0, 61), ...kept, ...setLines, ...lines.slice(70)].join('\n');
    const after = run(dropLines(rebuilt.replace(/vyos@vyos:~\$ sudo nft list table ip vyos_nat\n[\s\S]*?(?=vyos@vyos:~\$ ping)/, ''), /^vyos@vyos# set /));
    expect(codes(after)).not.toContain('PORTSET_PARTIAL');
    expect(codes(after)).toContain('ICMP_NOT_TRANSLATED');
  });

  it('ENCAPLIMIT_PRESENT and BR_ADDRESS_WRONG plans are exact inverses of each other', () => {
    const r = run(fixture('report-003-vyos-biglobe.txt'));
    for (const code of ['ENCAPLIMIT_PRESENT', 'BR_ADDRESS_WRONG', 'CE_ADDRESS_NOT_ASSIGNED'] as const) {
      const fix = only(r, code).fix!;
      expect(fix.commands).toHaveLength(fix.inverse.length);
      expect(fix.commands.some((c) => c.includes('save'))).toBe(false);
    }
  });
});

describe('plan shapes over every MAP-E rule (property)', () => {
  // /31 rules (v6plus, BIGLOBE): bit 31 and hextet 3 are IPv4 bits, the high byte of hextet 4 is the PSID.
  const slash31 = fc
    .tuple(fc.constantFrom(['240b', 0x10], ['240b', 0x12], ['240b', 0x250], ['240b', 0x252], ['2404', 0x7a80], ['2404', 0x7a84]), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 255 }))
    .map(([[h1, h2], bit, h3, psid]) => `${h1}:${(Number(h2) | bit).toString(16)}:${h3.toString(16)}:${(psid << 8).toString(16)}::/56`);
  // OCN /38 rules under 2400:4050::/32: PSID is 6 bits.
  const ocn = fc.tuple(fc.integer({ min: 0, max: 0x3fff }), fc.integer({ min: 0, max: 0x3f })).map(([h3, psid]) => `2400:4050:${h3.toString(16)}:${(psid << 8).toString(16)}::/56`);
  const prefixes = fc.oneof(slash31, ocn);

  it('nft: one SNAT rule per block, marks offset..offset+N-1, every block exactly once', () => {
    fc.assert(
      fc.property(prefixes, (p) => {
        let m;
        try {
          m = calculateMapE(p);
        } catch {
          return; // a generated prefix outside every rule is not this property's concern
        }
        const cmds = nftPortSetCommands('mape', m.ipv4, m.portRanges, ['tcp', 'udp', 'icmp']);
        const snat = cmds.filter((c) => c.includes('snat ip to'));
        expect(snat).toHaveLength(m.portRanges.length);
        m.portRanges.forEach(([s, e], i) => {
          expect(snat[i]).toContain(`meta mark 0x${(0x10 + i).toString(16)} `);
          expect(snat[i]).toContain(`${m.ipv4}:${s}-${e} persistent`);
        });
        expect(cmds.filter((c) => c.includes(`numgen inc mod ${m.portRanges.length} offset 0x10`))).toHaveLength(2);
      }),
      { numRuns: 60 },
    );
  });

  it('VyOS: source-port slices cover 0-65535 without gaps or overlaps', () => {
    for (const p of ['240b:13:1a65:a100::/56', '2400:4050:1234:5600::/56']) {
      const m = calculateMapE(p);
      const { commands } = vyosPortSetPlan('tun0', m.ipv4, m.portRanges, [], 100, 'name');
      const slices = commands.flatMap((c) => {
        const x = /source port '(\d+)-(\d+)'/.exec(c);
        return x ? [[Number(x[1]), Number(x[2])] as const] : [];
      });
      expect(slices).toHaveLength(m.portRanges.length);
      expect(slices[0]![0]).toBe(0);
      expect(slices.at(-1)![1]).toBe(65535);
      for (let i = 1; i < slices.length; i++) expect(slices[i]![0]).toBe(slices[i - 1]![1] + 1);
    }
  });
});
