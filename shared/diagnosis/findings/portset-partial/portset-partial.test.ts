import { describe, expect, it } from 'vitest';
import { rtxCases, edit, ocn, v6ra } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, FIXED, only, run, SNAT_LINE, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('PORTSET_PARTIAL', {
  fires: [
    {
      name: 'one 16-port block configured',
      outputs: () => edit(v6ra(), 'show config', 'nat descriptor address outer 1000 map-e\n', 'nat descriptor address outer 1000 map-e\nnat descriptor masquerade port range 1000 6672-6687\n'),
      check: (f) => {
        expect(f.severity).toBe('warning');
        expect(f.data).toMatchObject({ used: 16, total: 240 });
        expect(f.fix?.commands).toEqual(['no nat descriptor masquerade port range 1000']);
        expect(f.fix?.inverse).toEqual(['nat descriptor masquerade port range 1000 6672-6687']);
      },
    },
    {
      name: 'the router uses the first block only',
      outputs: () => edit(v6ra(), 'show nat descriptor address', /Port range: [^\n]*12 sessions\./, 'Port range: 6672-6687   12 sessions.'),
      check: (f) => expect(f.checklist?.[0]?.party).toBe('vendor'),
    },
  ],
  quiet: [{ name: 'every block in use', outputs: ocn }],
});

describe('PORTSET_PARTIAL', () => {
  const firstOnly = V6PLUS.split('\n').filter((l, i, all) => !SNAT_LINE.test(l) || all.findIndex((x) => SNAT_LINE.test(x)) === i).join('\n');
  it('fires when SNAT reaches only the first block', () => {
    const f = only(run(firstOnly), 'PORTSET_PARTIAL');
    expect(f.data).toMatchObject({ portsCovered: 16, portsTotal: 240 });
    expect(f.explanation.en).toContain('6672-6687');
  });
  it('fires on a numgen map that nft 1.0.6 lists back broken (7216-0)', () => {
    const broken =
      V6PLUS.split('\n').filter((l) => !SNAT_LINE.test(l)).join('\n').replace(
        '\t\ttype nat hook postrouting priority srcnat; policy accept;',
        '\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\toifname "mape" meta l4proto { icmp, tcp, udp } snat ip to 14.9.26.101:numgen inc mod 15 map { 0 : 6672-6687, 1 : 10768-0, 2 : 14864-0 }',
      );
    const f = only(run(broken), 'PORTSET_PARTIAL');
    expect(f.explanation.en).toContain('broken');
  });
  it('does not fire when every block is used (healthy) nor for fixed IP', () => {
    expect(codes(run(V6PLUS))).not.toContain('PORTSET_PARTIAL');
    expect(codes(run(FIXED))).not.toContain('PORTSET_PARTIAL');
  });
});
