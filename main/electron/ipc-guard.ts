import { isApiMethod } from '../../shared/ipc/contract.js';
import { isAppUrl } from './window-options.js';

export { IPC_EVENT, IPC_INVOKE } from './channels.js';

export type GuardVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Checks made before any IPC call reaches the core: the sender must be our top frame, loaded from
 * our own origin (checklist item 17), and the method must be one the contract knows. Parameter
 * validation against the zod schema follows in dispatchApiCall.
 */
export function guardIpcCall(
  sender: { url: string | undefined; isMainFrame: boolean } | null | undefined,
  method: unknown,
): GuardVerdict {
  if (!sender) return { ok: false, reason: 'the sending frame is gone' };
  if (!sender.isMainFrame) return { ok: false, reason: 'IPC from a sub-frame is not allowed' };
  if (!sender.url || !isAppUrl(sender.url)) return { ok: false, reason: `IPC from a foreign origin (${sender.url ?? 'unknown'})` };
  if (!isApiMethod(method)) return { ok: false, reason: `unknown API method ${JSON.stringify(method)}` };
  return { ok: true };
}
