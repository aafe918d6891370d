/**
 * DS-Lite on real lines, in the lab: transix, Xpass and v6 Connect, each behind an AFTR (ip6tnl + NAT44, strict:
 * it drops tunnel packets with the encapsulation-limit option and counts them). The line's DNS (dnsmasq on the NGN
 * side, handed out by RA and stateless DHCPv6) answers each AFTR name with a lab address that is in no catalog, so a
 * tunnel that works proves the address came from DNS. v6 Connect's AFTR name comes from the provider's own HB46PP
 * answer, as on the real line; transix is on an NTT West line (search domain flets-west.jp).
 * For each: `linux-ce plan` says where the AFTR came from, `linux-ce apply` verifies ping + TCP, the LAN pings and
 * fetches through the AFTR, 260 concurrent TCP connections pass, and the AFTR's drop counters stay 0. For each,
 * a script exported by `linux-ce plan --export` on this computer (which never asked that DNS) reaches the AFTR
 * when it runs on the CE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAB_AFTR, LAB_APP_SERVICE, LAB_LINE, LAB_TOPOLOGY, labAvailable, startLab, type Counters, type Lab } from '../lab/lab.js';
import { SERVICES } from '../../shared/services/index.js';
import { linuxCe, linuxCeOffline, putOnCe } from './cli.js';
import { missing } from '../support/real-parts.js';

const T = LAB_TOPOLOGY;
const INET = `${T.inetHost}:80`;
const DROPS = ['dstopt_drop', 'not_ipip_drop', 'wrong_source_drop', 'wrong_ipv4_drop'] as const;
const drops = (after: Counters, before: Counters) => Object.fromEntries(DROPS.map((d) => [d, (after[d]?.packets ?? 0) - (before[d]?.packets ?? 0)]));
const zero = Object.fromEntries(DROPS.map((d) => [d, 0]));
/** The AFTR's own IPv4 on the Internet side: what its NAT44 makes of every B4's 192.0.0.2. */
const AFTR_PUBLIC = T.brInetSide;
const V6CONNECT_ANSWER = { ttl: 86400, token: 'c'.repeat(64), dslite: { aftr: 'dslite.v6connect.net' }, order: ['dslite'] };

const CATALOG_ADDRESSES = SERVICES.flatMap((s) => s.endpoints.value.flatMap((e) => (e.address ? [e.address] : [])));

async function ping(lab: Lab, count = 3): Promise<number> {
  const r = await lab.vmExec('lan', `ping -c ${count} -i 0.3 -W 3 -w ${count + 6} ${T.inetHost}`, { timeoutMs: lab.scaled(40_000) });
  return Number(/(\d+) (?:packets )?received/.exec(r.output)?.[1] ?? 0);
}

const CASES = [
  { service: 'transix', opts: { domain: 'flets-west.jp' }, region: 'NTT West: the line\'s search domain is flets-west.jp' },
  { service: 'xpass', opts: {}, region: null },
  { service: 'v6connect', opts: { hb46pp: V6CONNECT_ANSWER }, region: null },
] as const;

