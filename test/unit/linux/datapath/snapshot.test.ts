import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../../shared/i18n/message.js';
import { compareSnapshots, type Snapshot } from '../../../../shared/linux/datapath/snapshot.js';

const base: Snapshot = {
  links: JSON.stringify([{ ifindex: 3, ifname: 'eth1', flags: ['UP'], mtu: 1500, address: '52:54:00:12:34:01' }]),
  addresses: JSON.stringify([{ ifname: 'eth1', addr_info: [{ family: 'inet6', local: '2404::1', prefixlen: 64, scope: 'global', valid_life_time: 100 }] }]),
  routes4: '[]',
  routes6: JSON.stringify([{ dst: 'default', gateway: 'fe80::1', dev: 'eth1', protocol: 'ra', expires: 1700 }]),
  nft: JSON.stringify({ nftables: [{ metainfo: { version: '1.0.6' } }, { table: { family: 'ip', name: 'vyos_nat', handle: 1 } }] }),
  sysctl: 'net.ipv4.ip_forward = 0\nnet.ipv4.conf.all.rp_filter = 1\n',
};

describe('snapshot comparison (rollback leaves ip and nft state identical)', () => {
  it('ignores lifetimes, indexes and nft handles', () => {
    const after: Snapshot = {
      ...base,
      links: base.links.replace('"ifindex":3', '"ifindex":9'),
      addresses: base.addresses.replace('"valid_life_time":100', '"valid_life_time":42'),
      routes6: base.routes6.replace('1700', '1650'),
      nft: base.nft.replace('"handle":1', '"handle":7'),
    };
    expect(compareSnapshots(base, after)).toMatchObject({ identical: true, differences: [] });
  });

  it('reports what is left over, what is missing and what changed', () => {
    const after: Snapshot = {
      ...base,
      links: JSON.stringify([...(JSON.parse(base.links) as object[]), { ifname: 'ipoe0', flags: ['UP'], mtu: 1460 }, { ifname: 'ip6tnl0', mtu: 1452 }]),
      routes6: '[]',
      nft: JSON.stringify({ nftables: [{ table: { family: 'ip', name: 'vyos_nat' } }, { table: { family: 'ip', name: 'ipoe_doctor' } }] }),
      sysctl: 'net.ipv4.ip_forward = 1\nnet.ipv4.conf.all.rp_filter = 1\n',
    };
    const diff = compareSnapshots(base, after);
    // As the CLI prints them (English).
    const d = { ...diff, differences: diff.differences.map((m) => renderMessage('en', m, 'cli')), ignored: diff.ignored.map((m) => renderMessage('en', m, 'cli')) };
    expect(d.identical).toBe(false);
    expect(d.differences).toEqual(
      expect.arrayContaining([
        'link ipoe0: present now, not before apply',
        'nft table ip ipoe_doctor: present now, not before apply',
        'route default via fe80::1 dev eth1: present before apply, missing now',
        'sysctl net.ipv4.ip_forward: changed (before 0, now 1)',
      ]),
    );
    // The kernel's fallback device appears when ip6_tunnel loads; it is not ours to remove.
    expect(d.differences.join('\n')).not.toContain('ip6tnl0');
    expect(d.ignored.join('\n')).toContain('ip6tnl0');
  });
});
