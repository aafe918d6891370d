/**
 * On an RTX: the CE's interface ID does not embed the fixed IPv4 in the layout the
 * public v6plus examples show (`00 | IPv4 | 00 00 00`, inferred: ipoe-domain.md §3.1). Only a warning and
 * only for v6plus fixed IP: the notice is authoritative, and transix assigns IDs differently.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { FindingParts } from '../../parts.js';
import { mergeEvidence } from '../../source.js';
import { fixedIpInterfaceId, CalcInputError } from '../../../mape/index.js';
import { normalizeIpv6 } from '../../address.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config], detect: rtxFixedipIidMismatch };

/** `::1b:5936:1800:0`, `1b:5936:1800:0` or a full address → the canonical `::…` interface ID. */
function iidForm(text: string): string | null {
  const t = text.trim();
  const full = normalizeIpv6(t.includes('::') || t.split(':').length === 8 ? t : `::${t}`);
  if (!full) return null;
  const groups = full.split(':');
  // Keep the low 64 bits only (a full address was given).
  return t.split(':').length === 8 ? normalizeIpv6(`::${groups.slice(-4).join(':')}`) : full;
}

export function rtxFixedipIidMismatch(ctx: DiagnosisContext): FindingParts[] {
  const { service, fixedIpv4, interfaceId } = ctx.line;
  // Only where the catalog says the interface ID embeds the IPv4 (v6plus fixed IP; transix assigns its own).
  if (!service?.interfaceId?.embedsIpv4 || !fixedIpv4 || !interfaceId) return [];
  let expected: string;
  try {
    expected = fixedIpInterfaceId(fixedIpv4.value);
  } catch (err) {
    if (err instanceof CalcInputError) return [];
    throw err;
  }
  const actual = iidForm(interfaceId.value);
  if (!actual || actual === normalizeIpv6(expected)) return [];
  const evidence = mergeEvidence([...interfaceId.evidence, ...fixedIpv4.evidence]);
  return [
    {
      evidence,
      detail: {
        ja: `インターフェースID ${actual} は固定IP ${fixedIpv4.value} を含む形（${expected}）になっていません。通知書の値が正なので、両方を通知書と照らし合わせてください。`,
        en: `Interface ID ${actual} does not embed the fixed IP ${fixedIpv4.value} (that would be ${expected}). The notice is authoritative: check both against it.`,
      },
      checklist: [
        {
          party: 'isp',
          item: {
            ja: `固定IP ${fixedIpv4.value} に対応するインターフェースIDは ${actual} で正しいですか。`,
            en: `Is ${actual} the right interface ID for fixed IP ${fixedIpv4.value}?`,
          },
        },
      ],
      data: { interfaceId: actual, impliedByFixedIp: expected, fixedIpv4: fixedIpv4.value },
    },
  ];
}
