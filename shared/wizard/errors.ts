import type { WizardErrorView } from '../ipc/views.js';
import { errorDetail, MessageError, type Message } from '../i18n/message.js';

/**
 * Errors thrown by injected actors carry a stable `code`; the UI translates the code and says `detail`
 * (a catalog message) beneath it; `message` is the same in English.
 */
export class WizardStepError extends MessageError {
  override name = 'WizardStepError';
  constructor(
    code: string,
    message: string | Message,
    /** Structured facts the next step needs (e.g. the SSH host key to confirm). */
    readonly details?: Record<string, string | number>,
  ) {
    super(code, message);
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

/** What the view shows of a failed step: the code, and what the error says (a message, or quoted words). */
export function wizardError(stage: WizardErrorView['stage'], err: unknown): WizardErrorView {
  return { stage, code: errorCode(err), message: errorMessage(err), detail: errorDetail(err) };
}
