import { describe, expect, it } from 'vitest';
import { parseSysctl } from '../../../shared/linux/index.js';
import { fixture } from './fixtures.js';

describe('sysctl rp_filter', () => {
  it('reads per-interface rp_filter values with their lines', () => {
    const r = parseSysctl(fixture('healthy/sysctl-rp_filter.txt'));
    expect(r.rpFilter.map((x) => [x.iface, x.value])).toEqual([
      ['all', 2],
      ['default', 2],
      ['eth0', 0],
      ['eth1', 0],
      ['lo', 0],
      ['mape', 0],
    ]);
    expect(r.rpFilter[0]!.evidence).toEqual({ command: 'sysctl net.ipv4.conf.all.rp_filter', lines: [1] });
  });

  it('restores dots in VLAN interface names, keeps other keys, and skips errors', () => {
    const r = parseSysctl('net.ipv4.conf.eth0/100.rp_filter = 1\nnet.ipv4.ip_forward = 1\nsysctl: cannot stat /proc/sys/net/ipv4/conf/x/rp_filter: No such file or directory\n');
    expect(r.rpFilter).toMatchObject([{ iface: 'eth0.100', value: 1 }]);
    expect(r.entries.map((e) => e.key)).toEqual(['net.ipv4.conf.eth0/100.rp_filter', 'net.ipv4.ip_forward']);
    expect(r.unrecognised).toEqual([3]);
  });
});
