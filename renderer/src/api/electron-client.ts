import type { ApiClient, ApiEventName } from '../../../shared/ipc/contract';
import { ApiCallError } from './errors';

export interface PreloadBridge {
  invoke(method: string, params: unknown): Promise<unknown>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

/** The Electron implementation: calls go through the preload's one bridge object. */
export function createElectronClient(bridge: PreloadBridge): ApiClient {
  return {
    async invoke(method, input) {
      const reply = (await bridge.invoke(method, input)) as { ok: boolean; result?: unknown; error?: { code: string; message: string } };
      if (!reply.ok) throw new ApiCallError(reply.error?.code ?? 'internal', reply.error?.message ?? 'call failed');
      return reply.result as never;
    },
    on(event, listener) {
      return bridge.onEvent((name, payload) => {
        if (name === (event as ApiEventName)) listener(payload as never);
      });
    },
  };
}
