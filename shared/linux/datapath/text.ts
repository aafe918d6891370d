/** Texts of Linux CE mode: codes under `linuxCe.` in shared/i18n/{ja,en}.json (see shared/i18n/message.ts). */
import { say, type Message, type MessageParam } from '../../i18n/message.js';

export function ceText(code: string, params?: Record<string, MessageParam>): Message {
  return say(`linuxCe.${code}`, params);
}
