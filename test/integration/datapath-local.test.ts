/**
 * Linux CE mode on THIS host, for real. The host has no ip6tnl (the build machines' kernel lacks
 * ip6_tunnel), so: detection must say so with a hint; the plan's nft table is loaded into a throwaway network
 * namespace and must list back with every port block intact; and apply → apply again → rollback runs, in such a
 * namespace with its own /var/lib, with a veth `ipoe0` standing in for the tunnel, and must leave ip and nft
 * state identical. Only loopback and our own namespaces are ever touched. The tunnel itself needs the lab.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netnsTarget, sh, skipWithoutNetnsAndNft } from '../support/shell.js';
import { applyPlan, readState, rollback } from '../../main/datapath/apply.js';
import { buildPlan, type DatapathPlan, type PlanInput } from '../../shared/linux/datapath/plan.js';
import { renderApplyScript, renderRollbackScript } from '../../shared/linux/datapath/script.js';
import type { Target } from '../../main/datapath/target.js';
import { parseNftJson } from '../../shared/linux/index.js';
import { snatStatements } from '../../shared/linux/nft-model.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'ipoe-doctor.mjs');

const skip = skipWithoutNetnsAndNft();

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1' } }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

const BIGLOBE: PlanInput = { service: 'biglobe', prefix: '2404:7a82:4d02:4100::/56', wan: 'eth1', gateway: 'fe80::a611:bbff:fe7d:ee11' };

describe('linux-ce detect --local (this host)', () => {
  it('reports the host and, without ip6tnl, says so with how to get it', async () => {
    const r = await cli('linux-ce', 'detect', '--local', '--json');
    const { facts } = JSON.parse(r.stdout) as { facts: { ip6tnl: string; kernel: string; gaps: { code: string; severity: string; message: string; hint: string }[] } };
    expect(facts.kernel).toBe(sh('uname -r').out.trim());
    if (facts.ip6tnl === 'ok') {
      expect(facts.gaps.map((g) => g.code)).not.toContain('IP6TNL_MISSING');
      return;
    }
    const gap = facts.gaps.find((g) => g.code === 'IP6TNL_MISSING' || g.code === 'IP6TNL_UNTESTED');
    expect(gap, JSON.stringify(facts.gaps)).toBeDefined();
    if (gap!.code === 'IP6TNL_MISSING') {
      expect(gap).toMatchObject({ severity: 'blocker' });
      expect(gap!.message).toMatch(/cannot create an ip6tnl tunnel/);
      expect(gap!.hint).toMatch(/modprobe ip6_tunnel/);
      expect(r.code).toBe(1);
    }
    // Nothing of the probe is left behind.
    expect(sh('ip netns list').out).not.toMatch(/ipoe-probe/);
  });
});

describe.skipIf(skip)("the plan's nft table in a throwaway namespace", () => {
  const ns = `ipoe-it-nft-${process.pid}`;
  beforeAll(() => void sh(`ip netns add ${ns}`));
  afterAll(() => void sh(`ip netns del ${ns}`));

  it.each([
    ['BIGLOBE', BIGLOBE, 15],
    ['OCN Virtual Connect', { service: 'ocn-vc', prefix: '2400:4050:1:2300::/56', wan: 'eth1', gateway: 'fe80::1' } as PlanInput, 63],
  ])('%s: accepted, loaded twice, one table, every block listed back intact', (_n, input, blocks) => {
    const plan = buildPlan(input);
    for (let i = 0; i < 2; i++) expect(sh(`ip netns exec ${ns} nft -f -`, plan.nftRuleset)).toMatchObject({ code: 0 });
    const listed = sh(`ip netns exec ${ns} nft -j list ruleset`);
    expect(listed.code).toBe(0);
    const nft = parseNftJson(listed.out);
    expect(nft.tables.map((t) => `${t.family} ${t.name}`)).toEqual(['ip ipoe_doctor']);
    const snats = nft.rules.flatMap(snatStatements);
    expect(snats).toHaveLength(blocks);
    for (const s of snats) {
      expect(s).toMatchObject({ address: plan.summary.ipv4, portForm: 'range', brokenMapEntries: [], persistent: true });
    }
    expect(snats.flatMap((s) => s.ports ?? [])).toEqual(plan.summary.portRanges);
    const text = sh(`ip netns exec ${ns} nft list table ip ipoe_doctor`).out;
    expect(text.match(/meta l4proto \{ icmp, tcp, udp \} snat to/g)).toHaveLength(blocks);
    expect(text).toContain('tcp option maxseg size set rt mtu');
    expect(sh(`ip netns exec ${ns} nft delete table ip ipoe_doctor`).code).toBe(0);
  });

  it('fixed IP and DS-Lite tables are accepted too', () => {
    const fixed = buildPlan({ ...BIGLOBE, service: 'v6plus-fixed', prefix: '240b:10:1:2300::/64', fixedIpv4: '203.0.113.10', fixedIid: '::cb:71:a00:0', updateUser: 'u' });
    const dslite = buildPlan({ ...BIGLOBE, service: 'transix-dslite', prefix: '2409:10:1:2300::/64' });
    for (const p of [fixed, dslite]) {
      expect(sh(`ip netns exec ${ns} nft -f -`, p.nftRuleset)).toMatchObject({ code: 0 });
      expect(sh(`ip netns exec ${ns} nft delete table ip ipoe_doctor`).code).toBe(0);
    }
  });
});

describe.skipIf(skip)('apply, apply again, rollback in a namespace (a veth stands in for ipoe0)', () => {
  const ns = `ipoe-it-ce-${process.pid}`;
  let netns: Awaited<ReturnType<typeof netnsTarget>>;
  let target: Target;

  beforeAll(async () => {
    // A shell inside the namespace with its own (empty) /var/lib, so the host's state directory is never touched.
    netns = await netnsTarget(ns, { inner: "unshare -m sh -c 'mount -t tmpfs tmpfs /var/lib && exec sh'" });
    target = netns.target;
    // Duplicate address detection stays on: the link-local addresses are still tentative when apply takes its
    // "before" snapshot, and their local routes appear only later; rollback must still prove "identical".
    const setup = [
      'link set lo up',
      // veth pairs (both ends up, so no route is `linkdown`): this kernel has no dummy module.
      'link add eth1 type veth peer name eth1-peer',
      'link set eth1-peer up',
      'link set eth1 up',
      'addr add 2404:7a82:4d02:4100:5054:ff:fe12:3456/64 dev eth1 nodad',
      'route add default via fe80::a611:bbff:fe7d:ee11 dev eth1',
      'link add lan0 type veth peer name lan0-peer',
      'link set lan0-peer up',
      'link set lan0 up',
      'addr add 10.9.9.2/24 dev lan0',
      // An IPv4 default route the plan displaces and rollback must put back.
      'route add default via 10.9.9.1 dev lan0',
      'link add ipoe0 type veth peer name ipoe0-peer',
      'link set ipoe0-peer up',
      'link set ipoe0 mtu 1460',
      'link set ipoe0 up',
    ];
    expect(sh(`ip -n ${ns} -batch -`, setup.join('\n') + '\n')).toMatchObject({ code: 0 });
    sh(`ip netns exec ${ns} sysctl -qw net.ipv4.ip_forward=0 net.ipv4.conf.all.rp_filter=1`);
  });
  afterAll(async () => {
    await netns?.close();
  });

  /** The BIGLOBE plan without the ip6tnl step, which this kernel cannot do (a veth ipoe0 stands in). */
  function planWithoutTunnel(): DatapathPlan {
    const plan = buildPlan(BIGLOBE);
    const steps = plan.steps.filter((s) => s.id !== 'tunnel');
    const opts = { header: ['test: BIGLOBE without the tunnel step'], functions: [] };
    return { ...plan, steps, script: renderApplyScript(steps, opts), rollbackScript: renderRollbackScript(steps, opts) };
  }

  it('applies, is idempotent, and rolls back to an identical ip/nft/sysctl state', async () => {
    const plan = planWithoutTunnel();
    const first = await applyPlan(target, plan);
    expect(first.ok, first.output).toBe(true);
    expect(first.firstApply).toBe(true);
    expect(first.output).toMatch(/done: CE address/);

    const state = (cmd: string) => target.run(cmd).then((r) => r.output);
    expect(await state('sysctl -n net.ipv4.ip_forward net.ipv4.conf.all.rp_filter')).toBe('1\n2\n');
    expect(await state('ip -6 addr show dev eth1 to 2404:7a82:4d02:4100:85:d10d:200:4100/128')).toContain('inet6 2404:7a82:4d02:4100:85:d10d:200:4100/128');
    expect(await state('ip -6 route show exact 2001:260:700:1::1:275/128')).toContain('via fe80::a611:bbff:fe7d:ee11 dev eth1');
    expect(await state('ip -4 route show default')).toMatch(/^default dev ipoe0/m);
    expect(await state('ip -4 addr show dev ipoe0')).toContain('inet 133.209.13.2/32');
    expect((await state('nft list table ip ipoe_doctor')).match(/snat to 133\.209\.13\.2:\d+-\d+ persistent/g)).toHaveLength(15);
    const journal = await state('cat /var/lib/ipoe-doctor/journal');

    const second = await applyPlan(target, plan);
    expect(second.ok, second.output).toBe(true);
    expect(second.firstApply).toBe(false);
    expect(second.output).not.toMatch(/\d\/\d+ done: (?!nft)/);
    expect(second.output.match(/already in place/g)?.length).toBe(plan.steps.filter((s) => s.check !== null).length);
    expect(await state('cat /var/lib/ipoe-doctor/journal')).toBe(journal);
    expect((await state('nft list tables')).trim()).toBe('table ip ipoe_doctor');

    const back = await rollback(target);
    expect(back?.output).toContain('rolled back');
    expect(back?.diff?.differences).toEqual([]);
    expect(back?.ok).toBe(true);
    expect(await state('ip -4 route show default')).toMatch(/^default via 10\.9\.9\.1 dev lan0/m);
    expect(await state('sysctl -n net.ipv4.ip_forward net.ipv4.conf.all.rp_filter')).toBe('0\n1\n');
    expect(await readState(target)).toBeNull();
    // A second rollback finds nothing to do.
    expect(await rollback(target)).toBeNull();
  });
});
