/**
 * The gather reads no command it does not need: for each rule family, the plan without its rules loses exactly the
 * commands only those rules read, and nothing else; every command of the full plan has a rule that reads it.
 */
import { describe, expect, it } from 'vitest';
import { planGather } from '../../../main/gather/plan.js';
import { gatherRtx, planFactsOf } from '../../../main/gather/gather-rtx.js';
import { createContext } from '../../../shared/diagnosis/context.js';
import { ALL_RULES } from '../../../shared/diagnosis/registry.js';
import type { Rule } from '../../../shared/diagnosis/rule.js';
import type { CommandOutput } from '../../../shared/diagnosis/input.js';
import { consoleFeatures } from '../../../shared/rtx/console-features.js';
import { openTwin } from '../simulator/twin-helpers.js';

const outputsOf = new Map<string, CommandOutput[]>();
async function gathered(id: string): Promise<CommandOutput[]> {
  if (!outputsOf.has(id)) {
    const { session } = await openTwin(id, { admin: true });
    outputsOf.set(id, await gatherRtx(session, ALL_RULES, () => undefined));
    await session.close();
  }
  return outputsOf.get(id)!;
}

/** The commands both passes would read for these rules on the router a twin scenario describes. */
async function plan(id: string, rules: readonly Rule[], grep = true): Promise<string[]> {
  const ctx = createContext({ platform: 'rtx', source: 'live', outputs: await gathered(id) });
  const first = planGather(rules, null, { grep }).map((s) => s.command);
  const second = planGather(rules, planFactsOf(ctx), { grep }).map((s) => s.command);
  return [...new Set([...first, ...second])].sort();
}

const without = (codes: readonly string[]) => ALL_RULES.filter((r) => !codes.includes(r.code));

const FAMILIES: { family: string; scenario: string; codes: string[]; leave: string[] }[] = [
  { family: 'fixed-IP update notification', scenario: 'fixed-ip-br-typo', codes: ['FIXEDIP_UPDATE_FAILED'], leave: ['show log reverse | grep "IPv6 address"'] },
  {
    family: 'NAT and port set',
    scenario: 'v6plus-rtx830',
    codes: ['NAT_DESCRIPTOR_MISSING', 'PORTSET_OUTSIDE', 'PORTSET_PARTIAL', 'FIXEDIP_NAT_OUTER_MISMATCH'],
    leave: ['show nat descriptor address 1000'],
  },
  {
    family: 'tunnel status',
    scenario: 'busy-office-rtx1300',
    codes: ['BR_ADDRESS_WRONG', 'TUNNEL_DISABLED', 'TUNNEL_NO_RX', 'ICMP_NOT_TRANSLATED'],
    leave: ['show status tunnel 1'],
  },
  { family: 'BR reachability', scenario: 'busy-office-rtx1300', codes: ['BR_UNREACHABLE'], leave: ['ping6 2404:9200:225:100::65'] },
  { family: 'DS-Lite AFTR name', scenario: 'transix-dslite', codes: ['AFTR_NAME_UNRESOLVED'], leave: ['show log reverse | grep gw.transix.jp'] },
  { family: 'IPv4 default route', scenario: 'busy-office-rtx1300', codes: ['DEFAULT_ROUTE_NOT_TUNNEL'], leave: ['show ip route'] },
  {
    family: 'IPv6 prefix',
    scenario: 'ra-line-dhcp-prefix',
    codes: ['IPV6_NO_PREFIX', 'IPV6_PREFIX_SOURCE_MISMATCH', 'CE_ADDRESS_WRONG'],
    leave: ['show ipv6 address', 'show ipv6 route'],
  },
  {
    family: 'model and firmware',
    scenario: 'busy-office-rtx1300',
    codes: ['FIRMWARE_TOO_OLD', 'DEVICE_UNSUPPORTED_SERVICE', 'DEVICE_MODEL_UNLISTED'],
    leave: ['show environment'],
  },
  {
    family: 'IPv4 set-up from nothing (the DS-Lite AFTR names a router without a tunnel resolves)',
    scenario: 'factory-xpass-rtx1210',
    codes: ['IPV4_TUNNEL_MISSING'],
    leave: ['ping6 -c 1 dgw.xpass.jp', 'ping6 -c 1 dslite.v6connect.net', 'ping6 -c 1 gw.transix.jp'],
  },
];

