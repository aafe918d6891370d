/**
 * Stand-ins people type where they hid an address or a secret before posting: `(BRアドレス)`, `<固定IP>`,
 * `(DHCPで降ってきた？IPv6アドレス)/56`, `xxxx:xxxx::`, `***`. Such a value is redacted: unknown, never an address.
 */
import { Address4 } from 'ip-address';
import { normalizeIpv6 } from './address.js';

/** Marks no address or prefix can contain: brackets, non-ASCII, runs of x or *, an ellipsis. */
const PLACEHOLDER_MARK = /[()（）<>＜＞【】「」『』[\]]|[^\x00-\x7f]|x{2,}|X{2,}|\*{2,}|…|\.{3}/;

function isAddress(text: string): boolean {
  const t = text.replace(/\/\d{1,3}$/, '');
  return normalizeIpv6(t) !== null || Address4.isValid(t);
}

/** True for a stand-in (redacted value); false for a real address and for text that is simply not one. */
export function isPlaceholder(text: string | null | undefined): boolean {
  const t = text?.trim() ?? '';
  return t !== '' && !isAddress(t) && PLACEHOLDER_MARK.test(t);
}
