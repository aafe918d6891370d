/**
 * The gather on a busy router: it reads the log and the NAT table only as far as the rules need, falls back
 * cleanly where the console has no `| grep`, and the evidence still quotes the router's own lines with their
 * numbers: config lines by their line in `show config`, narrowed reads by their line in the command named.
 */
import { describe, expect, it } from 'vitest';
import { gatherRtx } from '../../../main/gather/gather-rtx.js';
import { ALL_RULES } from '../../../shared/diagnosis/registry.js';
import { diagnose } from '../../../shared/diagnosis/engine.js';
import type { CommandOutput } from '../../../shared/diagnosis/input.js';
import { loadScenario, type Scenario } from '../../../main/simulator/host/scenario-files.js';
import { openTwin } from '../simulator/twin-helpers.js';

async function gatherOn(id: string | Scenario): Promise<{ outputs: CommandOutput[]; typed: string; bytes: number; grep: boolean; full: (c: string) => Promise<string> }> {
  const { session, twin } = await openTwin(id, { admin: true });
  const typed: string[] = [];
  const write = twin.write.bind(twin);
  twin.write = (d) => (typed.push(typeof d === 'string' ? d : Buffer.from(d).toString('latin1')), write(d));
  let bytes = 0;
  const off = twin.onData((c) => (bytes += c.length));
  const outputs = await gatherRtx(session, ALL_RULES, () => undefined);
  off();
  const grep = session.features.grep;
  await session.close();
  // What the whole command prints on the same router (a second twin, same scenario, same frozen clock).
  const full = async (c: string): Promise<string> => {
    const t = await openTwin(id, { admin: true });
    const r = await t.session.run(c);
    await t.session.close();
    return r.output;
  };
  return { outputs, typed: typed.join(''), bytes, grep, full };
}

/** Every evidence line is the router's own line, at the number given, in the output of the command named. */
function expectExactEvidence(outputs: CommandOutput[], findings: ReturnType<typeof diagnose>['findings']): void {
  for (const e of findings.flatMap((f) => f.evidence)) {
    const o = outputs.find((x) => x.command === e.command);
    expect(o, e.command).toBeDefined();
    const lines = o!.output.split('\n');
    e.lines.forEach((n, i) => expect(lines[n - 1], `${e.command} line ${n}`).toBe(e.excerpt[i]));
  }
}

describe('a gather at a busy router’s size', () => {
  it('reads the log and the NAT table only as far as the rules need, and still finds field report 000’s faults', async () => {
    const g = await gatherOn('busy-office-rtx1300');
    const commands = g.outputs.map((o) => o.command);
    expect(commands).not.toContain('show log');
    expect(commands).not.toContain('show nat descriptor address');
    const log = g.outputs.find((o) => o.command.startsWith('show log'))!;
    expect(log.command).toBe('show log reverse | grep "IPv6 address"');
    expect(log.output.split('\n').length).toBeLessThan(20);
    const nat = g.outputs.find((o) => o.command === 'show nat descriptor address 1')!;
    expect(nat.partial).toBe(true);
    expect(nat.output).toMatch(/Port range: .* session\./);
    expect(nat.output.split('\n').length).toBeLessThanOrEqual(16);
    // The whole log is 3,000 lines and the NAT table 100+ rows; the gather read a few kB in all.
    expect((await g.full('show log')).length).toBeGreaterThan(200_000);
    expect(g.bytes).toBeLessThan(25_000);
    expect(g.typed).toContain('q');
    const r = diagnose({ platform: 'rtx', source: 'live', outputs: g.outputs, device: null });
    expect(r.findings.map((f) => f.code)).toEqual(['BR_ADDRESS_WRONG', 'TUNNEL_NO_RX', 'IPV4_FILTER_LAN_MISMATCH']);
    expect(r.unknown).toEqual([]);
    expect(r.notes).toEqual([]);
    expectExactEvidence(g.outputs, r.findings);
    // Config evidence is numbered as in the whole `show config`: the line there is the same text.
    const config = (await g.full('show config')).split('\n');
    for (const e of r.findings.flatMap((f) => f.evidence).filter((x) => x.command === 'show config')) {
      e.lines.forEach((n, i) => expect(config[n - 1]).toBe(e.excerpt[i]));
    }
  }, 60_000);

  it('log evidence read through grep names the grep read, line by line, and each line is one the whole log has', async () => {
    const g = await gatherOn('fixed-ip-not-registered');
    const r = diagnose({ platform: 'rtx', source: 'live', outputs: g.outputs, device: null });
    const failed = r.findings.find((f) => f.code === 'FIXEDIP_UPDATE_FAILED');
    expect(failed?.evidence[0]?.command).toBe('show log reverse | grep "IPv6 address"');
    expectExactEvidence(g.outputs, r.findings);
    const whole = (await g.full('show log')).split('\n');
    for (const line of failed!.evidence.flatMap((e) => e.excerpt)) expect(whole).toContain(line);
  }, 60_000);

  it('on a console without `| grep`: one refused command, then the plain reads (newest first, stopped at the pager), same findings', async () => {
    const s = loadScenario('fixed-ip-not-registered');
    const withGrep = await gatherOn(s);
    const without = await gatherOn({ ...s, console: { ...s.console, grep: false } });
    expect(without.grep).toBe(false);
    expect(without.typed.match(/\| grep/g)).toHaveLength(1);
    const errors = without.outputs.filter((o) => o.status !== 'ok');
    expect(errors).toEqual([]);
    const log = without.outputs.find((o) => o.command === 'show log reverse');
    expect(log).toBeDefined();
    const a = diagnose({ platform: 'rtx', source: 'live', outputs: withGrep.outputs, device: null });
    const b = diagnose({ platform: 'rtx', source: 'live', outputs: without.outputs, device: null });
    expect(b.findings.map((f) => f.code)).toEqual(a.findings.map((f) => f.code));
    expect(b.findings.map((f) => f.code)).toContain('FIXEDIP_UPDATE_FAILED');
    expect(b.unknown).toEqual(a.unknown);
    expectExactEvidence(without.outputs, b.findings);
    // On weeks of log, the plain reverse read stops at the pager at the newest `OK to update`, long before the end.
    const office = loadScenario('busy-office-rtx1300');
    const busy = await gatherOn({ ...office, console: { ...office.console, grep: false } });
    const reverse = busy.outputs.find((o) => o.command === 'show log reverse')!;
    expect(reverse.partial).toBe(true);
    expect(reverse.output).toMatch(/OK to update IPv6 address/);
    expect(reverse.output.split('\n').length).toBeLessThan(1000);
    expect(busy.bytes).toBeLessThan(100_000);
  }, 90_000);
});
