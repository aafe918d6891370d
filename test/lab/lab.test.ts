/**
 * The provider lab itself, proven by traffic: a strict BR, a CE that is wrong in the ways the field reports
 * show, and a correct CE written by hand (independent of the app), plus the project's own `calc --format linux`.
 *
 *   npx vitest run --config test/lab/vitest.lab.config.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { LAB_FIXED, LAB_TOPOLOGY, LAB_UPDATE, labAvailable, repoRoot, startLab, type Counters, type Lab, type LabParams } from './lab.js';
import { missing } from '../support/real-parts.js';

const T = LAB_TOPOLOGY;
const DROPS = ['dstopt_drop', 'not_ipip_drop', 'wrong_source_drop', 'wrong_ipv4_drop', 'port_drop', 'icmp_id_drop'] as const;

function inPortSet(p: LabParams, port: number): boolean {
  return p.portRanges.some(([a, b]) => port >= a && port <= b);
}

function delta(after: Counters, before: Counters, name: string): number {
  return (after[name]?.packets ?? 0) - (before[name]?.packets ?? 0);
}

function dropDeltas(after: Counters, before: Counters): Record<string, number> {
  return Object.fromEntries(DROPS.map((d) => [d, delta(after, before, d)]));
}

const zeroDrops = Object.fromEntries(DROPS.map((d) => [d, 0]));

/** Waits until no address on eth1 is still tentative (the CE keeps DAD on, like any Debian box). */
const WAIT_DAD = `for i in $(seq 50); do [ -z "$(ip -6 addr show dev ${T.wanIf} tentative)" ] && break; sleep 0.1; done`;

/**
 * A correct MAP-E CE, written by hand from docs §5.1/§5.3b (not by the app): CE /128 on the WAN, ip6tnl with
 * `encaplimit none` (unless told otherwise), round-robin marks over every block, SNAT per block for
 * tcp/udp/icmp.
 */
function handWrittenCe(p: LabParams, opts: { encaplimitNone?: boolean } = {}): string {
  const n = p.portRanges.length;
  const snat = p.portRanges
    .map(([a, b], i) => `    oifname "mape" meta mark 0x${(0x10 + i).toString(16)} meta l4proto { tcp, udp, icmp } snat ip to ${p.ipv4}:${a}-${b} persistent`)
    .join('\n');
  return `bash <<'__LAB_CE__'
set -e
ip -6 addr add ${p.ceAddress}/128 dev ${T.wanIf}
ip -6 tunnel add mape mode ip4ip6 remote ${p.br} local ${p.ceAddress} dev ${T.wanIf}${opts.encaplimitNone === false ? '' : ' encaplimit none'}
ip link set mape mtu 1460 up
ip addr add ${p.ipv4}/32 dev mape
ip route replace default dev mape
echo 1 >/proc/sys/net/ipv4/ip_forward
nft -f - <<'NFT'
table ip labce {
  chain pre { type filter hook prerouting priority mangle; ct state new meta mark set numgen inc mod ${n} offset 0x10; }
  chain out { type route hook output priority mangle; ct state new meta mark set numgen inc mod ${n} offset 0x10; }
  chain post {
    type nat hook postrouting priority srcnat;
${snat}
  }
}
NFT
${WAIT_DAD}
__LAB_CE__`;
}

async function ping(lab: Lab, count = 2): Promise<{ received: number; output: string }> {
  const r = await lab.vmExec('lan', `ping -c ${count} -i 0.3 -W 2 -w ${count + 4} ${T.inetHost}`, { timeoutMs: lab.scaled(30_000) });
  const m = /(\d+) received/.exec(r.output);
  return { received: m ? Number(m[1]) : 0, output: r.output };
}

async function timed<R>(label: string, f: () => Promise<R>): Promise<R> {
  const t0 = Date.now();
  try {
    return await f();
  } finally {
    console.log(`[lab timing] ${label}: ${Date.now() - t0} ms`);
  }
}

async function boot(service: Parameters<typeof startLab>[0]['service'], ceState: 'clean' | 'field-003' = 'clean'): Promise<Lab> {
  const t0 = Date.now();
  const lab = await startLab({ service, ceState });
  console.log(`[lab timing] ${service}/${ceState}: build check + calc ${Date.now() - t0 - lab.timings.sshMs} ms, boot to READY ${lab.timings.readyMs} ms (slowness ${lab.slowness.toFixed(2)}), SSH at ${lab.timings.sshMs} ms`);
  return lab;
}

