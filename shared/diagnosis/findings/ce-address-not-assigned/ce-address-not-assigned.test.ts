import { describe, expect, it } from 'vitest';
import { CE, codes, dropLines, mutate, only, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

describe('CE_ADDRESS_NOT_ASSIGNED', () => {
  it('fires when the /128 is missing from a full address listing', () => {
    const r = run(dropLines(V6PLUS, new RegExp(`inet6 ${CE}/128`)));
    expect(only(r, 'CE_ADDRESS_NOT_ASSIGNED').fix?.commands).toEqual([`ip -6 addr add ${CE}/128 dev eth1`]);
  });
  it('does not fire when only one interface was listed (ip addr show mape)', () => {
    const text = mutate(dropLines(V6PLUS, new RegExp(`inet6 ${CE}/128`)), 'root@ce:~# ip -6 addr\n', 'root@ce:~# ip -6 addr show dev eth0\n');
    expect(codes(run(text))).not.toContain('CE_ADDRESS_NOT_ASSIGNED');
  });
});
