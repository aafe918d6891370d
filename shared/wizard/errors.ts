import type { Message } from '../i18n/message.js';

/**
 * Errors thrown by injected actors carry a stable `code`; the UI translates the code and
 * shows `message` (technical detail, English) beneath it, or `text` in its own language when the core has it.
 */
export class WizardStepError extends Error {
  override name = 'WizardStepError';
  constructor(
    readonly code: string,
    message: string,
    /** Structured facts the next step needs (e.g. the SSH host key to confirm). */
    readonly details?: Record<string, string | number>,
    /** The detail as a catalog code (shared/i18n/message.ts). */
    readonly text?: Message,
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

/** The detail as a catalog code, when the error carries one. */
export function errorText(err: unknown): Message | null {
  const text = err && typeof err === 'object' && 'text' in err ? (err as { text: unknown }).text : undefined;
  return text && typeof text === 'object' && typeof (text as { code?: unknown }).code === 'string' ? (text as Message) : null;
}