describe.skipIf(missing('qemu', labAvailable()))('provider lab: BIGLOBE, strict BR', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await boot('biglobe');
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('boots; SSH lands on the CE (bash, Debian ip/nft), WAN has the /64, the BR is only reachable via the NGN gateway', async () => {
    const p = lab.params;
    expect(p.provider).toMatch(/BIGLOBE/);
    expect(p).toMatchObject({ ipv4: '133.209.13.2', psid: 65, ports: 240, ceAddress: '2404:7a82:4d02:4100:85:d10d:200:4100', br: '2001:260:700:1::1:275' });
    const who = await lab.exec('echo "$0 $(hostname) $(id -u)"; command -v ip nft; uname -r');
    expect(who.exitCode).toBe(0);
    expect(who.output).toContain('bash ce 0');
    expect(who.output).toContain(T.ipPath);
    expect(who.output).toContain(T.nftPath);
    expect(who.output).toMatch(/6\.1\.0-\d+-cloud-amd64/);
    const addr = await lab.exec(`ip -6 addr show dev ${T.wanIf} scope global`);
    expect(addr.output).toContain(`${p.wanAddress}/64`);
    const route = await lab.exec(`ip -6 route get ${p.br}`);
    expect(route.output).toContain(`via ${T.ngnGateway} dev ${T.wanIf}`);
    const fail = await lab.exec('ip -6 tunnel show mape');
    expect(fail.exitCode).not.toBe(0);
    // Nothing is configured yet: the LAN has no IPv4 Internet.
    expect((await ping(lab, 1)).received).toBe(0);
  });

  it('drops a CE with the default encaplimit (destination-options header) and counts it', async () => {
    const before = await lab.brCounters();
    const r = await lab.exec(handWrittenCe(lab.params, { encaplimitNone: false }));
    expect(r.exitCode, r.output).toBe(0);
    expect((await lab.exec('ip -6 tunnel show mape')).output).toContain('encaplimit 4');
    expect((await ping(lab, 2)).received).toBe(0);
    const after = await lab.brCounters();
    expect(delta(after, before, 'dstopt_drop')).toBeGreaterThanOrEqual(2);
    expect(delta(after, before, 'passed')).toBe(0);
  });

  it('passes the same CE once encaplimit is none: LAN pings and fetches HTTP from inet, source inside the port set', async () => {
    await lab.exec(`ip -6 tunnel change mape encaplimit none`);
    const before = await lab.brCounters();
    const pr = await ping(lab, 2);
    expect(pr.received, pr.output).toBe(2);
    const http = await lab.lanHttpGet('/');
    expect(http.ok, http.output).toBe(true);
    const m = /you are ([\d.]+):(\d+)/.exec(http.body);
    expect(m?.[1]).toBe(lab.params.ipv4);
    expect(inPortSet(lab.params, Number(m?.[2]))).toBe(true);
    const after = await lab.brCounters();
    expect(dropDeltas(after, before)).toEqual(zeroDrops);
    expect(delta(after, before, 'passed')).toBeGreaterThan(0);
    expect(delta(after, before, 'returned')).toBeGreaterThan(0);
  });

  it('holds 240 concurrent TCP connections through the CE, each from a port in the set; the 241st cannot be made', async () => {
    const before = await lab.brCounters();
    const res = await timed('biglobe 240 (+6 over) connections', () => lab.openTcp(240, { port: 9001, extra: 6 }));
    expect(res).toMatchObject({ opened: 240, failed: 0, extraOpened: 0, extraFailed: 6 });
    const peers = await lab.inetPeers(9001);
    expect(peers).toHaveLength(240);
    expect(new Set(peers.map((x) => x.address))).toEqual(new Set([lab.params.ipv4]));
    expect(peers.every((x) => inPortSet(lab.params, x.port))).toBe(true);
    expect(new Set(peers.map((x) => x.port)).size).toBe(240);
    const after = await lab.brCounters();
    expect(dropDeltas(after, before)).toEqual(zeroDrops);
    await lab.closeTcp();
  });
});

