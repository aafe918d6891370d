import { describe, expect, it } from 'vitest';
import { rtxCases, edit, field } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, dropLines, mutate, only, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('TUNNEL_NO_RX', {
  fires: [{ name: 'field report 000', outputs: field, check: (f) => expect(f.causes).toContain('BR_ADDRESS_WRONG') }],
  quiet: [{ name: 'nothing sent yet either', outputs: () => edit(field(), 'show status ipip', '(IPv4) 10 packets [520 octets]', '(IPv4) 0 packet [0 octet]') }],
});

describe('TUNNEL_NO_RX (from ip -s -d link show)', () => {
  const noRx = mutate(V6PLUS, '     734567890  612345', '             0       0');
  it('fires when RX is 0 and TX is not, linked to the causes found', () => {
    const r = run(mutate(noRx, 'encaplimit none', 'encaplimit 4'));
    const f = only(r, 'TUNNEL_NO_RX');
    expect(f.data).toMatchObject({ rxPackets: 0, txPackets: 82345 });
    expect(f.causes).toContain('ENCAPLIMIT_PRESENT');
    expect(f.fix).toBeUndefined();
  });
  it('does not fire without counters (ip -d link show without -s)', () => {
    const text = dropLines(mutate(noRx, 'ip -s -d link show', 'ip -d link show'), /^\s+(RX|TX):|^\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s*$/);
    expect(codes(run(text))).not.toContain('TUNNEL_NO_RX');
  });
});
