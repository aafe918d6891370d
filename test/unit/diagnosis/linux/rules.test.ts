import { describe, expect, it } from 'vitest';
import { linuxAftrNameUnresolved } from '../../../../shared/diagnosis/rules/linux/aftr-name-unresolved.js';
import { linuxFixedipIidMismatch } from '../../../../shared/diagnosis/rules/linux/fixedip-iid-mismatch.js';
import { linuxFixedipNatOuterMismatch } from '../../../../shared/diagnosis/rules/linux/fixedip-nat-outer-mismatch.js';
import { linuxFixedipUpdateFailed } from '../../../../shared/diagnosis/rules/linux/fixedip-update-failed.js';
import { linuxDeviceUnsupportedService } from '../../../../shared/diagnosis/rules/linux/device-unsupported-service.js';
import { codes, ctxOf, dropLines, fixture, mutate, only, run } from './helpers.js';

/**
 * Every Linux-applicable code: one mutation of a healthy CE that must fire it, and a near miss that must not.
 * The healthy fixtures themselves (healthy.test.ts) are the "must not" for every code at once.
 */
const V6PLUS = fixture('healthy-v6plus-nft.txt');
const FIXED = fixture('healthy-v6plus-fixed-ipip.txt');
const DSLITE = fixture('healthy-transix-dslite.txt');
const BR = '2404:9200:225:100::64';
const CE = '240b:13:1a65:a100:e:91a:6500:a100';
const SNAT_LINE = /snat ip to 14\.9\.26\.101/;

describe('BR_ADDRESS_WRONG', () => {
  it('fires on a typo in the BR (255 for 225) and names the right one', () => {
    const r = run(mutate(V6PLUS, BR, '2404:9200:255:100::64'));
    const f = only(r, 'BR_ADDRESS_WRONG');
    expect(f.data).toMatchObject({ expected: BR, configured: '2404:9200:255:100::64' });
    expect(f.fix?.commands).toEqual([`ip -6 tunnel change mape remote ${BR}`]);
  });
  it('fires on fixed IP pointed at the dynamic MAP-E BR when the notice says fixed IP', () => {
    const r = run(mutate(FIXED, '2404:9200:225:100::65', BR), { serviceId: 'v6plus-fixed' });
    expect(only(r, 'BR_ADDRESS_WRONG').data).toMatchObject({ expected: '2404:9200:225:100::65' });
  });
  it('does not fire on the other transix AFTR (west)', () => {
    expect(codes(run(mutate(DSLITE, '2404:8e00::feed:100', '2404:8e01::feed:100')))).not.toContain('BR_ADDRESS_WRONG');
  });
  it('does not fire when the remote is written differently but is the same address', () => {
    expect(codes(run(mutate(V6PLUS, `remote ${BR} local`, 'remote 2404:9200:0225:0100:0:0:0:64 local')))).not.toContain('BR_ADDRESS_WRONG');
  });
});

describe('CE_ADDRESS_WRONG', () => {
  it('fires when the tunnel local is in subnet 1 instead of 0', () => {
    const wrong = '240b:13:1a65:a101:e:91a:6500:a100';
    const r = run(mutate(V6PLUS, `local ${CE}`, `local ${wrong}`));
    const f = only(r, 'CE_ADDRESS_WRONG');
    expect(f.explanation.en).toContain(CE);
    expect(f.fix?.commands).toEqual([`ip -6 tunnel change mape local ${CE}`]);
    expect(f.fix?.inverse).toEqual([`ip -6 tunnel change mape local ${wrong}`]);
  });
  it('fires on the RFC 7597 interface ID and says so', () => {
    const rfc = '240b:13:1a65:a100:0:e09:1a65:a1';
    const f = only(run(mutate(V6PLUS, `local ${CE}`, `local ${rfc}`)), 'CE_ADDRESS_WRONG');
    expect(f.explanation.en).toContain('RFC 7597');
  });
  it('does not fire for DS-Lite, whose local is just the WAN address', () => {
    expect(codes(run(DSLITE))).not.toContain('CE_ADDRESS_WRONG');
  });
});

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