describe('the gather plan reads what its rules need, and nothing else', () => {
  for (const f of FAMILIES) {
    it(`${f.family}: delete its rules and ${f.leave.join(', ')} leave the plan`, async () => {
      const all = await plan(f.scenario, ALL_RULES);
      const rest = await plan(f.scenario, without(f.codes));
      expect(all).toEqual(expect.arrayContaining(f.leave));
      expect(all.filter((c) => !rest.includes(c))).toEqual([...f.leave].sort());
    }, 60_000);
  }

  it('every rule: deleting it removes exactly the commands no other rule reads', async () => {
    for (const scenario of ['busy-office-rtx1300', 'transix-dslite', 'v6plus-rtx830']) {
      const all = await plan(scenario, ALL_RULES);
      for (const rule of ALL_RULES.filter((r) => r.needs.rtx)) {
        const alone = await plan(scenario, [rule]);
        const others = await plan(scenario, without([rule.code]));
        expect(all.filter((c) => !others.includes(c)), `${scenario} ${rule.code}`).toEqual(alone.filter((c) => !others.includes(c)));
      }
      // Every command read has a rule that reads it: the union of each rule alone is the whole plan.
      const union = new Set<string>();
      for (const rule of ALL_RULES) for (const c of await plan(scenario, [rule])) union.add(c);
      expect([...union].sort()).toEqual(all);
    }
  }, 120_000);

  it('no rule, no command; a line that cannot use a read does not get it', async () => {
    expect(await plan('busy-office-rtx1300', [])).toEqual([]);
    // MAP-E: no update script to check, no AFTR name: the log is not read at all.
    expect((await plan('v6plus-rtx830', ALL_RULES)).filter((c) => c.startsWith('show log'))).toEqual([]);
    // DS-Lite: no NAT descriptor on the tunnel, so no NAT table.
    expect((await plan('transix-dslite', ALL_RULES)).filter((c) => c.startsWith('show nat'))).toEqual([]);
  }, 60_000);

  it('per model: where the firmware has no `| grep`, the log is read newest first and stopped at the pager', async () => {
    expect(consoleFeatures('10.01.78')).toMatchObject({ grep: false, logReverse: true });
    expect(consoleFeatures('23.00.04').grep).toBe(true);
    const ctx = createContext({ platform: 'rtx', source: 'live', outputs: await gathered('fixed-ip-br-typo') });
    const steps = planGather(ALL_RULES, planFactsOf(ctx), { grep: false });
    expect(steps.some((s) => s.command.includes('|'))).toBe(false);
    const log = steps.find((s) => s.command === 'show log reverse');
    expect(log?.stopWhen).toBeDefined();
    // It stops at the newest `OK to update` line: what came before no longer matters.
    expect(log!.stopWhen!(['2022/12/13 01:40:01: [DHCPD] LAN1(port1) Allocates 192.168.182.9: 00:11:22:33:44:55'])).toBe(false);
    expect(log!.stopWhen!(['2022/12/13 01:42:55: [v6plus] OK to update IPv6 address. (code=200, body=OK'])).toBe(true);
    // With grep, the same read is one grep'd command that falls back to it.
    const grep = planGather(ALL_RULES, planFactsOf(ctx), { grep: true }).find((s) => s.command.startsWith('show log'));
    expect(grep).toMatchObject({ command: 'show log reverse | grep "IPv6 address"', withoutGrep: { command: 'show log reverse' } });
  }, 60_000);
});
