/**
 * Plan inputs for every service (and the variants that change a script: a tunnel taken over, a BR given, a
 * verify target, DS-Lite with and without the WAN's own address). The scripts they give are kept byte for byte
 * in test/fixtures/datapath/scripts/, so a change to what runs on a host is always a visible diff.
 */
import type { ExistingTunnel } from '../../../../shared/linux/datapath/existing-tunnel.js';
import type { PlanInput } from '../../../../shared/linux/datapath/plan.js';
import { emptyTunnelParams } from '../../../../shared/linux/tunnel-params.js';

const GW = 'fe80::a611:bbff:fe7d:ee11';
const ev = { command: 'x', lines: [1] };

/** Field report 003's own tunnel `mape`, as --replace-existing reads it. */
export const MAPE_TUNNEL: ExistingTunnel = {
  name: 'mape',
  params: {
    ...emptyTunnelParams(),
    mode: 'ip4ip6',
    modeRaw: 'ip/ipv6',
    remote: '2404:9200:225:100::64',
    local: '2404:7a82:4d02:4100:85:d10d:200:4100',
    dev: 'eth1',
    encapLimit: 4,
    hopLimit: 64,
    tclass: '0x00',
    flowlabel: '0x00000',
  },
  mtu: 1452,
  up: true,
  addresses: [
    { ifname: 'mape', ifindex: 7, family: 'inet', address: '133.209.13.2', prefixLength: 32, peer: null, scope: 'global', flags: [], validLifetime: null, preferredLifetime: null, label: null, evidence: ev },
    { ifname: 'mape', ifindex: 7, family: 'inet6', address: 'fe80::85d1:d02', prefixLength: 64, peer: null, scope: 'link', flags: [], validLifetime: null, preferredLifetime: null, label: null, evidence: ev },
  ],
  routes: [
    { family: 'inet', type: 'unicast', destination: 'default', prefixLength: 0, via: null, dev: 'mape', proto: null, metric: null, scope: null, src: null, table: null, pref: null, flags: [], nexthops: [], evidence: ev },
    { family: 'inet6', type: 'unicast', destination: 'fe80::/64', prefixLength: 64, via: null, dev: 'mape', proto: 'kernel', metric: 256, scope: null, src: null, table: null, pref: 'medium', flags: [], nexthops: [], evidence: ev },
  ],
};

const FIXED = { wan: 'eth1', gateway: 'fe80::1', fixedIpv4: '203.0.113.10', fixedIid: '::cb:71:a00:0', updateUser: 'user01' };

export const PLAN_CASES: Record<string, PlanInput> = {
  v6plus: { service: 'v6plus', prefix: '240b:13:1a65:a100::/56', wan: 'enp1s0', gateway: 'fe80::1' },
  'v6plus-subnet-1': { service: 'v6plus', prefix: '240b:13:1a65:a101::/64', wan: 'enp1s0', gateway: 'fe80::1' },
  biglobe: { service: 'biglobe', prefix: '2404:7a82:4d02:4100::/56', wan: 'eth1', gateway: GW },
  'biglobe-replace-mape': { service: 'biglobe', prefix: '2404:7a82:4d02:4100::/56', wan: 'eth1', gateway: GW, replaceExisting: [MAPE_TUNNEL], verify: { host: '198.51.100.10', port: 80 } },
  'biglobe-other-br': { service: 'biglobe', prefix: '2404:7a82:4d02:4100::/56', wan: 'eth1', gateway: GW, br: '2001:260:700:1::1:276' },
  'ocn-vc': { service: 'ocn-vc', prefix: '2400:4050:1:2300::/56', wan: 'enp1s0', gateway: 'fe80::1' },
  'v6plus-fixed': { service: 'v6plus-fixed', prefix: '240b:10:1:2300::/64', br: '2404:9200:225:100::65', ...FIXED },
  'v6plus-fixed-catalog-br': { service: 'v6plus-fixed', prefix: '240b:10:1:2300::/56', ...FIXED, fixedIid: '::cb:71:a00:1' },
  'transix-fixed': { service: 'transix-fixed', prefix: '2409:10:1:2300::/64', br: '2404:8e00::feed:100', ...FIXED },
  'transix-dslite': { service: 'transix-dslite', prefix: '2409:10:1:2300::/64', wan: 'eth1', gateway: 'fe80::1' },
  'transix-dslite-wan-address': { service: 'transix-dslite', prefix: '2409:10:1:2300::/64', wan: 'eth1', gateway: 'fe80::1', localAddress: '2409:10:1:2300:5054:ff:fe12:3456' },
  xpass: { service: 'xpass', prefix: '2409:11:1:2300::/64', wan: 'eth1', gateway: 'fe80::1' },
  v6connect: { service: 'v6connect', prefix: '2409:12:1:2300::/64', wan: 'eth1', gateway: 'fe80::1', br: '2404:8e01::feed:100' },
  // Issue 14: the AFTR's name is resolved on the CE each time the script runs, so v6 Connect needs no --br.
  'v6connect-by-name': { service: 'v6connect', prefix: '2409:12:1:2300::/64', wan: 'eth1', gateway: 'fe80::1' },
};

/** Inputs the plan refuses, each with its own reason. */
export const PLAN_ERROR_CASES: Record<string, PlanInput> = {
  'wrong-provider': { ...PLAN_CASES.biglobe!, service: 'v6plus' },
  'wan-not-a-name': { ...PLAN_CASES.biglobe!, wan: 'eth1; rm -rf /' },
  'wan-is-ipoe0': { ...PLAN_CASES.biglobe!, wan: 'ipoe0' },
  'gateway-not-an-address': { ...PLAN_CASES.biglobe!, gateway: 'not-an-address' },
  'br-is-a-prefix': { ...PLAN_CASES.biglobe!, br: '2001:260:700:1::/64' },
  'br-not-an-address': { ...PLAN_CASES.biglobe!, br: 'br.example' },
  'fixed-without-iid': { ...PLAN_CASES['v6plus-fixed']!, fixedIid: undefined },
  'fixed-without-user': { ...PLAN_CASES['v6plus-fixed']!, updateUser: undefined },
  'not-mape-prefix': { ...PLAN_CASES.biglobe!, prefix: 'fe80::/64' },
};
