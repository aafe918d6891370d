import { describe, expect, it } from 'vitest';
import { planGather } from '../../../main/gather/plan.js';
import { runGather, type GatherProgress } from '../../../main/gather/run.js';
import { RtxSession } from '../../../main/devices/rtx-session.js';
import { connectTwin } from '../../../main/simulator/twin-transport.js';
import { ALL_RULES } from '../../../shared/diagnosis/rules/index.js';

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