describe.skipIf(missing('qemu', labAvailable()))('DS-Lite in the lab', () => {
  describe.each(CASES)('$service', ({ service, opts, region }) => {
    let lab: Lab;
    const aftr = LAB_AFTR[service];
    const id = LAB_APP_SERVICE[service];
    beforeAll(async () => {
      lab = await startLab({ service, ...opts });
    });
    afterAll(async () => {
      await lab?.stop();
    });

    it('the lab AFTR address is in no catalog; plan finds it over the line\'s DNS and says where it came from', async () => {
      expect(CATALOG_ADDRESSES).not.toContain(aftr.address);
      const r = await linuxCe(lab, ['plan', '--service', id, '--verify-host', INET]);
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(`  source: AFTR ${aftr.name} is ${aftr.address} on this line: the line's DNS (${LAB_LINE.dns}) said so while planning, and the script asks it again each time it runs`);
      if (region) expect(r.stdout).toContain(`  source: ${region}`);
      if (service === 'v6connect') {
        expect(r.stdout).toContain(`  source: AFTR dslite.v6connect.net: the provider's own value, from its provisioning server (${LAB_LINE.provisioning}, HB46PP)`);
      } else {
        expect(r.stdout).toMatch(/source: the provider's provisioning \(HB46PP\) could not be used \(the line's DNS \(2001:db8:53::53\) says there is no provisioning record for 4over6.info \(NXDOMAIN\)/);
      }
      // The script resolves the name itself when it runs; the tunnel goes to $AFTR.
      expect(r.stdout).toContain(`if found=$(resolve_aaaa eth1 ${aftr.name}); then`);
      expect(r.stdout).toContain(`ip -6 tunnel add ${'ipoe0'} mode ip4ip6 remote $AFTR local ${lab.params.wanAddress} dev eth1 encaplimit none`);
    });

    it('apply verifies ping and TCP through the AFTR; the LAN pings and fetches through it; no drops', async () => {
      const before = await lab.brCounters();
      const r = await linuxCe(lab, ['apply', '--service', id, '--verify-host', INET, '--yes']);
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(`ipoe-doctor: AFTR ${aftr.name} is ${aftr.address} (the line's DNS ${LAB_LINE.dns} answered)`);
      expect(r.stdout).toMatch(/✓ ping 198\.51\.100\.10 through ipoe0/);
      expect(r.stdout).toMatch(/✓ TCP connection to 198\.51\.100\.10:80 through ipoe0/);
      expect((await lab.exec('/usr/sbin/ip -6 tunnel show ipoe0')).output).toContain(`remote ${aftr.address} local ${lab.params.wanAddress}`);
      expect(await ping(lab)).toBe(3);
      const http = await lab.lanHttpGet('/');
      expect(http.ok, http.output).toBe(true);
      expect(http.body).toContain(`you are ${AFTR_PUBLIC}:`);
      const after = await lab.brCounters();
      expect(drops(after, before)).toEqual(zero);
      expect((after.passed?.packets ?? 0) - (before.passed?.packets ?? 0)).toBeGreaterThan(0);
    });

    it('260 concurrent TCP connections pass through the AFTR; its encapsulation-limit drop counter stays 0', async () => {
      const before = await lab.brCounters();
      const res = await lab.openTcp(260, { port: 9002 });
      console.log(`[lab figures] ${service}: 260 connections ${JSON.stringify(res)}`);
      expect(res).toMatchObject({ opened: 260, failed: 0 });
      const peers = await lab.inetPeers(9002);
      expect(peers).toHaveLength(260);
      expect(new Set(peers.map((p) => p.address))).toEqual(new Set([AFTR_PUBLIC]));
      const after = await lab.brCounters();
      expect(drops(after, before)).toEqual(zero);
      expect(after.dstopt_drop?.packets ?? 0).toBe(0);
      await lab.closeTcp();
    });

    it('a script exported on this computer, which never asked the line\'s DNS, reaches the AFTR when it runs on the CE', async () => {
      const back = await linuxCe(lab, ['rollback']);
      expect(back.code, back.stdout).toBe(0);
      expect(await ping(lab, 1)).toBe(0);
      const dir = mkdtempSync(join(tmpdir(), 'dslite-export-'));
      const file = join(dir, `${service}.sh`);
      const p = await linuxCeOffline(['plan', '--service', id, '--prefix', lab.params.prefix64, '--wan', 'eth1', '--gateway', T.ngnGateway, '--local-address', lab.params.wanAddress, '--verify-host', INET, '--export', file]);
      expect(p.code, p.stderr).toBe(0);
      const script = readFileSync(file, 'utf8');
      // Nothing of the line's DNS or of the lab's AFTR is in it: the CE finds both when the script runs.
      expect(script).not.toContain(LAB_LINE.dns);
      expect(script).not.toContain(aftr.address);
      await putOnCe(lab, `/tmp/${service}.sh`, script);
      await putOnCe(lab, `/tmp/${service}.rollback.sh`, readFileSync(join(dir, `${service}.rollback.sh`), 'utf8'));
      const before = await lab.brCounters();
      const run = await lab.exec(`sh /tmp/${service}.sh`, { timeoutMs: lab.scaled(120_000) });
      expect(run.exitCode, run.output).toBe(0);
      expect(run.output).toContain(`ipoe-doctor: AFTR ${aftr.name} is ${aftr.address} (the line's DNS ${LAB_LINE.dns} answered)`);
      expect(await ping(lab)).toBe(3);
      expect((await lab.lanHttpGet('/')).body).toContain(`you are ${AFTR_PUBLIC}:`);
      expect(drops(await lab.brCounters(), before)).toEqual(zero);
      const undo = await lab.exec(`sh /tmp/${service}.rollback.sh`, { timeoutMs: lab.scaled(60_000) });
      expect(undo.exitCode, undo.output).toBe(0);
      expect((await lab.exec('/usr/sbin/ip link show ipoe0')).exitCode).not.toBe(0);
    });
  });
});