describe('ENCAPLIMIT_PRESENT', () => {
  it('fires on encaplimit 4 (tunnel show and -d link)', () => {
    const f = only(run(mutate(V6PLUS, 'encaplimit none', 'encaplimit 4')), 'ENCAPLIMIT_PRESENT');
    expect(f.data).toMatchObject({ tunnel: 'mape', encapLimit: 4 });
  });
  it('does not fire on the fallback device ip6tnl0 (encaplimit 0, not a configured tunnel)', () => {
    expect(codes(run(V6PLUS))).not.toContain('ENCAPLIMIT_PRESENT');
  });
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

describe('TUNNEL_DISABLED', () => {
  it('fires when the tunnel has no UP flag', () => {
    const text = mutate(V6PLUS, '5: mape@eth1: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1460 qdisc noqueue state UNKNOWN', '5: mape@eth1: <POINTOPOINT,NOARP> mtu 1460 qdisc noop state DOWN');
    const f = only(run(text), 'TUNNEL_DISABLED');
    expect(f.fix?.commands).toEqual(['ip link set dev mape up']);
    expect(f.fix?.inverse).toEqual(['ip link set dev mape down']);
  });
  it('does not fire for the kernel fallback ip6tnl0 that is always down', () => {
    expect(codes(run(V6PLUS))).not.toContain('TUNNEL_DISABLED');
  });
});

describe('TUNNEL_MTU_TOO_LARGE', () => {
  it('fires on MTU 1500', () => {
    const text = mutate(V6PLUS, /mape@eth1: <([A-Z,_]+)> mtu 1460/, 'mape@eth1: <$1> mtu 1500');
    const f = only(run(text), 'TUNNEL_MTU_TOO_LARGE');
    expect(f.fix?.commands).toEqual(['ip link set dev mape mtu 1460']);
    expect(f.fix?.inverse).toEqual(['ip link set dev mape mtu 1500']);
  });
  it('does not fire on 1452 (the encaplimit-4 default)', () => {
    const text = mutate(V6PLUS, /mape@eth1: <([A-Z,_]+)> mtu 1460/, 'mape@eth1: <$1> mtu 1452');
    expect(codes(run(text))).not.toContain('TUNNEL_MTU_TOO_LARGE');
  });
});

describe('DEFAULT_ROUTE_NOT_TUNNEL', () => {
  it('fires when IPv4 defaults to eth0, and the inverse restores that route', () => {
    const f = only(run(mutate(V6PLUS, 'default dev mape scope link', 'default via 192.168.10.254 dev eth0')), 'DEFAULT_ROUTE_NOT_TUNNEL');
    expect(f.fix?.commands).toEqual(['ip route replace default dev mape']);
    expect(f.fix?.inverse).toEqual(['ip route replace default via 192.168.10.254 dev eth0']);
  });
  it('fires when there is no IPv4 default at all', () => {
    const f = only(run(dropLines(V6PLUS, /^default dev mape/)), 'DEFAULT_ROUTE_NOT_TUNNEL');
    expect(f.fix?.inverse).toEqual(['ip route del default dev mape']);
  });
  it('does not fire when only routes of one device were listed', () => {
    const text = mutate(dropLines(V6PLUS, /^default dev mape/), 'root@ce:~# ip route\n', 'root@ce:~# ip route show dev eth0\n');
    expect(codes(run(text))).not.toContain('DEFAULT_ROUTE_NOT_TUNNEL');
  });
});

describe('BR_ROUTE_ONLINK', () => {
  const onlink = mutate(V6PLUS, 'fe80::/64 dev eth0 proto kernel', `${BR} dev eth1 metric 1024 pref medium\nfe80::/64 dev eth0 proto kernel`);
  it('fires on a gateway-less /128 to the BR and routes it via the RA router', () => {
    const f = only(run(onlink), 'BR_ROUTE_ONLINK');
    expect(f.fix?.commands).toEqual([`ip -6 route replace ${BR}/128 via fe80::a611:bbff:fe7d:ee11 dev eth1`]);
    expect(f.fix?.inverse).toEqual([`ip -6 route replace ${BR}/128 dev eth1`]);
    expect(f.fix?.check).toEqual({ kind: 'ping', family: 6, target: BR });
  });
  it('does not fire when that route has a gateway (field report 003 after its fix)', () => {
    const text = mutate(onlink, `${BR} dev eth1 metric`, `${BR} via fe80::a611:bbff:fe7d:ee11 dev eth1 metric`);
    expect(codes(run(text))).not.toContain('BR_ROUTE_ONLINK');
  });
});

describe('NAT_DESCRIPTOR_MISSING', () => {
  it('fires on a full ruleset with no SNAT out of the tunnel, with the per-block plan', () => {
    const f = only(run(dropLines(V6PLUS, SNAT_LINE)), 'NAT_DESCRIPTOR_MISSING');
    expect(f.fix?.commands.filter((c) => c.includes('snat ip to'))).toHaveLength(15);
    expect(f.fix?.inverse).toEqual(['nft delete table ip ipoe_doctor_mape']);
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

describe('MSS_CLAMP_MISSING', () => {
  it('fires on a full ruleset without any clamp', () => {
    const f = only(run(dropLines(V6PLUS, /maxseg/)), 'MSS_CLAMP_MISSING');
    expect(f.fix?.commands.join('\n')).toContain('tcp option maxseg size set rt mtu');
    expect(f.fix?.inverse).toEqual(['nft delete table ip ipoe_doctor_mss']);
  });
  it('does not fire on iptables-nft TCPMSS or on a single table listing', () => {
    const xt = mutate(dropLines(V6PLUS, /maxseg/), '\t\ttype filter hook forward priority mangle; policy accept;', '\t\ttype filter hook forward priority mangle; policy accept;\n\t\toifname "mape" tcp flags syn / syn,rst counter packets 0 bytes 0 xt target "TCPMSS"');
    expect(codes(run(xt))).not.toContain('MSS_CLAMP_MISSING');
    const partial = mutate(dropLines(V6PLUS, /maxseg/), 'sudo nft list ruleset', 'sudo nft list table ip mape');
    expect(codes(run(partial))).not.toContain('MSS_CLAMP_MISSING');
  });
});

describe('BR_UNREACHABLE (from ping -6 <BR>)', () => {
  const failed = dropLines(mutate(V6PLUS, '3 packets transmitted, 3 received, 0% packet loss, time 2003ms\nrtt min/avg/max/mdev = 3.980', '3 packets transmitted, 0 received, 100% packet loss, time 2003ms\nrtt min/avg/max/mdev = 3.980'), new RegExp(`^64 bytes from ${BR}`));
  it('fires when the BR never answers', () => {
    const f = only(run(failed), 'BR_UNREACHABLE');
    expect(f.data).toMatchObject({ target: BR, received: 0 });
    expect(f.evidence[0]!.excerpt.join('\n')).toContain('0 received');
    expect(f.checklist?.[0]?.party).toBe('isp');
  });
  it('does not fire when a later ping to the BR got replies', () => {
    const retried = failed.replace(/root@ce:~# ping -c 3 8\.8\.8\.8/, (m) => `root@ce:~# ping6 -c 3 ${BR}\n3 packets transmitted, 3 received, 0% packet loss\n${m}`);
    expect(codes(run(retried))).not.toContain('BR_UNREACHABLE');
  });
});

describe('IPV6_NO_PREFIX', () => {
  it('fires when no interface has a global IPv6 address, offering accept_ra=2', () => {
    const text = dropLines(V6PLUS, /inet6 2[0-9a-f]{3}:.* scope global/);
    const f = only(run(text), 'IPV6_NO_PREFIX');
    expect(f.fix?.commands).toEqual(['sysctl -w net.ipv6.conf.eth1.accept_ra=2']);
    expect(f.fix?.inverse).toEqual(['sysctl -w net.ipv6.conf.eth1.accept_ra=1']);
  });
  it('does not count the hand-added CE /128 as a prefix from the line', () => {
    const text = dropLines(V6PLUS, /dynamic mngtmpaddr/);
    expect(codes(run(text))).toContain('IPV6_NO_PREFIX');
  });
  it('does not fire for DS-Lite, whose SLAAC address is also the tunnel local', () => {
    expect(codes(run(DSLITE))).not.toContain('IPV6_NO_PREFIX');
  });
});

describe('SERVICE_UNKNOWN_PREFIX', () => {
  it('is reported (info) when neither the prefix nor the remote is known', () => {
    const r = run(mutate(DSLITE, '2404:8e00::feed:100', '2001:f70:8000::1'));
    const f = only(r, 'SERVICE_UNKNOWN_PREFIX');
    expect(f.severity).toBe('info');
    expect(f.explanation.en).toContain('2409:10:2220:3a00');
  });
  it('is not reported when the notice names the service', () => {
    const r = run(mutate(DSLITE, '2404:8e00::feed:100', '2001:f70:8000::1'), { serviceId: 'xpass' });
    expect(codes(r)).not.toContain('SERVICE_UNKNOWN_PREFIX');
  });
});

describe('AFTR_NAME_UNRESOLVED (Linux branch)', () => {
  it('fires when a ping of gw.transix.jp cannot resolve the name', () => {
    const text = DSLITE.replace(/root@ce:~# ping -c 3 8\.8\.8\.8/, (m) => `root@ce:~# ping -6 -c 3 gw.transix.jp\nping: gw.transix.jp: Name or service not known\n${m}`);
    const f = linuxAftrNameUnresolved(ctxOf(text));
    expect(codes(f)).toEqual(['AFTR_NAME_UNRESOLVED']);
    expect(f[0]!.explanation.en).toContain('2404:8e00::feed:100');
    // Wired into the engine through the shared rule as well.
    expect(codes(run(text))).toContain('AFTR_NAME_UNRESOLVED');
  });
  it('does not fire when dig got an AAAA answer', () => {
    const text = DSLITE.replace(/root@ce:~# ping -c 3 8\.8\.8\.8/, (m) => `root@ce:~# dig AAAA gw.transix.jp\n;; ANSWER SECTION:\ngw.transix.jp.\t\t300\tIN\tAAAA\t2404:8e00::feed:100\n${m}`);
    expect(linuxAftrNameUnresolved(ctxOf(text))).toEqual([]);
  });
});

describe('DEVICE_UNSUPPORTED_SERVICE (Linux branch)', () => {
  it('never fires: a Linux CE can run every catalogued service', () => {
    expect(linuxDeviceUnsupportedService(ctxOf(V6PLUS))).toEqual([]);
  });
});

describe('fixed IP with the contract notice', () => {
  it('checks the tunnel local against prefix + the notice interface ID', () => {
    const r = run(FIXED, { serviceId: 'v6plus-fixed', interfaceId: '::cb:71:a00:1' });
    const f = only(r, 'CE_ADDRESS_WRONG');
    expect(f.data).toMatchObject({ expected: '240b:11:b901:1800:cb:71:a00:1', configured: '240b:11:b901:1800:cb:71:a00:0' });
    expect(codes(run(FIXED, { serviceId: 'v6plus-fixed', interfaceId: '::cb:71:a00:0' }))).not.toContain('CE_ADDRESS_WRONG');
  });
});

describe('BR_ROUTE_ONLINK from ip -6 route get', () => {
  it('reads the route the kernel picks for the BR', () => {
    const text = V6PLUS.replace(/root@ce:~# ip route\n/, `root@ce:~# ip -6 route get ${BR}\n${BR} from :: dev eth1 proto kernel src 240b:13:1a65:a100:e:91a:6500:a100 metric 256 pref medium\nroot@ce:~# ip route\n`);
    expect(codes(run(text))).toContain('BR_ROUTE_ONLINK');
  });
});

describe('fixed IP codes (Linux branches, called directly: the shared rules are RTX-only for now)', () => {
  const notice = { serviceId: 'v6plus-fixed' as const, fixedIpv4: '203.0.113.10' };
  const withTunnelAddr = (text: string, addr: string) =>
    text.replace(/root@ce:~# ip route\n/, `root@ce:~# ip addr show fixed\n6: fixed@eth1: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1460 qdisc noqueue state UNKNOWN group default qlen 1000\n    inet ${addr}/32 scope global fixed\n       valid_lft forever preferred_lft forever\nroot@ce:~# ip route\n`);

  it('FIXEDIP_IID_MISMATCH: warns when the local IID is not what the fixed IPv4 implies', () => {
    const wrong = linuxFixedipIidMismatch(ctxOf(withTunnelAddr(FIXED, '203.0.113.11')));
    expect(codes(wrong)).toEqual(['FIXEDIP_IID_MISMATCH']);
    expect(wrong[0]!.severity).toBe('warning');
    expect(linuxFixedipIidMismatch(ctxOf(withTunnelAddr(FIXED, '203.0.113.10')))).toEqual([]);
  });

  it('FIXEDIP_NAT_OUTER_MISMATCH: masquerade on a tunnel holding another address than the contract', () => {
    const f = linuxFixedipNatOuterMismatch(ctxOf(withTunnelAddr(FIXED, '203.0.113.99'), notice));
    expect(codes(f)).toEqual(['FIXEDIP_NAT_OUTER_MISMATCH']);
    expect(f[0]!.fix?.commands).toEqual(['ip addr add 203.0.113.10/32 dev fixed', 'ip addr del 203.0.113.99/32 dev fixed']);
    expect(linuxFixedipNatOuterMismatch(ctxOf(withTunnelAddr(FIXED, '203.0.113.10'), notice))).toEqual([]);
  });

  it('FIXEDIP_UPDATE_FAILED: the update call did not answer OK, and neither the user ID nor the password is repeated', () => {
    const call = (body: string) => FIXED.replace(/root@ce:~# ping -c 3 8\.8\.8\.8/, (m) => `root@ce:~# curl -6 'http://fcs.enabler.ne.jp/update?user=u123&pass=s3cret'\n${body}\n${m}`);
    const f = linuxFixedipUpdateFailed(ctxOf(call('<!DOCTYPE html><html><body>Not Found</body></html>')));
    expect(codes(f)).toEqual(['FIXEDIP_UPDATE_FAILED']);
    expect(JSON.stringify(f)).not.toContain('s3cret');
    expect(JSON.stringify(f)).not.toContain('u123');
    expect(f[0]!.explanation.en).toContain('/update');
    expect(linuxFixedipUpdateFailed(ctxOf(call('OK')))).toEqual([]);
  });
});
