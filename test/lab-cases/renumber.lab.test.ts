/**
 * Renumbering in the lab: a persisted CE with traffic flowing, then the NGN moves the line to another prefix (dnsmasq
 * announces the new /64 by RA and deprecates the old; vm/renumber.sh). The CE's prefix watcher (ce-watch.sh, started
 * by `linux-ce persist`) must switch to the new CE address and port set by itself within 30 s (scaled by the VM's
 * measured slowness), new connections must flow through a BR that now knows only the new CE, and for fixed IP the
 * update server must receive the new address. `linux-ce status` shows the previous and current prefix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_FIXED, LAB_TOPOLOGY, LAB_UPDATE, labAvailable, startLab, type Lab } from '../lab/lab.js';
import { linuxCe } from './cli.js';
import { missing } from '../support/real-parts.js';

const T = LAB_TOPOLOGY;
const INET = `${T.inetHost}:80`;
const WATCH_LOG = '/var/lib/ipoe-doctor/ce-watch.log';

/** Polls `probe` until it returns true; the elapsed milliseconds, or a failure that says what was last seen. */
async function within(lab: Lab, idleMs: number, probe: () => Promise<boolean>, what: () => Promise<string>): Promise<number> {
  const start = Date.now();
  const deadline = start + lab.scaled(idleMs);
  while (Date.now() < deadline) {
    if (await probe()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`not within ${lab.scaled(idleMs)} ms: ${await what()}`);
}

const inRanges = (port: number, ranges: ReadonlyArray<readonly [number, number]>) => ranges.some(([a, b]) => port >= a && port <= b);

describe.skipIf(missing('qemu', labAvailable()))('renumbering in the lab: MAP-E (v6plus)', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ service: 'v6plus', ra: true });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('persisted CE, traffic flowing; the prefix changes; within 30 s the CE uses the new CE address and port set, and only those pass', async () => {
    const old = lab.params;
    const apply = await linuxCe(lab, ['apply', '--service', 'v6plus', '--verify-host', INET, '--yes']);
    expect(apply.code, `${apply.stdout}\n${apply.stderr}`).toBe(0);
    const persist = await linuxCe(lab, ['persist']);
    expect(persist.code, `${persist.stdout}\n${persist.stderr}`).toBe(0);
    expect(persist.stdout).toContain('The prefix watcher /usr/local/lib/ipoe-doctor/ce-watch.sh runs now');
    expect(persist.stdout).toContain('ipoe-doctor: watching the prefix on eth1');
    const held = await lab.openTcp(20, { port: 9002 });
    expect(held.opened).toBe(20);

    const next = await lab.renumber('240b:13:2b47:c700::/56');
    expect(next.ceAddress).not.toBe(old.ceAddress);
    expect(next.ipv4).not.toBe(old.ipv4);
    const tunnel = () => lab.exec('/usr/sbin/ip -6 tunnel show ipoe0').then((r) => r.output);
    const ms = await within(
      lab,
      30_000,
      async () => (await tunnel()).includes(`local ${next.ceAddress} `) && (await lab.lanHttpGet('/', 4)).ok,
      async () => `${await tunnel()}\n${(await lab.exec(`cat ${WATCH_LOG}; cat /var/lib/ipoe-doctor/ce-watch.pid; ps -ef | grep ce-watch; /usr/sbin/ip -6 addr show dev eth1`)).output}`,
    );
    console.log(`renumbering (MAP-E): the CE switched and HTTP passed ${ms} ms after the prefix changed (slowness ${lab.slowness.toFixed(2)})`);

    // The Internet sees the new IPv4, from a port of the new set; the BR knows only the new CE.
    const http = await lab.lanHttpGet('/');
    expect(http.ok, http.output).toBe(true);
    const seen = /you are ([\d.]+):(\d+)/.exec(http.body);
    expect(seen?.[1]).toBe(next.ipv4);
    expect(inRanges(Number(seen?.[2]), next.portRanges)).toBe(true);
    expect((await lab.vmExec('br', 'nft list set inet br ce6')).output).not.toContain(old.ceAddress);
    const before = await lab.brCounters();
    const fresh = await lab.openTcp(60, { port: 9003 });
    expect(fresh.opened).toBe(60);
    const peers = await lab.inetPeers(9003);
    expect(peers.length).toBeGreaterThanOrEqual(60);
    expect(peers.every((p) => p.address === next.ipv4 && inRanges(p.port, next.portRanges))).toBe(true);
    const after = await lab.brCounters();
    for (const d of ['wrong_source_drop', 'wrong_ipv4_drop', 'port_drop', 'dstopt_drop']) expect((after[d]?.packets ?? 0) - (before[d]?.packets ?? 0), d).toBe(0);
    // The old CE address is gone from the WAN; the boot copy follows the new one (a reboot must not bring back the old).
    expect((await lab.exec('/usr/sbin/ip -6 addr show dev eth1')).output).not.toContain(`${old.ceAddress}/128`);
    const up = (await lab.exec('cat /usr/local/lib/ipoe-doctor/ce-up.sh')).output;
    expect(up).toContain(next.ceAddress);
    expect(up).not.toContain(old.ceAddress);
    expect((await lab.exec(`cat ${WATCH_LOG}`)).output).toMatch(new RegExp(`now CE ${next.ceAddress}, IPv4 ${next.ipv4.replaceAll('.', '\\.')} \\(was ${old.ceAddress}, ${old.ipv4.replaceAll('.', '\\.')}\\)`));

    const status = await linuxCe(lab, ['status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(`Prefix now: ${next.prefix64} (CE ${next.ceAddress}, IPv4 ${next.ipv4})`);
    expect(status.stdout).toContain(`Prefix before: ${old.prefix64}`);
    expect(status.stdout).toMatch(/Last re-plan: \d{4}-\d\d-\d\dT[\d:]+Z: re-planned/);
    await lab.closeTcp();
  });
});

