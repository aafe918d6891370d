import { describe, expect, it } from 'vitest';
import { rtxCases, field, PING_LOST, v6pd } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, FIXED, mutate, only, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('ICMP_NOT_TRANSLATED', {
  fires: [
    {
      name: 'IPv4 ping fails while the tunnel receives',
      outputs: () => ({ ...v6pd(), 'ping 8.8.8.8': PING_LOST('8.8.8.8') }),
      check: (f) => expect(f.severity).toBe('warning'),
    },
  ],
  quiet: [{ name: 'IPv4 ping fails but the tunnel receives nothing (another problem)', outputs: () => ({ ...field(), 'ping 8.8.8.8': PING_LOST('8.8.8.8') }) }],
});

describe('ICMP_NOT_TRANSLATED', () => {
  it('fires when SNAT covers only TCP/UDP; the plan adds ICMP only, since TCP/UDP are right', () => {
    const f = only(run(mutate(V6PLUS, '{ icmp, tcp, udp }', '{ tcp, udp }')), 'ICMP_NOT_TRANSLATED');
    const rules = f.fix!.commands.filter((c) => c.includes('snat ip to'));
    expect(rules).toHaveLength(15);
    expect(rules.every((c) => c.includes('meta l4proto icmp snat'))).toBe(true);
  });
  it('does not fire when ICMP is in the per-block rules (healthy), nor for fixed IP masquerade', () => {
    expect(codes(run(V6PLUS))).not.toContain('ICMP_NOT_TRANSLATED');
    expect(codes(run(FIXED))).not.toContain('ICMP_NOT_TRANSLATED');
  });
});
