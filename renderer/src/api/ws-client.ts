import type { ApiClient, ApiEventName, WsEventFrame, WsResponseFrame } from '../../../shared/ipc/contract';
import { ApiCallError } from './errors';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/**
 * Browser mode: the same API over a WebSocket to the local server. Reconnects after a drop and
 * re-subscribes, so a restarted server is picked up without a page reload.
 */
export function createWsClient(url: string, onStatus: (connected: boolean) => void): ApiClient {
  let ws: WebSocket | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<ApiEventName, Set<(p: never) => void>>();
  let ready: Promise<WebSocket>;

  function connect(): Promise<WebSocket> {
    ready = new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.onopen = () => {
        ws = socket;
        onStatus(true);
        resolve(socket);
      };
      socket.onerror = () => reject(new ApiCallError('ws-unavailable', 'cannot reach the IPoE Doctor server'));
      socket.onclose = () => {
        onStatus(false);
        ws = null;
        for (const p of pending.values()) p.reject(new ApiCallError('ws-closed', 'the connection to the IPoE Doctor server closed'));
        pending.clear();
        setTimeout(() => void connect().catch(() => undefined), 1000);
      };
      socket.onmessage = (msg) => {
        const frame = JSON.parse(String(msg.data)) as WsResponseFrame | WsEventFrame;
        if ('event' in frame) {
          for (const l of listeners.get(frame.event) ?? []) l(frame.payload as never);
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
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        socket.send(JSON.stringify({ id, method, params: input }));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: never) => void);
    },
  };
}