describe.skipIf(missing('qemu', labAvailable()))('renumbering in the lab: fixed IP (v6plus)', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ service: 'v6plus-fixed', ra: true });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('the prefix changes; within 30 s the update server has the new CE address and IPv4 flows again', async () => {
    const old = lab.params;
    const notice = ['--fixed-ipv4', LAB_FIXED.ipv4, '--fixed-iid', LAB_FIXED.interfaceId, '--br', LAB_FIXED.br, '--update-user', LAB_UPDATE.user];
    const apply = await linuxCe(lab, ['apply', '--service', 'v6plus-fixed', ...notice, '--verify-host', INET, '--yes'], { IPOE_UPDATE_PASS: LAB_UPDATE.pass });
    expect(apply.code, `${apply.stdout}\n${apply.stderr}`).toBe(0);
    expect(await lab.registered()).toBe(old.ceAddress);
    const persist = await linuxCe(lab, ['persist']);
    expect(persist.code, `${persist.stdout}\n${persist.stderr}`).toBe(0);
    expect((await lab.lanHttpGet('/')).ok).toBe(true);

    const next = await lab.renumber('240b:11:b901:2a00::/56');
    expect(next.ceAddress).not.toBe(old.ceAddress);
    const ms = await within(
      lab,
      30_000,
      async () => (await lab.registered()) === next.ceAddress && (await lab.lanHttpGet('/', 4)).ok,
      async () => `registered ${await lab.registered()}\n${(await lab.exec(`cat ${WATCH_LOG}`)).output}`,
    );
    console.log(`renumbering (fixed IP): the update server had the new CE and HTTP passed ${ms} ms after the prefix changed (slowness ${lab.slowness.toFixed(2)})`);
    expect(await lab.updateLog()).toContain(`${next.ceAddress} GET /update?user=${LAB_UPDATE.user}&pass=`);
    const http = await lab.lanHttpGet('/');
    expect(http.body).toContain(LAB_FIXED.ipv4);
    expect((await lab.exec('/usr/sbin/ip -6 tunnel show ipoe0')).output).toContain(`local ${next.ceAddress} `);
    const log = (await lab.exec(`cat ${WATCH_LOG}`)).output;
    expect(log).toContain(`update server told of ${next.ceAddress}`);
    expect(log).not.toContain(LAB_UPDATE.pass);
  });

  it('the fixed-IP findings run in real Linux diagnosis: a SNAT to another address, an interface ID the fixed IPv4 does not imply', async () => {
    const nat = await lab.exec('/usr/sbin/nft insert rule ip ipoe_doctor snat_fixed_ip oifname "ipoe0" snat ip to 203.0.113.99');
    expect(nat.exitCode, nat.output).toBe(0);
    const notice = ['--fixed-ipv4', LAB_FIXED.ipv4, '--fixed-iid', '::cb:71:a00:5', '--br', LAB_FIXED.br];
    const r = await linuxCe(lab, ['diagnose', '--service', 'v6plus-fixed', ...notice, '--no-provisioning', '--json']);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ code: string; data?: Record<string, unknown> }> }).findings;
    const nat2 = findings.find((f) => f.code === 'FIXEDIP_NAT_OUTER_MISMATCH');
    expect(nat2, r.stdout).toBeDefined();
    const iid = findings.find((f) => f.code === 'FIXEDIP_IID_MISMATCH');
    expect(iid?.data).toMatchObject({ interfaceId: '::cb:71:a00:5', implied: LAB_FIXED.interfaceId, fixedIpv4: LAB_FIXED.ipv4 });
  });
});
