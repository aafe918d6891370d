import type { ApiClient } from '../../shared/ipc/contract';

/**
 * Mirror something the core keeps: listen to its events, read it once now and again after a reconnect (events sent
 * while the socket was down are lost; the core's copy is not). Returns the effect's cleanup.
 */
export function mirrorCore(api: ApiClient, listen: () => () => void, read: () => void): () => void {
  const off = listen();
  read();
  const offReconnect = api.onReconnect?.(read);
  return () => {
    off();
    offReconnect?.();
  };
}
