/**
 * FIXEDIP_IID_MISMATCH (warning): the CE's interface ID does not embed the fixed IPv4 in the layout the
 * public v6plus examples show (`00 | IPv4 | 00 00 00`, inferred: ipoe-domain.md §3.1). Only a warning and
 * only for v6plus fixed IP: the notice is authoritative, and transix assigns IDs differently.
 */
import type { DiagnosisContext } from '../context.js';
import { makeFinding } from '../finding.js';
import type { Rule } from '../rule.js';
import { RTX_COMMANDS } from '../rtx-facts.js';
import type { Evidence, Finding } from '../types.js';
import { fixedIpInterfaceId, CalcInputError } from '../../mape/index.js';
import { configEvidence, normalizeIpv6 } from './common.js';

export const fixedipIidMismatch: Rule = {
  code: 'FIXEDIP_IID_MISMATCH',
  platforms: ['rtx'],
  needs: { rtx: [RTX_COMMANDS.config] },
  run: rtxFixedipIidMismatch,
};

/** `::1b:5936:1800:0`, `1b:5936:1800:0` or a full address → the canonical `::…` interface ID. */
function iidForm(text: string): string | null {
  const t = text.trim();
  const full = normalizeIpv6(t.includes('::') || t.split(':').length === 8 ? t : `::${t}`);
  if (!full) return null;
  const groups = full.split(':');
  // Keep the low 64 bits only (a full address was given).
  return t.split(':').length === 8 ? normalizeIpv6(`::${groups.slice(-4).join(':')}`) : full;
}

export function rtxFixedipIidMismatch(ctx: DiagnosisContext): Finding[] {
  const s = ctx.service;
  if (s?.id !== 'v6plus-fixed' || !s.fixedIpv4 || !s.interfaceId) return [];
  let expected: string;
  try {
    expected = fixedIpInterfaceId(s.fixedIpv4.value);
  } catch (err) {
    if (err instanceof CalcInputError) return [];
    throw err;
  }
  const actual = iidForm(s.interfaceId.value);
  if (!actual || actual === normalizeIpv6(expected)) return [];
  const lines = [...s.interfaceId.lines, ...s.fixedIpv4.lines];
  const evidence: Evidence[] = lines.length > 0 ? [configEvidence(ctx, lines)] : [];
  return [
    makeFinding('FIXEDIP_IID_MISMATCH', {
      evidence,
      detail: {
        ja: `インターフェースID ${actual} は固定IP ${s.fixedIpv4.value} を含む形（${expected}）になっていません。通知書の値が正なので、両方を通知書と照らし合わせてください。`,
        en: `Interface ID ${actual} does not embed the fixed IP ${s.fixedIpv4.value} (that would be ${expected}). The notice is authoritative: check both against it.`,
      },
      checklist: [
        {
          party: 'isp',
          item: {
            ja: `固定IP ${s.fixedIpv4.value} に対応するインターフェースIDは ${actual} で正しいですか。`,
            en: `Is ${actual} the right interface ID for fixed IP ${s.fixedIpv4.value}?`,
          },
        },
      ],
      data: { interfaceId: actual, impliedByFixedIp: expected, fixedIpv4: s.fixedIpv4.value },
    }),
  ];
}
