import type { ApiClient, ApiEventName, WsEventFrame, WsResponseFrame } from '../../../shared/ipc/contract';
import { WS_MAX_FRAME_BYTES } from '../../../shared/ipc/limits';
import { ApiCallError } from './errors';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/**
 * How the page stands with the server: `stale-token` (the server answers but refuses this page's key: open the
 * address it printed), `server-gone` (nothing answers: it was stopped, or restarted on another port).
 */
export type ServerStatus = 'connected' | 'reconnecting' | 'no-token' | 'stale-token' | 'server-gone';

/** 1009: the frame was larger than the server takes (it closes that socket and stays up). */
const TOO_LARGE = 1009;

/**
 * Browser mode: the same API over a WebSocket to the local server. Reconnects after a drop and
 * re-subscribes, so a restarted server is picked up without a page reload; when the socket will not open it asks
 * the server why (its token check), so the page can say what to do instead of waiting for ever.
 */
export function createWsClient(base: { origin: string; host: string; token: string; tab: string }, onStatus: (s: ServerStatus) => void): ApiClient {
  const url = `ws://${base.host}/api?token=${encodeURIComponent(base.token)}&tab=${encodeURIComponent(base.tab)}`;
  let ws: WebSocket | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<ApiEventName, Set<(p: never) => void>>();
  const reconnected = new Set<() => void>();
  let ready: Promise<WebSocket>;
  let opened = false;

  /** Why the socket would not open: the token check answers 401 for a stale key, nothing at all when the server is gone. */
  async function diagnoseFailure(): Promise<void> {
    try {
      const r = await fetch(`${base.origin}/api/check?token=${encodeURIComponent(base.token)}`, { cache: 'no-store' });
      if (r.status === 401) {
        onStatus('stale-token');
        return;
      }
      onStatus('reconnecting');
    } catch {
      onStatus('server-gone');
    }
    setTimeout(() => void connect().catch(() => undefined), 1000);
  }

  function connect(): Promise<WebSocket> {
    ready = new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.onopen = () => {
        ws = socket;
        onStatus('connected');
        resolve(socket);
        if (opened) for (const f of reconnected) f();
        opened = true;
      };
      socket.onerror = () => reject(new ApiCallError('ws-unavailable', 'cannot reach the IPoE Doctor server'));
      socket.onclose = (event) => {
        ws = null;
        const reason = event.code === TOO_LARGE ? new ApiCallError('too-large', 'the request was larger than the server takes') : new ApiCallError('ws-closed', 'the connection to the IPoE Doctor server closed');
        for (const p of pending.values()) p.reject(reason);
        pending.clear();
        if (event.code === TOO_LARGE) {
          void connect().catch(() => undefined);
          return;
        }
        onStatus('reconnecting');
        void diagnoseFailure();
      };
      socket.onmessage = (msg) => {
        const frame = JSON.parse(String(msg.data)) as WsResponseFrame | WsEventFrame;
        if ('event' in frame) {
          for (const l of listeners.get(frame.event) ?? []) l(frame.payload as never);
          return;
        }
        if (frame.id === null) {
          // An answer to a frame the server could not read at all: nothing of ours waits for it.
          console.warn(`[ipoe-doctor] the server refused a frame: ${frame.ok ? '' : frame.error.message}`);
          return;
        }
        const p = pending.get(frame.id);
        if (!p) return;
        pending.delete(frame.id);
        if (frame.ok) p.resolve(frame.result);
        else p.reject(new ApiCallError(frame.error.code, frame.error.message));
      };
    });
    return ready;
  }
  void connect().catch(() => undefined);

  return {
    async invoke(method, input) {
      const socket = ws ?? (await ready);
      const id = nextId++;
      const text = JSON.stringify({ id, method, params: input });
      // Refused here with a reason rather than sent and cut off by the server.
      if (text.length > WS_MAX_FRAME_BYTES / 3 && new Blob([text]).size > WS_MAX_FRAME_BYTES) throw new ApiCallError('too-large', 'the request is larger than the server takes');
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        socket.send(text);
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: never) => void);
    },
    onReconnect(listener) {
      reconnected.add(listener);
      return () => reconnected.delete(listener);
    },
  };
}
