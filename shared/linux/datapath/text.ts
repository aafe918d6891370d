/** Texts of Linux CE mode: codes under `linuxCe.` in shared/i18n/{ja,en}.json (see shared/i18n/message.ts). */
import { msg, type Message, type MessageParam } from '../../i18n/message.js';

export function ceText(code: string, params?: Record<string, MessageParam>): Message {
  return msg(`linuxCe.${code}`, params);
}
