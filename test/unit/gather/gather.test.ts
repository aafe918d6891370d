import { describe, expect, it } from 'vitest';
import { planGather } from '../../../main/gather/plan.js';
import { runGather, type GatherProgress } from '../../../main/gather/run.js';
import { RtxSession } from '../../../main/devices/rtx-session.js';
import { connectTwin } from '../../../main/simulator/host/twin-transport.js';
import { ALL_RULES } from '../../../shared/diagnosis/registry.js';
import { diagnose } from '../../../shared/diagnosis/engine.js';
import type { CommandOutput } from '../../../shared/diagnosis/input.js';
import { gatherRtx } from '../../../main/gather/gather-rtx.js';
import { identifyRtx } from '../../../main/devices/identify-rtx.js';

describe('gather plan', () => {
  it('asks each needed command once, show config first, per-tunnel commands only once tunnels are known', () => {
    const first = planGather(ALL_RULES, null).map((s) => s.command);
    expect(first[0]).toBe('show config');
    expect(new Set(first).size).toBe(first.length);
    expect(first.some((c) => c.includes('{'))).toBe(false);
    const second = planGather(ALL_RULES, { tunnels: [1, 2], br: '2404:9200:225:100::65' }).map((s) => s.command);
    expect(second).toEqual(expect.arrayContaining(['show status tunnel 1', 'show status tunnel 2']));
    expect(planGather(ALL_RULES, null).find((s) => s.command === 'show config')?.needsAdmin).toBe(true);
  });

  it('a command the firmware lacks becomes "unsupported" (unknown), and the gather goes on with progress and ETA', async () => {
    const twin = connectTwin('v6plus-rtx830', { bytesPerSecond: 9600 });
    const session = new RtxSession(twin);
    await session.open();
    const progress: GatherProgress[] = [];
    const outputs = await runGather(
      session,
      [
        { command: 'show status map-e', needsAdmin: false, expectBytes: 300 },
        { command: 'show environment', needsAdmin: false, expectBytes: 650 },
      ],
      (p) => progress.push(p),
    );
    expect(outputs.map((o) => o.status)).toEqual(['unsupported', 'ok']);
    expect(outputs[1]!.output).toContain('RTX830 Rev.15.02.31');
    expect(progress.some((p) => p.status === 'unsupported' && p.command === 'show status map-e')).toBe(true);
    const running = progress.filter((p) => p.status === 'running' && p.command === 'show environment');
    expect(running.at(-1)!.bytes).toBeGreaterThan(100);
    expect(running[0]!.etaSeconds).toBeGreaterThan(0);
    await session.close();
  });
});

describe('gather after identify', () => {
  it('uses what identify just read (show environment, show config) instead of reading it again, with the same diagnosis', async () => {
    const run = async (reuseIdentify: boolean) => {
      const twin = connectTwin('fixed-ip-br-typo');
      const session = new RtxSession(twin, { username: 'admin', password: 'rtx-login-9Qm2', adminPassword: 'rtx-admin-7Hk4' });
      await session.open();
      const recorded: CommandOutput[] = [];
      await identifyRtx(session, { crossCheck: true, record: (o) => recorded.push(o) });
      const sent: string[] = [];
      const orig = twin.write.bind(twin);
      twin.write = (d) => {
        sent.push(typeof d === 'string' ? d : Buffer.from(d).toString('latin1'));
        return orig(d);
      };
      const outputs = await gatherRtx(session, ALL_RULES, () => undefined, undefined, reuseIdentify ? recorded : []);
      await session.close();
      return { recorded, outputs, typed: sent.join(''), result: diagnose({ platform: 'rtx', source: 'live', outputs, device: null }) };
    };
    const reused = await run(true);
    const fresh = await run(false);
    expect(reused.recorded.map((o) => o.command)).toEqual(['show environment', 'show config']);
    expect(reused.typed).not.toMatch(/show (environment|config)\r/);
    expect(fresh.typed).toMatch(/show config\r/);
    expect(reused.outputs.map((o) => o.command).sort()).toEqual(fresh.outputs.map((o) => o.command).sort());
    expect(reused.result.findings.map((f) => f.code)).toEqual(fresh.result.findings.map((f) => f.code));
  });
});
