/**
 * On an RTX: the tunnel's local (CE) address is not the one the service expects. On an RTX:
 * - MAP-E computes its CE itself, so only an explicit local address, or a local address the router
 *   reports, can differ from the rule's (draft-03 interface ID, subnet 0).
 * - Fixed IP sources the tunnel from the LAN address that carries the prefix, so that address must be
 *   the /64 of subnet 0 plus the interface ID from the notice.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import { prefixSuffix, suffixValue } from '../../rtx/facts.js';
import type { FactSource } from '../../line/identity.js';
import type { Evidence, FindingParts, Text } from '../../parts.js';
import { normalizeIpv6 } from '../../address.js';
import { configEvidence, configLine, lastLine, rtxPlan, tunnelRx } from '../../rtx/common.js';
import { Address6 } from 'ip-address';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config, RTX_COMMANDS.dhcp6, RTX_COMMANDS.ipv6Address], detect: rtxCeAddressWrong };

const LOW64 = (1n << 64n) - 1n;

export function rtxCeAddressWrong(ctx: DiagnosisContext): FindingParts[] {
  const line = ctx.line;
  const t = ctx.rtx.tunnel;
  if (!t) return [];
  const out: FindingParts[] = [];
  const expected = normalizeIpv6(line.ce?.value);

  // 1. An explicit local address on the tunnel (`tunnel endpoint address LOCAL REMOTE` / `… local address`).
  const explicit = t.endpointAddress?.local ? { value: t.endpointAddress.local, src: t.endpointAddress } : t.endpointLocal ? { value: t.endpointLocal.value, src: t.endpointLocal } : null;
  const explicitValue = normalizeIpv6(explicit?.value);
  if (expected && explicit && explicitValue && explicitValue !== expected) {
    const old = configLine(ctx, lastLine(explicit.src));
    out.push({
      evidence: [configEvidence(ctx, explicit.src.lines)],
      detail: ceText(t.id, explicitValue, expected, line.ce?.source ?? 'calculator'),
      fix: rtxPlan(
        [`tunnel select ${t.id}`, old.replace(explicit.value, expected)],
        [`tunnel select ${t.id}`, old],
        tunnelRx(t.id),
        { ja: `トンネル${t.id}の送信元を ${expected} に直す`, en: `Set tunnel ${t.id}'s local address to ${expected}` },
      ),
      data: { expected, configured: explicitValue },
    });
    return out;
  }

  // 2. MAP-E: the local address the router reports.
  if (line.encapsulation === 'map-e' && expected) {
    const observed = ctx.rtx.tunnelStatus(t.id);
    const local = observed?.status.localEndpoint;
    const shown = ctx.rtx.ipv6Address?.interfaces.find((i) => i.interface === `TUNNEL[${t.id}]`)?.addresses.find((a) => a.scope === 'global');
    const ev: Evidence | null = local ? ctx.evidence(observed.command, local.lines) : shown ? ctx.evidence(RTX_COMMANDS.ipv6Address, shown.lines) : null;
    const actual = normalizeIpv6(local?.value ?? shown?.address);
    if (ev && actual && actual !== expected) {
      out.push({
        evidence: [ev, ...(line.prefix?.evidence ?? [])],
        detail: ceText(t.id, actual, expected, 'calculator'),
        checklist: [
          {
            party: 'vendor',
            item: {
              ja: `MAP-Eトンネル${t.id}のCEアドレスが ${actual} になっていますが、プレフィックス ${line.prefix?.value ?? ''} から計算したCEは ${expected}（draft-03形式、サブネット0）です。原因を教えてください。`,
              en: `MAP-E tunnel ${t.id} uses CE ${actual}, but the CE computed from prefix ${line.prefix?.value ?? ''} is ${expected} (draft-03 interface ID, subnet 0). Why?`,
            },
          },
        ],
        data: { expected, configured: actual },
      });
    }
    return out;
  }

  // 3. Fixed IP: the LAN address that carries the prefix is the CE.
  const lan = ctx.rtx.prefixedLan;
  if (line.encapsulation !== 'ipip' || !lan || line.service?.encapsulation.value !== 'ipip') return out;
  const suffix = prefixSuffix(lan.value);
  const value = suffix ? suffixValue(suffix) : null;
  if (value === null || !suffix) return out;
  const subnet = value >> 64n;
  const iid = value & LOW64;
  const noticeIid = line.interfaceId?.source === 'notice' ? safeIid(line.interfaceId.value) : null;
  const wrongIid = noticeIid !== null && noticeIid !== iid;
  if (subnet === 0n && !wrongIid) return out;
  const wantIid = noticeIid ?? iid;
  const newSuffix = Address6.fromBigInt(wantIid).correctForm();
  const old = configLine(ctx, lastLine(lan));
  const fixed = old.replace(suffix, newSuffix.startsWith('::') ? newSuffix : `::${newSuffix}`);
  const why: Text = wrongIid
    ? {
        ja: `${lan.name} のアドレス ${lan.value} のインターフェースIDは ${Address6.fromBigInt(iid).correctForm()} ですが、通知書のインターフェースIDは ${Address6.fromBigInt(wantIid).correctForm()} です。`,
        en: `${lan.name}'s address ${lan.value} uses interface ID ${Address6.fromBigInt(iid).correctForm()}; the notice gives ${Address6.fromBigInt(wantIid).correctForm()}.`,
      }
    : {
        ja: `${lan.name} のアドレス ${lan.value} はサブネット0ではありません（CEは /64 のサブネット0に置きます）。`,
        en: `${lan.name}'s address ${lan.value} is not in subnet 0 (the CE sits in subnet 0 of the prefix).`,
      };
  const exp = line.ce?.value;
  out.push({
    evidence: [configEvidence(ctx, lan.lines)],
    detail: { ja: `${why.ja}${exp ? ` 期待されるCEは ${exp} です。` : ''}`, en: `${why.en}${exp ? ` The expected CE is ${exp}.` : ''}` },
    fix: rtxPlan([fixed], [old], tunnelRx(t.id), {
      ja: `${lan.name} のアドレスを通知書のインターフェースIDに直す`,
      en: `Give ${lan.name} the interface ID from the notice`,
    }),
    data: { expected: exp ?? null, configured: lan.value },
  });
  return out;
}

function safeIid(text: string): bigint | null {
  const t = text.trim();
  try {
    return new Address6(t.includes('::') || t.split(':').length === 8 ? t : `::${t}`).bigInt() & LOW64;
  } catch {
    return null;
  }
}

function ceText(tunnel: number, actual: string, expected: string, source: FactSource): Text {
  const from = source === 'calculator' ? { ja: 'MAPルールからの計算値', en: 'computed from the MAP rule' } : { ja: '通知書のインターフェースID', en: 'from the notice\u2019s interface ID' };
  return {
    ja: `トンネル${tunnel}の送信元（CE）は ${actual} ですが、期待されるCEは ${expected}（${from.ja}）です。`,
    en: `Tunnel ${tunnel}'s local (CE) address is ${actual}; the expected CE is ${expected} (${from.en}).`,
  };
}
