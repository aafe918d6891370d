import { describe, expect, it } from 'vitest';
import { FINDINGS } from '../../../../shared/diagnosis/findings/index.js';
import { ctxOf, detectOn, fixture, HEALTHY, problems, run } from './helpers.js';

/** Working CEs, one per service: nothing may be called wrong (info is allowed, errors and warnings are not). */
describe('healthy Linux CE configurations', () => {
  it.each(HEALTHY)('%s produces no error or warning', (name) => {
    const r = run(fixture(name));
    expect(problems(r).map((f) => `${f.code}: ${f.explanation.en}`)).toEqual([]);
    expect(r.notes).toEqual([]);
  });

  it('OCN: all 63 blocks are covered by the mark + per-block rules', () => {
    const ctx = ctxOf(fixture('healthy-ocn-nft.txt'));
    const snat = ctx.linux.ce!.snat;
    expect(snat.byProtocol.tcp.portCount).toBe(1008);
    expect(snat.byProtocol.icmp.portCount).toBe(1008);
    expect(snat.rules.every((r) => r.reachable === true)).toBe(true);
  });
});

describe('every Linux detector, called directly on the healthy CEs', () => {
  const linuxCodes = FINDINGS.filter((d) => d.platforms.linux).map((d) => d.code);

  it.each(HEALTHY)('%s: no detector reports an error or warning', (name) => {
    const notices = [undefined, name.includes('fixed') ? { serviceId: 'v6plus-fixed' as const, fixedIpv4: '203.0.113.10', interfaceId: '::cb:71:a00:0' } : undefined];
    for (const notice of notices) {
      const ctx = ctxOf(fixture(name), notice);
      const bad = linuxCodes.flatMap((code) => detectOn(code, ctx).filter((f) => f.severity !== 'info').map((f) => `${code}: ${f.explanation.en}`));
      expect(bad).toEqual([]);
    }
  });
});