describe.skipIf(missing('qemu', labAvailable()))('provider lab: the CE of field report 003', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await boot('biglobe', 'field-003');
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('shows each failure of the report in turn, each where the lab can see it', async () => {
    const p = lab.params;
    const tun = await lab.exec('ip -6 tunnel show mape; echo; ip -4 addr show dev mape; ip route show default; nft list ruleset');
    expect(tun.output).toContain('remote 2404:9200:225:100::64');
    expect(tun.output).toContain('encaplimit 4');
    expect(tun.output).toContain(`${p.ipv4}/32`);
    expect(tun.output).toContain('default dev mape');
    expect(tun.output).toContain(`snat to ${p.ipv4}:${p.portRanges[0]![0]}-${p.portRanges[0]![1]}`);

    // 1. The CE address is on no interface: ip6tnl refuses at once ("No route to host" on the LAN).
    const http1 = await lab.lanHttpGet('/', 4);
    expect(http1.ok).toBe(false);
    expect(http1.output).toMatch(/No route to host|Network is unreachable|Connection refused|timed out/i);

    // 2. With the CE address, packets leave towards the v6plus DMR (::64), which the NGN cannot deliver here.
    await lab.exec(`ip -6 addr add ${p.ceAddress}/128 dev ${T.wanIf}; ${WAIT_DAD}`);
    let ngn0 = await lab.ngnCounters();
    let br0 = await lab.brCounters();
    expect((await ping(lab, 2)).received).toBe(0);
    let ngn1 = await lab.ngnCounters();
    let br1 = await lab.brCounters();
    expect(delta(ngn1, ngn0, 'unrouted')).toBeGreaterThanOrEqual(2);
    expect(delta(br1, br0, 'passed') + delta(br1, br0, 'dstopt_drop')).toBe(0);

    // 3. Remote fixed to the BIGLOBE BR: the BR drops the destination-options header.
    await lab.exec(`ip -6 tunnel change mape remote ${p.br}`);
    [ngn0, br0] = [await lab.ngnCounters(), await lab.brCounters()];
    expect((await ping(lab, 2)).received).toBe(0);
    [ngn1, br1] = [await lab.ngnCounters(), await lab.brCounters()];
    expect(delta(ngn1, ngn0, 'to_br')).toBeGreaterThanOrEqual(2);
    expect(delta(ngn1, ngn0, 'unrouted')).toBe(0);
    expect(delta(br1, br0, 'dstopt_drop')).toBeGreaterThanOrEqual(2);

    // 4. encaplimit none: ICMP is not SNATed in this config, so the BR sees 192.168.1.10 and drops it…
    await lab.exec('ip -6 tunnel change mape encaplimit none');
    br0 = await lab.brCounters();
    expect((await ping(lab, 2)).received).toBe(0);
    br1 = await lab.brCounters();
    expect(delta(br1, br0, 'wrong_ipv4_drop')).toBeGreaterThanOrEqual(2);
    // …while TCP works, but only 16 connections fit in the first block.
    const http2 = await lab.lanHttpGet('/');
    expect(http2.ok, http2.output).toBe(true);
    const res = await lab.openTcp(16, { port: 9002, extra: 4 });
    expect(res).toMatchObject({ opened: 16, failed: 0, extraOpened: 0 });
    const peers = await lab.inetPeers(9002);
    expect(peers.every((x) => x.port >= p.portRanges[0]![0] && x.port <= p.portRanges[0]![1])).toBe(true);
    await lab.closeTcp();
  });
});

describe.skipIf(missing('qemu', labAvailable()))('provider lab: v6plus with the project\'s own `calc --format linux` script', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await boot('v6plus');
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('the generated script makes a CE the strict BR accepts: ping, HTTP, 240 connections, no drops', async () => {
    const p = lab.params;
    expect(p).toMatchObject({ ipv4: '14.9.26.101', psid: 161, ports: 240, br: '2404:9200:225:100::64' });
    const script = execFileSync(process.execPath, [join(repoRoot, 'bin', 'ipoe-doctor.mjs'), 'calc', p.prefix, '--format', 'linux', '--wan', T.wanIf], {
      cwd: repoRoot,
      env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1' },
      encoding: 'utf8',
    });
    const r = await lab.exec(`bash <<'__CALC__'\n${script}\n${WAIT_DAD}\n__CALC__`);
    expect(r.exitCode, r.output).toBe(0);
    const before = await lab.brCounters();
    expect((await ping(lab, 2)).received).toBe(2);
    expect((await lab.lanHttpGet('/')).ok).toBe(true);
    const res = await timed('v6plus 240 connections', () => lab.openTcp(240, { port: 9003 }));
    expect(res).toMatchObject({ opened: 240, failed: 0 });
    const peers = await lab.inetPeers(9003);
    expect(peers).toHaveLength(240);
    expect(peers.every((x) => x.address === p.ipv4 && inPortSet(p, x.port))).toBe(true);
    expect(dropDeltas(await lab.brCounters(), before)).toEqual(zeroDrops);
    await lab.closeTcp();
  });
});

