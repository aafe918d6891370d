import { describe, expect, it } from 'vitest';
import { codes, mutate, only, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

describe('ENCAPLIMIT_PRESENT', () => {
  it('fires on encaplimit 4 (tunnel show and -d link)', () => {
    const f = only(run(mutate(V6PLUS, 'encaplimit none', 'encaplimit 4')), 'ENCAPLIMIT_PRESENT');
    expect(f.data).toMatchObject({ tunnel: 'mape', encapLimit: 4 });
  });
  it('does not fire on the fallback device ip6tnl0 (encaplimit 0, not a configured tunnel)', () => {
    expect(codes(run(V6PLUS))).not.toContain('ENCAPLIMIT_PRESENT');
  });
});
