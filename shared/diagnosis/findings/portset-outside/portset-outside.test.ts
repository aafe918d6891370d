import { describe, expect, it } from 'vitest';
import { rtxCases, edit, fixed, v6ra } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, dropLines, FIXED, mutate, only, run, SNAT_LINE, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('PORTSET_OUTSIDE', {
  fires: [
    {
      name: 'MAP-E masquerade with outer primary (default port pool)',
      outputs: () => edit(v6ra(), 'show config', 'nat descriptor address outer 1000 map-e', 'nat descriptor address outer 1000 primary'),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['nat descriptor address outer 1000 map-e']);
        expect(f.fix?.inverse).toEqual(['nat descriptor address outer 1000 primary']);
        expect(f.fix?.check).toEqual({ kind: 'output-contains', command: 'show nat descriptor address', text: '6672-6687' });
      },
    },
    {
      name: 'the router translates into the default pool',
      outputs: () => edit(v6ra(), 'show nat descriptor address', /Port range: [^\n]*12 sessions\./, 'Port range: 60000-64095, 49152-59999, 44096-49151   12 sessions.'),
    },
  ],
  quiet: [{ name: 'fixed IP uses the default pool legitimately', outputs: fixed }],
});

describe('PORTSET_OUTSIDE', () => {
  const masq = mutate(dropLines(V6PLUS, SNAT_LINE), '\t\ttype nat hook postrouting priority srcnat; policy accept;', '\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\toifname "mape" masquerade');
  it('fires on masquerade over MAP-E', () => {
    const f = only(run(masq), 'PORTSET_OUTSIDE');
    expect(f.data).toMatchObject({ masquerade: true });
    expect(f.fix?.commands.filter((c) => c.includes('snat ip to'))).toHaveLength(15);
  });
  it('fires on an explicit range past the set', () => {
    const wide = mutate(V6PLUS, '14.9.26.101:6672-6687', '14.9.26.101:1024-65535');
    expect(codes(run(wide))).toContain('PORTSET_OUTSIDE');
  });
  it('does not fire on masquerade for fixed IP (the whole address is ours)', () => {
    expect(codes(run(FIXED))).not.toContain('PORTSET_OUTSIDE');
  });
});