describe.skipIf(missing('qemu', labAvailable()))('provider lab: OCN Virtual Connect (1008 ports)', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await boot('ocn');
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('holds 1008 concurrent TCP connections through a correct CE; the 1009th cannot be made; no BR drops', async () => {
    const p = lab.params;
    expect(p).toMatchObject({ ports: 1008, psidOffset: 6, psidLength: 6, br: '2001:380:a120::9' });
    expect(p.portRanges).toHaveLength(63);
    const r = await lab.exec(handWrittenCe(p));
    expect(r.exitCode, r.output).toBe(0);
    const before = await lab.brCounters();
    expect((await ping(lab, 2)).received).toBe(2);
    const res = await timed('ocn 1008 (+6 over) connections', () => lab.openTcp(1008, { port: 9001, extra: 6 }));
    expect(res).toMatchObject({ opened: 1008, failed: 0, extraOpened: 0, extraFailed: 6 });
    const peers = await lab.inetPeers(9001);
    expect(peers).toHaveLength(1008);
    expect(peers.every((x) => x.address === p.ipv4 && inPortSet(p, x.port))).toBe(true);
    expect(new Set(peers.map((x) => x.port)).size).toBe(1008);
    expect(dropDeltas(await lab.brCounters(), before)).toEqual(zeroDrops);
    await lab.closeTcp();
  });
});

describe.skipIf(missing('qemu', labAvailable()))('provider lab: v6plus fixed IP and the update server', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await boot('v6plus-fixed');
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('the BR follows the last registration: dead before the update, working after it; wrong credentials are refused', async () => {
    const p = lab.params;
    expect(p).toMatchObject({ mode: 'fixed', ipv4: LAB_FIXED.ipv4, br: LAB_FIXED.br, ceAddress: '240b:11:b901:1800:cb:71:a00:0' });
    const setup = await lab.exec(`bash <<'__FIXED__'
set -e
ip -6 addr add ${p.ceAddress}/128 dev ${T.wanIf}
ip -6 tunnel add ipip mode ip4ip6 remote ${p.br} local ${p.ceAddress} dev ${T.wanIf} encaplimit none
ip link set ipip mtu 1460 up
ip addr add ${p.ipv4}/32 dev ipip
ip route replace default dev ipip
echo 1 >/proc/sys/net/ipv4/ip_forward
nft add table ip labce
nft 'add chain ip labce post { type nat hook postrouting priority srcnat; }'
nft add rule ip labce post oifname ipip snat to ${p.ipv4}
${WAIT_DAD}
__FIXED__`);
    expect(setup.exitCode, setup.output).toBe(0);
    expect(await lab.registered()).toBe('2001:db8:dead::1');

    let br0 = await lab.brCounters();
    expect((await ping(lab, 2)).received).toBe(0);
    let br1 = await lab.brCounters();
    expect(delta(br1, br0, 'wrong_source_drop')).toBeGreaterThanOrEqual(2);

    const bad = await lab.exec(`curl -s -6 -w ' %{http_code}' --interface ${p.ceAddress} 'http://${LAB_UPDATE.hosts[0]}/update?user=${LAB_UPDATE.user}&pass=wrong'`);
    expect(bad.output.trim()).toBe('NG 401');
    expect(await lab.registered()).toBe('2001:db8:dead::1');

    const ok = await lab.exec(`curl -s -6 -w ' %{http_code}' --interface ${p.ceAddress} 'http://${LAB_UPDATE.hosts[0]}/update?user=${LAB_UPDATE.user}&pass=${LAB_UPDATE.pass}'`);
    expect(ok.output.trim()).toBe('OK 200');
    expect(await lab.registered()).toBe(p.ceAddress);
    await lab.brPeerIs(p.ceAddress);

    br0 = await lab.brCounters();
    const pr = await ping(lab, 2);
    expect(pr.received, pr.output).toBe(2);
    const http = await lab.lanHttpGet('/');
    expect(http.body).toContain(`you are ${p.ipv4}:`);
    br1 = await lab.brCounters();
    expect(dropDeltas(br1, br0)).toEqual(zeroDrops);
    expect(await lab.updateLog()).toContain(`${p.ceAddress} GET /update?user=${LAB_UPDATE.user}&pass=${LAB_UPDATE.pass} -> OK`);

    // Registering from another source (here: the CE's ordinary WAN address) moves the BR away again.
    await lab.exec(`curl -s -6 --interface ${p.wanAddress} 'http://${LAB_UPDATE.hosts[0]}/update?user=${LAB_UPDATE.user}&pass=${LAB_UPDATE.pass}'`);
    expect(await lab.registered()).toBe(p.wanAddress);
    await lab.brPeerIs(p.wanAddress);
    expect((await ping(lab, 1)).received).toBe(0);
  });
});
