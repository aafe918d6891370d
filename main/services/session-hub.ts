import type { AppService } from './app-service.js';

export interface AttachedSession {
  service: AppService;
  /** This socket is gone; the session stays for a reload until it has been idle for `idleMs`. */
  detach(): void;
}

export interface SessionHub {
  /** The wizard of one browser tab (made on first use), by the key the tab keeps for itself. */
  attach(key: string): AttachedSession;
  readonly size: number;
  dispose(): Promise<void>;
}

interface Entry {
  service: AppService;
  sockets: number;
  idleSince: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * One wizard per browser tab, so a second tab never opens in the middle of the first one's flow (with its report in
 * the other language). A reload keeps its tab's key and finds its wizard, console and chart where they were. A tab
 * that has been closed for `idleMs` releases its wizard and any router session it held; past `max` tabs the longest
 * idle one is released first.
 */
export function createSessionHub(make: () => AppService, opts: { idleMs?: number; max?: number } = {}): SessionHub {
  const idleMs = opts.idleMs ?? 15 * 60_000;
  const max = opts.max ?? 16;
  const entries = new Map<string, Entry>();
  const release = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    if (e.timer) clearTimeout(e.timer);
    void e.service.dispose().catch(() => undefined);
  };
  return {
    attach(key) {
      let e = entries.get(key);
      if (!e) {
        if (entries.size >= max) {
          const idle = [...entries].filter(([, x]) => x.sockets === 0).sort((a, b) => a[1].idleSince - b[1].idleSince)[0];
          if (idle) release(idle[0]);
        }
        e = { service: make(), sockets: 0, idleSince: Date.now(), timer: null };
        entries.set(key, e);
      }
      const entry = e;
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
      entry.sockets++;
      let attached = true;
      return {
        service: entry.service,
        detach() {
          if (!attached) return;
          attached = false;
          entry.sockets--;
          if (entry.sockets > 0 || entries.get(key) !== entry) return;
          entry.idleSince = Date.now();
          entry.timer = setTimeout(() => release(key), idleMs);
          entry.timer.unref?.();
        },
      };
    },
    get size() {
      return entries.size;
    },
    async dispose() {
      const all = [...entries.values()];
      entries.clear();
      for (const e of all) if (e.timer) clearTimeout(e.timer);
      await Promise.all(all.map((e) => e.service.dispose().catch(() => undefined)));
    },
  };
}
