/**
 * The contract notice (開通のご案内 / 登録通知書) as the user gives it: a JSON file for the CLI (`--notice notice.json`),
 * a form in the wizard, a `notice.json` beside a twin scenario. Checked here once, with errors that say which field
 * is wrong and what it should look like. Its update user and password are secrets: never shown, logged or reported.
 */
import { Address4, Address6 } from 'ip-address';
import { z } from 'zod';
import { SERVICE_IDS } from '../services/catalog.js';
import type { ContractNotice } from './input.js';

const text = (max: number) => z.string().trim().max(max);

export const ContractNoticeSchema = z
  .object({
    serviceId: z.enum(SERVICE_IDS).optional(),
    fixedIpv4: text(15)
      .refine((v) => v === '' || (Address4.isValid(v) && !v.includes('/')), 'an IPv4 address such as 203.0.113.10')
      .optional(),
    interfaceId: text(64)
      .refine((v) => v === '' || Address6.isValid(v.startsWith(':') ? v : `::${v}`), 'an interface ID such as ::cb:71:a00:0')
      .optional(),
    br: text(64)
      .refine((v) => v === '' || (Address6.isValid(v) && !v.includes('/')), 'an IPv6 address such as 2404:9200:225:100::65')
      .optional(),
    lanIpv4: text(18).optional(),
    updateUser: text(128).optional(),
    updatePassword: z.string().max(256).optional(),
  })
  .strict();

/** The notice without empty fields (a form's blank field means "not given"). */
export function compactNotice(n: ContractNotice): ContractNotice {
  return Object.fromEntries(Object.entries(n).filter(([, v]) => v !== undefined && v !== '')) as ContractNotice;
}

export class NoticeError extends Error {
  override name = 'NoticeError';
}

/** Parse a notice from JSON data; throws NoticeError naming the field and what it should be. */
export function parseNotice(json: unknown): ContractNotice {
  const r = ContractNoticeSchema.safeParse(json);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.') || '(the file)'}: ${i.message}`);
    throw new NoticeError(`the contract notice is not valid: ${problems.join('; ')}. Known fields: ${Object.keys(ContractNoticeSchema.shape).join(', ')}.`);
  }
  return compactNotice(r.data);
}

/** The notice's secrets (update user and password), for the redactor and the apply step. */
export function noticeSecrets(n: ContractNotice | null | undefined): string[] {
  return [n?.updateUser, n?.updatePassword].filter((s): s is string => Boolean(s));
}
