import type { WizardErrorView } from '../ipc/contract.js';

/**
 * Errors thrown by injected actors carry a stable `code`; the UI translates the code and
 * shows `message` (technical detail, English) beneath it.
 */
export class WizardStepError extends Error {
  override name = 'WizardStepError';
  constructor(
    readonly code: string,
    message: string,
    /** Structured facts the next step needs (e.g. the SSH host key to confirm). */
    readonly details?: Record<string, string | number>,
  ) {
    super(message);
  }
}

export function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    return (err as { code: string }).code;
  }
  return 'unexpected';
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : 'unknown error';
}

/** What the view shows of a failed step. */
export function wizardError(stage: WizardErrorView['stage'], err: unknown): WizardErrorView {
  return { stage, code: errorCode(err), message: errorMessage(err) };
}
