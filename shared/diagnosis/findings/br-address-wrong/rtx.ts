/**
 * On an RTX: the tunnel's remote endpoint is not the provider's BR/AFTR. Field report 000 is the
 * model case: 2404:9200:255:100::65 typed for 2404:9200:225:100::65, and the tunnel says "Online" anyway.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import { TUNNEL_STATUS_READ } from '../../rtx/reads.js';
import type { Evidence, FindingParts, Text } from '../../parts.js';
import { levenshtein, normalizeIpv6, TYPO_DISTANCE, typoText } from '../../address.js';
import { configEvidence, configLine, lastLine, rtxPlan, tunnelRx } from '../../rtx/common.js';
import { isPlaceholder } from '../../redacted.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config, TUNNEL_STATUS_READ, RTX_COMMANDS.dhcp6], detect: rtxBrAddressWrong };

const BIGLOBE_DMR = '2404:9200:225:100::64';

/** How a finding names the provider's HB46PP answer as the source of the expected BR/AFTR. */
function providerWord(server: string | undefined): Text {
  return { ja: `事業者自身のプロビジョニングサーバー（HB46PP、${server ?? ''}）が示す値`, en: `the provider's own value, from its provisioning server (HB46PP, ${server ?? ''})` };
}

export function rtxBrAddressWrong(ctx: DiagnosisContext): FindingParts[] {
  const line = ctx.line;
  const t = ctx.rtx.tunnel;
  const exp = line.br;
  if (!t || !exp) return [];
  // The --json wording of where the expected BR came from: the MAP rule, the notice or the catalog.
  const source = exp.source === 'calculator' ? 'rule' : exp.source;
  const observed = ctx.rtx.tunnelStatus(t.id);
  const evidence: Evidence[] = [];

  // DS-Lite by name: only a name one slip away from the AFTR's is wrong (other names may be regional).
  if (exp.name && t.endpointName) {
    const name = t.endpointName.remote.toLowerCase();
    const d = levenshtein(name, exp.name.toLowerCase());
    // The provider's own answer (HB46PP) names its AFTR: any other name is wrong, not just a slip.
    if (d === 0 || (d > TYPO_DISTANCE && exp.source !== 'provisioning')) return [];
    evidence.push(configEvidence(ctx, t.endpointName.lines));
    const old = configLine(ctx, lastLine(t.endpointName));
    return [
      {
        evidence,
        detail: {
          ja: `トンネル${t.id}のAFTR名は ${name} ですが、${line.service?.nameJa ?? ''} のAFTRは ${exp.name} です${exp.source === 'provisioning' ? `（${providerWord(exp.server).ja}）` : ''}。${typoText(name, exp.name)?.ja ?? ''}`,
          en: `Tunnel ${t.id} names the AFTR ${name}; the ${line.service?.name ?? ''} AFTR is ${exp.name}${exp.source === 'provisioning' ? ` (${providerWord(exp.server).en})` : ''}. ${typoText(name, exp.name)?.en ?? ''}`,
        },
        fix: rtxPlan(
          [`tunnel select ${t.id}`, old.replace(t.endpointName.remote, exp.name)],
          [`tunnel select ${t.id}`, old],
          tunnelRx(t.id),
          { ja: `AFTR名を ${exp.name} に直す`, en: `Set the AFTR name to ${exp.name}` },
        ),
        data: { expected: exp.name, configured: name, distance: d, source },
      },
    ];
  }

  const configuredText = t.endpointAddress?.remote ?? null;
  const configured = normalizeIpv6(configuredText);
  // What the tunnel really pointed at, from the live status (an earlier block when a later one was redacted).
  const shown = observed?.remote ?? null;
  const actual = configured ?? normalizeIpv6(shown?.value);
  if (!actual) return [];
  // The config's endpoint was hidden behind a placeholder (a forum post): the status says what it held.
  const configRedacted = configured === null && isPlaceholder(configuredText);
  const right = [exp.address, ...exp.alternatives].flatMap((a) => (a ? [normalizeIpv6(a)] : []));
  if (right.includes(actual)) return [];
  // Expected: the notice/rule address, or (DS-Lite by address) the catalog address the configured one is closest to.
  const expected =
    normalizeIpv6(exp.address) ??
    right.filter((a): a is string => a !== null).sort((a, b) => levenshtein(actual, a) - levenshtein(actual, b))[0] ??
    null;
  if (!expected) return [];
  const distance = levenshtein(actual, expected);
  const isMapeBr = exp.mapeBr !== null && actual === normalizeIpv6(exp.mapeBr);
  // Catalog-only fixed-IP BRs: only an obvious slip is called wrong; DS-Lite addresses likewise (regions).
  if ((exp.obviousOnly || exp.name) && distance > TYPO_DISTANCE && !isMapeBr) return [];

  if (t.endpointAddress && (configured || configRedacted)) evidence.push(configEvidence(ctx, t.endpointAddress.lines));
  if (shown) evidence.push(shown.evidence);
  else if (observed?.status.remoteEndpoint) evidence.push(ctx.evidence(observed.command, observed.status.remoteEndpoint.lines));
  const notes: Text[] = [];
  const typo = typoText(actual, expected);
  if (typo) notes.push(typo);
  if (line.service?.id === 'biglobe' && actual === BIGLOBE_DMR) {
    notes.push({
      ja: `${BIGLOBE_DMR} は v6プラスのBR（ルール配信サーバーが返すDMR）です。BIGLOBEの返信は ${expected}（東日本は :275、西日本は :276）から届くため、宛先がこれと違うと返信を受け取れません。`,
      en: `${BIGLOBE_DMR} is the v6plus BR (the DMR the rule server returns). BIGLOBE replies come from ${expected} (east :275, west :276), so a tunnel aimed elsewhere never accepts them.`,
    });
  }
  if (isMapeBr) {
    notes.push({
      ja: `${actual} は動的IP（MAP-E）用のBRです。固定IP（IPIP）のBRは別で、通知書の「BRアドレス」（公開例では ${expected}）を使います。`,
      en: `${actual} is the dynamic-IP (MAP-E) BR. Fixed IP (IPIP) uses a different BR: the "BRアドレス" in your notice (public reports show ${expected}).`,
    });
  }
  if (configRedacted && shown) {
    notes.push({
      ja: `設定の宛先は伏せ字（${configuredText}）ですが、${shown.evidence.command} の${shown.evidence.lines[0] ?? ''}行目に実際の宛先 ${actual} が表示されています。`,
      en: `The config's endpoint is hidden (${configuredText}), but ${shown.evidence.command} shows the tunnel's real remote ${actual} at line ${shown.evidence.lines[0] ?? ''}.`,
    });
  }
  if (exp.source === 'catalog' && exp.obviousOnly) {
    notes.push({ ja: '通知書にBRアドレスの記載があれば、そちらが正です。', en: 'If your registration notice gives a BR address, that one is authoritative.' });
  }
  const where = exp.source === 'calculator' ? { ja: `プレフィックス ${line.prefix?.value ?? ''} のMAPルール`, en: `the MAP rule for prefix ${line.prefix?.value ?? ''}` }
    : exp.source === 'notice' ? { ja: '契約の通知書', en: 'your contract notice' }
    : exp.source === 'provisioning' ? providerWord(exp.server) : { ja: 'サービスカタログ', en: 'the service catalog' };
  const detail: Text = {
    ja: [`トンネル${t.id}の宛先は ${actual} ですが、期待されるBRは ${expected}（${where.ja}）です。`, ...notes.map((n) => n.ja)].join('\n'),
    en: [`Tunnel ${t.id} is aimed at ${actual}; the expected BR is ${expected} (from ${where.en}).`, ...notes.map((n) => n.en)].join('\n'),
  };
  const data = { expected, configured: actual, distance, source };
  if (t.endpointAddress && (configured || configRedacted)) {
    // A redacted line is put back as the address the status showed, never as the placeholder.
    const old = configured ? configLine(ctx, lastLine(t.endpointAddress)) : `tunnel endpoint address ${t.endpointAddress.local ? `${t.endpointAddress.local} ` : ''}${actual}`;
    const local = t.endpointAddress.local;
    return [
      {
        evidence,
        detail,
        fix: rtxPlan(
          [`tunnel select ${t.id}`, `tunnel endpoint address ${local ? `${local} ` : ''}${expected}`],
          [`tunnel select ${t.id}`, old],
          tunnelRx(t.id),
          { ja: `トンネル${t.id}の宛先を ${expected} に直す`, en: `Point tunnel ${t.id} at ${expected}` },
        ),
        data,
      },
    ];
  }
  // MAP-E picks its BR itself: nothing in the config to correct, so ask the vendor and the VNE.
  return [
    {
      evidence,
      detail,
      checklist: [
        {
          party: 'vendor',
          item: {
            ja: `MAP-Eトンネル${t.id}が ${actual} を宛先にしています。このサービスのBR ${expected} を使わせる設定方法を教えてください。`,
            en: `MAP-E tunnel ${t.id} uses ${actual} as its BR. How do we make it use this service's BR ${expected}?`,
          },
        },
        {
          party: 'vne',
          item: { ja: `このプレフィックスのBRは ${expected} で正しいですか。`, en: `Is ${expected} the right BR for this prefix?` },
        },
      ],
      data,
    },
  ];
}
