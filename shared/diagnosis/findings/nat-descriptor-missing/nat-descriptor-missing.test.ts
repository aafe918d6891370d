import { describe, expect, it } from 'vitest';
import { rtxCases, edit, transix, v6ra } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, dropLines, DSLITE, FIXED, mutate, only, run, SNAT_LINE, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('NAT_DESCRIPTOR_MISSING', {
  fires: [
    {
      name: 'MAP-E tunnel without NAT',
      outputs: () => edit(v6ra(), 'show config', ' ip tunnel nat descriptor 1000\n', ''),
      check: (f) => {
        expect(f.fix?.commands).toEqual([
          'nat descriptor type 1001 masquerade',
          'nat descriptor address outer 1001 map-e',
          'tunnel select 1',
          'ip tunnel nat descriptor 1001',
        ]);
        expect(f.fix?.inverse).toEqual(['tunnel select 1', 'no ip tunnel nat descriptor', 'no nat descriptor address outer 1001', 'no nat descriptor type 1001']);
      },
    },
  ],
  quiet: [{ name: 'DS-Lite: the AFTR translates', outputs: transix }],
});

describe('NAT_DESCRIPTOR_MISSING', () => {
  it('fires on a full ruleset with no SNAT out of the tunnel, with the per-block plan', () => {
    const f = only(run(dropLines(V6PLUS, SNAT_LINE)), 'NAT_DESCRIPTOR_MISSING');
    expect(f.fix?.commands.filter((c) => c.includes('snat ip to'))).toHaveLength(15);
    // The port-set chains in the app's one nft table (shared/linux/datapath/names.ts); undo deletes exactly them.
    expect(f.fix?.inverse).toEqual([
      'nft delete chain ip ipoe_doctor snat_port_blocks',
      'nft delete chain ip ipoe_doctor mark_local',
      'nft delete chain ip ipoe_doctor mark_forwarded',
      "nft list table ip ipoe_doctor | grep -q '^[[:space:]]*chain ' || nft delete table ip ipoe_doctor",
    ]);
  });
  it('fixed IP without NAT gets masquerade', () => {
    const f = only(run(dropLines(FIXED, /masquerade/)), 'NAT_DESCRIPTOR_MISSING');
    expect(f.fix?.commands.join('\n')).toContain('oifname "fixed" masquerade');
  });
  it('does not fire for DS-Lite (the AFTR translates) nor on a partial listing', () => {
    expect(codes(run(DSLITE))).not.toContain('NAT_DESCRIPTOR_MISSING');
    const partial = mutate(dropLines(V6PLUS, SNAT_LINE), 'sudo nft list ruleset', 'sudo nft list table ip filter');
    expect(codes(run(partial))).not.toContain('NAT_DESCRIPTOR_MISSING');
  });
});
