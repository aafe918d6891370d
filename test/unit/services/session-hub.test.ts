import { describe, expect, it, vi } from 'vitest';
import { createSessionHub } from '../../../main/services/session-hub.js';
import type { AppService } from '../../../main/services/app-service.js';

/** A stand-in wizard that only counts its disposal (the hub never looks inside one). */
function fakeService(disposed: string[], name: string): AppService {
  return { handlers: {} as AppService['handlers'], onEvent: () => () => undefined, dispose: async () => void disposed.push(name) };
}

describe('one wizard per browser tab', () => {
  it('gives a tab its own wizard, keeps it over a reload, and releases it once the tab has been gone for idleMs', async () => {
    vi.useFakeTimers();
    try {
      const disposed: string[] = [];
      let n = 0;
      const hub = createSessionHub(() => fakeService(disposed, `s${++n}`), { idleMs: 60_000 });
      const a = hub.attach('tab-a');
      const b = hub.attach('tab-b');
      expect(a.service).not.toBe(b.service);
      a.detach();
      vi.advanceTimersByTime(30_000);
      const reloaded = hub.attach('tab-a');
      expect(reloaded.service).toBe(a.service);
      reloaded.detach();
      vi.advanceTimersByTime(60_000);
      await vi.runAllTimersAsync();
      expect(disposed).toEqual(['s1']);
      expect(hub.size).toBe(1);
      await hub.dispose();
      expect(disposed).toEqual(['s1', 's2']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('past max tabs releases the longest idle one, never one with an open socket', async () => {
    const disposed: string[] = [];
    const hub = createSessionHub(() => fakeService(disposed, `s${hub.size + 1}`), { max: 2 });
    hub.attach('one').detach();
    hub.attach('two');
    hub.attach('three');
    await Promise.resolve();
    expect(disposed).toEqual(['s1']);
    expect(hub.size).toBe(2);
    await hub.dispose();
  });
});
