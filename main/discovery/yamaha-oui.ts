/**
 * Yamaha Corporation's MAC address blocks (IEEE MA-L assignments), so a neighbour's MAC says "a Yamaha router".
 *
 * Source: the IEEE Registration Authority's MA-L registry (oui.txt), as copied in public repositories:
 * PotatoesFall/ouidb `oui.txt` at 70671a9 (2023-08) and Doksy/OUI-list-2025 `oui.txt` at 80780d8 (2025-01),
 * which agree on exactly these three for "Yamaha Corporation". `00:04:C6` is Yamaha Motor Co., Ltd (another
 * company) and is left out. The twin's scenarios use 00:A0:DE (RTX830, RTX1210) and AC:44:F2 (RTX1300).
 */
export const YAMAHA_OUIS: readonly { oui: string; organisation: string }[] = [
  { oui: '00:A0:DE', organisation: 'Yamaha Corporation' },
  { oui: 'AC:44:F2', organisation: 'Yamaha Corporation' },
  { oui: 'F4:D5:80', organisation: 'Yamaha Corporation' },
];

/** A MAC in any usual spelling (00-a0-de-…, 0:a0:de:…, 00a0.de…) as six lower-case pairs joined by colons; null if not one. */
export function normaliseMac(text: string): string | null {
  const parts = text.trim().toLowerCase().split(/[:-]/);
  if (parts.length === 6 && parts.every((p) => /^[0-9a-f]{1,2}$/.test(p))) return parts.map((p) => p.padStart(2, '0')).join(':');
  const bare = text.trim().toLowerCase().replace(/\./g, '');
  if (/^[0-9a-f]{12}$/.test(bare)) return bare.match(/../g)!.join(':');
  return null;
}

/** The organisation a MAC belongs to when it is one of Yamaha's blocks, else null. */
export function yamahaOrganisation(mac: string): string | null {
  const m = normaliseMac(mac);
  if (!m) return null;
  const oui = m.slice(0, 8).toUpperCase();
  return YAMAHA_OUIS.find((o) => o.oui === oui)?.organisation ?? null;
}
