/**
 * Field report 003 in the provider lab: a BIGLOBE line whose hand-made CE (tunnel `mape`) aims at the DMR ::64
 * with the default encaplimit, has no CE address, and SNATs tcp/udp into the first 16-port block only.
 * IPoE Doctor diagnoses it, takes the tunnel over (--replace-existing mape), applies the datapath and the LAN
 * host reaches the Internet host; rollback brings back exactly the state before apply (the broken one).
 * Then v6plus fixed IP: the BR accepts the CE only after the app's update-server notification from the CE address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_FIXED, LAB_TOPOLOGY, LAB_UPDATE, labAvailable, shq, startLab, type Lab } from '../lab/lab.js';
import { ceState, stateDifferences, linuxCe } from './cli.js';
import { missing } from '../support/real-parts.js';

const INET = `${LAB_TOPOLOGY.inetHost}:80`;

describe.skipIf(missing('qemu', labAvailable()))('field report 003 (BIGLOBE) in the lab', () => {
  let lab: Lab;
  let before: Awaited<ReturnType<typeof ceState>>;

  beforeAll(async () => {
    lab = await startLab({ service: 'biglobe', ceState: 'field-003' });
    before = await ceState(lab);
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('the LAN host cannot reach the Internet host through the broken CE', async () => {
    expect((await lab.lanHttpGet('/', 4)).ok).toBe(false);
  });

  it('linux-ce diagnose names the causes from the live CE', async () => {
    const r = await linuxCe(lab, ['diagnose', '--service', 'biglobe', '--prefix', lab.params.prefix, '--json']);
    expect(r.code, r.stderr).toBe(1);
    const codes = (JSON.parse(r.stdout) as { findings: { code: string }[] }).findings.map((f) => f.code);
    for (const c of ['BR_ADDRESS_WRONG', 'ENCAPLIMIT_PRESENT', 'CE_ADDRESS_NOT_ASSIGNED', 'PORTSET_PARTIAL', 'ICMP_NOT_TRANSLATED']) {
      expect(codes, r.stdout).toContain(c);
    }
  });

  it("the diagnosis's nft fix for PORTSET_PARTIAL runs as-is on the lab's nft (in a throwaway namespace), and its undo removes it", async () => {
    const r = await linuxCe(lab, ['diagnose', '--service', 'biglobe', '--prefix', lab.params.prefix, '--json']);
    type Fix = { commands: string[]; inverse: string[] };
    const fix = (JSON.parse(r.stdout) as { findings: { code: string; fix?: Fix }[] }).findings.find((f) => f.code === 'PORTSET_PARTIAL')?.fix;
    expect(fix, r.stdout).toBeDefined();
    const inNs = (cmds: string[]) => lab.exec(`/usr/sbin/ip netns exec plancheck sh -ec ${shq(cmds.join('\n').replace(/^nft /gm, '/usr/sbin/nft '))}`);
    await lab.exec('/usr/sbin/ip netns add plancheck');
    try {
      const applied = await inNs(fix!.commands);
      expect(applied.exitCode, applied.output).toBe(0);
      const table = (await inNs(['nft list table ip ipoe_doctor'])).output;
      // nft lists `snat ip to` of an ip table as `snat to`; every block has its rule, with its own mark.
      lab.params.portRanges.forEach(([a, b], i) =>
        expect(table).toContain(`meta mark 0x${(0x10 + i).toString(16).padStart(8, '0')} meta l4proto { icmp, tcp, udp } snat to ${lab.params.ipv4}:${a}-${b} persistent`),
      );
      const undone = await inNs(fix!.inverse);
      expect(undone.exitCode, undone.output).toBe(0);
      expect((await inNs(['nft list tables'])).output.trim()).toBe('');
    } finally {
      await lab.exec('/usr/sbin/ip netns del plancheck');
    }
  });

  it('detect sees the WAN, the RA prefix and the user tunnel; plan shows the takeover of mape', async () => {
    const d = await linuxCe(lab, ['detect', '--json']);
    const facts = (JSON.parse(d.stdout) as { facts: { wan: string; ip6tnl: string; prefix: { prefix: string }; gaps: { code: string }[] } }).facts;
    expect(facts).toMatchObject({ wan: 'eth1', ip6tnl: 'ok', prefix: { prefix: lab.params.prefix64 } });
    expect(facts.gaps.map((g) => g.code)).toContain('EXISTING_TUNNEL');
    const p = await linuxCe(lab, ['plan', '--service', 'biglobe', '--replace-existing', 'mape', '--verify-host', INET]);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toContain('take over the existing tunnel mape (remote 2404:9200:225:100::64');
    expect(p.stdout).toContain(`remote ${lab.params.br} local ${lab.params.ceAddress} dev eth1 encaplimit none`);
    // Nothing ran: the user's tunnel is still there.
    expect((await lab.exec('/usr/sbin/ip -6 tunnel show mape')).exitCode).toBe(0);
  });

  it('apply takes over mape, verifies ping + TCP through ipoe0, and the LAN host pings and fetches HTTP', async () => {
    const r = await linuxCe(lab, ['apply', '--service', 'biglobe', '--replace-existing', 'mape', '--verify-host', INET, '--yes']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/✓ ping 198\.51\.100\.10 through ipoe0/);
    expect(r.stdout).toMatch(/✓ TCP connection to 198\.51\.100\.10:80 through ipoe0/);
    expect((await lab.exec('/usr/sbin/ip -6 tunnel show ipoe0')).output).toContain('encaplimit none');
    expect((await lab.exec('/usr/sbin/ip link show mape')).exitCode).not.toBe(0);

    const ping = await lab.vmExec('lan', `ping -c 3 -W 3 -w 10 ${LAB_TOPOLOGY.inetHost}`);
    expect(ping.output).toMatch(/3 (packets )?received/);
    const http = await lab.lanHttpGet('/');
    expect(http.ok, http.output).toBe(true);
    const counters = await lab.brCounters();
    expect(counters.dstopt_drop?.packets ?? 0).toBe(0);
  });

  it('apply again changes nothing', async () => {
    const mid = await ceState(lab);
    const r = await linuxCe(lab, ['apply', '--service', 'biglobe', '--replace-existing', 'mape', '--verify-host', INET, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    // What the script printed as it ran (not the script shown before it): only the nft table is re-loaded.
    expect(r.stdout).not.toMatch(/^ipoe-doctor: \d+\/\d+ done: (?!nft)/m);
    expect(r.stdout).toMatch(/^ipoe-doctor: 1\/9 already in place: take over the existing tunnel mape/m);
    expect(stateDifferences(mid.snapshot, (await ceState(lab)).snapshot)).toBe('');
  });

  it('rollback leaves ip and nft state identical to before apply (the user tunnel mape is back)', async () => {
    const r = await linuxCe(lab, ['rollback']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('identical to the state before apply');
    const after = await ceState(lab);
    expect(stateDifferences(before.snapshot, after.snapshot)).toBe('');
    expect(after.tunnels).toBe(before.tunnels);
    expect(after.ruleset).toBe(before.ruleset);
    expect((await lab.lanHttpGet('/', 4)).ok).toBe(false);
  });
});

describe.skipIf(missing('qemu', labAvailable()))('v6plus fixed IP in the lab: the BR follows the update-server notification', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ service: 'v6plus-fixed' });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('apply notifies the update server over IPv6 from the CE address; IPv4 passes only while that registration stands', async () => {
    expect(await lab.registered()).not.toBe(lab.params.ceAddress);
    const notice = ['--fixed-ipv4', LAB_FIXED.ipv4, '--fixed-iid', LAB_FIXED.interfaceId, '--br', LAB_FIXED.br, '--update-user', LAB_UPDATE.user];
    const plan = await linuxCe(lab, ['plan', '--service', 'v6plus-fixed', ...notice, '--verify-host', INET], { IPOE_UPDATE_PASS: LAB_UPDATE.pass });
    expect(plan.stdout).not.toContain(LAB_UPDATE.pass);
    expect(plan.stdout).toContain('pass=$IPOE_UPDATE_PASS');

    const r = await linuxCe(lab, ['apply', '--service', 'v6plus-fixed', ...notice, '--verify-host', INET, '--yes'], { IPOE_UPDATE_PASS: LAB_UPDATE.pass });
    expect(`${r.stdout}${r.stderr}`).not.toContain(LAB_UPDATE.pass);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('update server: OK (HTTP 200)');
    expect(await lab.registered()).toBe(lab.params.ceAddress);
    await lab.brPeerIs(lab.params.ceAddress);
    expect(await lab.updateLog()).toContain(`${lab.params.ceAddress} GET /update?user=${LAB_UPDATE.user}&pass=`);
    const http = await lab.lanHttpGet('/');
    expect(http.ok, http.output).toBe(true);
    expect(http.body).toContain(LAB_FIXED.ipv4);

    // Another device registers the contract (as a second router calling the update server would): the BR now
    // answers it, not us, and IPv4 dies although nothing on the CE changed ...
    await lab.exec('echo 2001:db8:dead::1 >/run/lab/registered');
    await lab.brPeerIs('2001:db8:dead::1');
    expect((await lab.lanHttpGet('/', 4)).ok).toBe(false);
    // ... until the app notifies again: apply re-sends the notification (every other step is already in place).
    const again = await linuxCe(lab, ['apply', '--service', 'v6plus-fixed', ...notice, '--verify-host', INET, '--yes'], { IPOE_UPDATE_PASS: LAB_UPDATE.pass });
    expect(again.code, `${again.stdout}\n${again.stderr}`).toBe(0);
    expect(await lab.registered()).toBe(lab.params.ceAddress);
    await lab.brPeerIs(lab.params.ceAddress);
    expect((await lab.lanHttpGet('/')).ok).toBe(true);

    const back = await linuxCe(lab, ['rollback']);
    expect(back.code, back.stdout).toBe(0);
    expect((await lab.exec('[ -e /etc/ipoe-doctor/update-pass ]')).exitCode).not.toBe(0);
  });
});
