import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildPlan, type PlanInput } from '../../../../shared/linux/datapath/plan.js';
import { replaceExistingStep } from '../../../../shared/linux/datapath/existing-tunnel.js';
import { MAPE_TUNNEL } from './cases.js';

const INPUTS: Record<string, PlanInput> = {
  biglobe: { service: 'biglobe', prefix: '2404:7a82:4d02:4100::/56', wan: 'eth1', gateway: 'fe80::a611:bbff:fe7d:ee11' },
  ocn: { service: 'ocn-vc', prefix: '2400:4050:1:2300::/56', wan: 'eth1', gateway: 'fe80::1' },
  fixed: {
    service: 'v6plus-fixed',
    prefix: '240b:10:1:2300::/64',
    wan: 'eth1',
    gateway: 'fe80::1',
    fixedIpv4: '203.0.113.10',
    fixedIid: '::cb:71:a00:0',
    updateUser: 'user01',
  },
  dslite: { service: 'transix-dslite', prefix: '2409:10:1:2300::/64', wan: 'eth1', gateway: 'fe80::1' },
};

/** Lines of the script between `if CHECK; then … else` and `fi` of each step, by step number. */
function stepBlocks(script: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of script.split('\n')) {
    const m = /^# (\d+\/\d+) /.exec(line);
    if (m) blocks.set(m[1]!, (current = []));
    else if (current) current.push(line);
  }
  return blocks;
}

describe.each(Object.entries(INPUTS))('linux-ce scripts (%s)', (_name, input) => {
  const plan = buildPlan(input);

  it('are valid POSIX sh (dash -n) and the nft table is inline in the apply script', () => {
    for (const s of [plan.script, plan.rollbackScript, plan.upScript]) execFileSync('/bin/sh', ['-n'], { input: s });
    expect(plan.script).toContain(plan.nftRuleset.trimEnd());
    expect(plan.upScript).toContain('nft -f /etc/ipoe-doctor/ipoe-doctor.nft');
  });

  it('is idempotent by construction: every add/replace is inside a step guarded by its check, or converges atomically', () => {
    for (const [n, lines] of stepBlocks(plan.script)) {
      const s = plan.steps[Number(n.split('/')[0]) - 1]!;
      const adds = lines.filter((l) => /\b(add|replace)\b/.test(l) && !/^\s*say /.test(l) && !/^\t*#/.test(l));
      if (s.check === null) {
        // Only the nft table (declare + delete + create in one transaction), the notification and DS-Lite's AFTR
        // look-up (it sets $AFTR and removes only our own route to an AFTR that moved) run every time.
        expect(['nft-table', 'update-notify', 'aftr']).toContain(s.id);
        continue;
      }
      expect(lines[0]).toBe(`if ${s.check}; then`);
      expect(lines[2]).toBe('else');
      for (const a of adds) expect(lines.indexOf(a)).toBeGreaterThan(2);
    }
  });

  it('journals each changing step before it acts, and never journals the notification', () => {
    for (const s of plan.steps) {
      if (s.kind === 'action') expect(plan.script).not.toContain(`journal ${s.id}\n`);
      else expect(plan.script).toMatch(new RegExp(`\\tjournal ${s.id.replace(/[.:]/g, '\\$&')}\\n|\\njournal ${s.id.replace(/[.:]/g, '\\$&')}\\n`));
    }
  });

  it('rolls back exactly what apply changes: each journaled step has an undo, newest first', () => {
    const undoable = plan.steps.filter((s) => s.kind !== 'action');
    for (const s of undoable) expect(s.undo.length, s.id).toBeGreaterThan(0);
    const order = [...plan.rollbackScript.matchAll(/^if journaled (\S+); then$/gm)].map((m) => m[1]);
    expect(order).toEqual(undoable.map((s) => s.id).reverse());
    // Everything the apply adds has its inverse in rollback.
    const s = plan.summary;
    expect(plan.rollbackScript).toContain('undo ip -6 tunnel del ipoe0');
    expect(plan.rollbackScript).toContain('undo nft delete table ip ipoe_doctor');
    expect(plan.rollbackScript).toContain(`ip -4 addr del ${s.ipv4}/`);
    expect(plan.rollbackScript).toContain('restore_routes default4 -4');
    // DS-Lite by name: the AFTR is the address the last run used, read back from the state.
    const br = plan.steps.some((x) => x.id === 'aftr') ? '$AFTR' : s.br;
    if (br === '$AFTR') expect(plan.rollbackScript).toContain('AFTR=$(cat "$STATE/aftr" 2>/dev/null) || AFTR=2404:8e00::feed:100');
    expect(plan.rollbackScript).toContain(`ip -6 route del ${br}/128 via ${s.gateway} dev ${s.wan}`);
    expect(plan.rollbackScript).toContain('restore_routes br6 -6');
    expect(plan.rollbackScript).toContain('restore_sysctl net.ipv4.ip_forward');
    expect(plan.rollbackScript).toContain('restore_sysctl net.ipv4.conf.all.rp_filter');
    if (plan.steps.some((x) => x.id === 'ce-address')) expect(plan.rollbackScript).toContain(`undo ip -6 addr del ${s.ce}/128 dev ${s.wan}`);
  });
});

describe('--replace-existing (field report 003 tunnel mape)', () => {
  const mape = MAPE_TUNNEL;

  it('removes the tunnel in apply and re-creates it exactly, with its address, state and routes, in rollback', () => {
    const step = replaceExistingStep(mape);
    expect(step.check).toBe('! ip link show dev mape >/dev/null 2>&1');
    expect(step.apply).toEqual(['ip -6 tunnel del mape']);
    expect(step.undo).toEqual([
      'undo ip -6 tunnel add mape mode ip4ip6 remote 2404:9200:225:100::64 local 2404:7a82:4d02:4100:85:d10d:200:4100 dev eth1 encaplimit 4 hoplimit 64 tclass 0x00 flowlabel 0x00000',
      'undo ip link set dev mape mtu 1452',
      'undo ip -4 addr add 133.209.13.2/32 dev mape',
      'undo ip link set dev mape up',
      'undo ip -6 addr flush dev mape scope link',
      'undo ip -6 addr add fe80::85d1:d02/64 dev mape',
      'undo ip -4 route replace default dev mape',
    ]);
  });

  it('is the first step of the plan and the last one undone', () => {
    const plan = buildPlan({ ...INPUTS.biglobe!, replaceExisting: [mape] });
    expect(plan.steps[0]!.id).toBe('replace:mape');
    const order = [...plan.rollbackScript.matchAll(/^if journaled (\S+); then$/gm)].map((m) => m[1]);
    expect(order.at(-1)).toBe('replace:mape');
    execFileSync('/bin/sh', ['-n'], { input: plan.rollbackScript });
  });
});
