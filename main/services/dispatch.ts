import { apiMethods, isApiMethod } from '../../shared/ipc/contract.js';
import type { AppService } from './app-service.js';

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

/**
 * Validate a call from either shell against the zod contract, then run it. Anything malformed is
 * refused with a reason the developer can act on; nothing unvalidated reaches a handler.
 */
export async function dispatchApiCall(service: AppService, method: unknown, params: unknown): Promise<DispatchResult> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'unknown-method', message: `unknown API method ${JSON.stringify(method)}` } };
  }
  const parsed = apiMethods[method].input.safeParse(params ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid-params', message: `invalid parameters for ${method}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}` },
    };
  }
  try {
    const handler = service.handlers[method] as (input: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (err) {
    const code = err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : 'internal';
    return { ok: false, error: { code, message: err instanceof Error ? err.message : String(err) } };
  }
}
