/**
 * The line check's verdict from what this computer observed: the service and its parameters (identify.ts), what a
 * router must support for it, reachability, whether the router the user named can do it (the consumer-router
 * table), findings through the diagnosis' own definitions and codes, the ISP / VNE / vendor checklists, and the
 * ways forward. A router that cannot do the service is a device-side dead end, never "the line is broken".
 */
import { say, type Message } from '../i18n/message.js';
import { findingOf } from '../diagnosis/registry.js';
import type { ChecklistEntry, Evidence, FindingParts, SupportParty, Text } from '../diagnosis/parts.js';
import type { Finding } from '../diagnosis/types.js';
import { deviceUnsupportedService } from '../diagnosis/findings/device-unsupported-service/definition.js';
import { deviceModelUnlisted } from '../diagnosis/findings/device-model-unlisted/definition.js';
import { ipv6NoPrefix } from '../diagnosis/findings/ipv6-no-prefix/definition.js';
import { serviceUnknownPrefix } from '../diagnosis/findings/service-unknown-prefix/definition.js';
import { brUnreachable } from '../diagnosis/findings/br-unreachable/definition.js';
import { aftrNameUnresolved } from '../diagnosis/findings/aftr-name-unresolved/definition.js';
import { formatRange } from '../mape/index.js';
import { formatIpv6, parseIpv6Input, prefixMask } from '../mape/ipv6-input.js';
import type { ServiceId, ServiceRecord } from '../services/index.js';
import { findConsumerRouter, routersFor, type ConsumerRouter, type RouterServiceSupport } from './consumer-routers.js';
import { identifyFromPc, type Endpoint, type LineService } from './identify.js';
import type { LineObservation, PingResult, ProbeOutput } from './types.js';

/** A router feature the line's service needs, in plain words. */
export type NeededFeature = 'map-e-all-port-blocks' | 'map-e-ocn' | 'ds-lite' | 'ipip-fixed-interface-id' | 'update-notification';

export type LineOption =
  | { kind: 'router'; vendor: string; model: string; confidence: RouterServiceSupport['confidence'] }
  | { kind: 'rtx' }
  | { kind: 'linux-ce' };

export interface RouterVerdict {
  typed: string;
  vendor: string | null;
  model: string | null;
  /** `unlisted`: not in the table; `unknown`: listed, but the table says nothing for this service. */
  support: 'yes' | 'no' | 'unknown' | 'unlisted';
  detail: RouterServiceSupport | null;
}

export interface LineCheckResult {
  service: { id: ServiceId; name: string; nameJa: string; source: LineService['source']; alsoPossible: ServiceId[] } | null;
  wan: string | null;
  prefix: string | null;
  raRouter: string | null;
  lineDns: string[];
  mape: { ipv4: string; psid: number; ports: number; portSet: string[]; ceAddress: string; br: string | null; rule: string } | null;
  aftr: { name: string; addresses: string[] } | null;
  ipip: LineService['ipip'];
  endpoints: Endpoint[];
  needs: { feature: NeededFeature; text: Message }[];
  reachability: LineObservation['probes'];
  router: RouterVerdict | null;
  findings: Finding[];
  checklists: Record<SupportParty, Text[]>;
  options: LineOption[];
  reasons: Message[];
  /** One line: what the check concludes. */
  verdict: Message;
}

export interface JudgeOptions {
  /** What the user says the router is ("Elecom WRC-X6000XS"). */
  router?: string;
  /** What the user says the service is (the contract): wins over every inference. */
  service?: ServiceId;
}

/** Evidence: the lines of one command's output that contain `needle` (all lines when none is given). */
export function evidenceIn(outputs: readonly ProbeOutput[], commandStart: string, needle?: string): Evidence[] {
  const o = outputs.find((x) => x.command.startsWith(commandStart) && (!needle || x.output.includes(needle)));
  if (!o) return [];
  const lines = o.output.split('\n');
  const hit = lines.map((l, i) => [l, i + 1] as const).filter(([l]) => (needle ? l.includes(needle) : l.trim() !== '')).slice(0, 6);
  return [{ command: o.command, lines: hit.map(([, n]) => n), excerpt: hit.map(([l]) => l) }];
}

export function neededFeatures(service: ServiceRecord | null, l: LineService): LineCheckResult['needs'] {
  if (!service) return [];
  const enc = service.encapsulation.value;
  if (enc === 'map-e') {
    const out: LineCheckResult['needs'] = [{ feature: 'map-e-all-port-blocks', text: say('linecheck.need.mape', { ports: l.mape?.ports ?? '?', blocks: l.mape?.portRanges.length ?? '?' }) }];
    if (service.rtx.value.mapEType === 'ocn') out.push({ feature: 'map-e-ocn', text: say('linecheck.need.mapeOcn') });
    return out;
  }
  if (enc === 'ds-lite') return [{ feature: 'ds-lite', text: say('linecheck.need.dslite', { aftr: service.endpoints.value.find((e) => e.name)?.name ?? '?' }) }];
  return [
    { feature: 'ipip-fixed-interface-id', text: say('linecheck.need.ipip') },
    { feature: 'update-notification', text: say('linecheck.need.update') },
  ];
}

function routerVerdict(typed: string, service: ServiceRecord | null): { verdict: RouterVerdict; row: ConsumerRouter | null } {
  const row = findConsumerRouter(typed);
  if (!row) return { verdict: { typed, vendor: null, model: null, support: 'unlisted', detail: null }, row };
  const detail = service ? (row.services[service.id] ?? null) : null;
  return { verdict: { typed, vendor: row.vendor, model: row.model, support: detail?.support ?? 'unknown', detail }, row };
}

const linuxCeItem = (svc: Text): ChecklistEntry => ({
  party: 'vendor',
  item: {
    ja: `対応機種に替えるか、このコンピューターか別の Linux ホストを CE にします（IPoE Doctor の Linux CE モード）。${svc.ja} の設定を IPoE Doctor が作ります。`,
    en: `Use a router that can run it, or make this computer or another Linux host the CE (IPoE Doctor's Linux CE mode), which sets up ${svc.en} for you.`,
  },
});

function routerFindings(v: RouterVerdict, service: ServiceRecord, l: LineService, ev: Evidence[]): Finding[] {
  const svc = { ja: service.nameJa, en: service.name };
  const name = v.model ? `${v.vendor} ${v.model}` : v.typed;
  if (v.support === 'no' && v.detail) {
    const parts: FindingParts = {
      evidence: ev,
      detail: {
        // The sources are English reference text: the Japanese detail points at the table (docs/consumer-routers.md) instead.
        ja: `${name} は ${svc.ja} に対応していません（確度: ${v.detail.confidence}、出典 ${v.detail.sources.length} 件は対応表 docs/consumer-routers.md）。回線は ${svc.ja} として見えています。ルーター側の行き止まりで、回線の故障ではありません。`,
        en: `${name} cannot run ${svc.en} (source: ${v.detail.sources.join('; ')}; confidence: ${v.detail.confidence}). The line shows itself as ${svc.en} from this computer: this is a dead end on the device side, not a broken line.${v.detail.note ? ` ${v.detail.note}` : ''}`,
      },
      checklist: [
        { party: 'vendor', item: { ja: `${name} は ${svc.ja} に対応していますか（動作確認済み一覧に載っていますか）。対応するファームウェアはありますか。`, en: `Does the ${name} support ${svc.en} (is it on your verified-service list)? Is there firmware that does?` } },
        { party: 'isp', item: { ja: `${svc.ja} の動作確認済みルーターの一覧を教えてください。契約の ${svc.ja} は ${service.operator.value} の網のままですか。`, en: `Which routers are verified for ${svc.en}? Is my ${svc.en} contract still carried by ${service.operator.value}?` } },
        linuxCeItem(svc),
      ],
      data: { model: name, service: service.id, support: 'no', confidence: v.detail.confidence, sources: v.detail.sources.join('; ') },
    };
    return [findingOf(deviceUnsupportedService, parts)];
  }
  if (v.support === 'unlisted' || v.support === 'unknown') {
    const needs = neededFeatures(service, l).map((n) => n.feature).join(', ');
    return [
      findingOf(deviceModelUnlisted, {
        evidence: ev,
        detail: {
          ja: v.support === 'unlisted' ? `${name} は民生ルーターの対応表にありません。` : `${name} が ${svc.ja} に対応しているかは対応表に載っていません。`,
          en: v.support === 'unlisted' ? `${name} is not in the consumer-router table.` : `The table does not say whether ${name} can run ${svc.en}.`,
        },
        checklist: [{ party: 'vendor', item: { ja: `${name} で ${svc.ja}（${needs}）を使えますか。`, en: `Can the ${name} run ${svc.en} (${needs})?` } }, linuxCeItem(svc)],
        data: { model: name, service: service.id, support: v.support },
      }),
    ];
  }
  return [];
}

function pingFindings(o: LineObservation, l: LineService, service: ServiceRecord): Finding[] {
  const out: Finding[] = [];
  for (const e of l.endpoints) {
    const p = o.probes.pings.find((x) => x.target === e.address && (x.role === 'br' || x.role === 'aftr'));
    if (!p || p.ok) continue;
    out.push(
      findingOf(brUnreachable, {
        evidence: evidenceIn(o.outputs, `ping -6`, e.address),
        detail: {
          ja: `このコンピューターから ${e.address}（${service.nameJa} の ${e.role === 'aftr' ? 'AFTR' : 'BR'}）へ ping6 が届きません。IPv6 の経路（ルーターのIPv6の通し方、回線のIPv6）を確認します。`,
          en: `From this computer, ${e.address} (the ${e.role === 'aftr' ? 'AFTR' : 'BR'} of ${service.name}) does not answer ping6. Check the IPv6 path (how the router passes IPv6 on, the line's IPv6).`,
        },
        checklist: [{ party: 'vne', item: { ja: `${e.address} は ping6 に応答しますか。私の回線 ${l.prefix?.address ?? ''} から届くはずですか。`, en: `Does ${e.address} answer ping6? Should it be reachable from my line (${l.prefix?.address ?? ''})?` } }],
        data: { target: e.address, role: e.role, source: e.source },
      }),
    );
  }
  return out;
}

export function judgeLine(o: LineObservation, opts: JudgeOptions = {}): LineCheckResult {
  const b = o.basics;
  const l = identifyFromPc(b, opts.service ? { service: opts.service } : {});
  const service = l.service;
  const findings: Finding[] = [];
  const addrEv = evidenceIn(o.outputs, 'ip -j -p addr');

  if (b.globals.length === 0) {
    findings.push(
      findingOf(ipv6NoPrefix, {
        evidence: addrEv,
        detail: {
          ja: 'このコンピューターにはグローバルIPv6アドレスがありません。回線がIPv6（IPoE）を出していないか、間のルーターがIPv6をLANへ通していません（IPv6ブリッジ/パススルーが切）。',
          en: 'This computer has no global IPv6 address: either the line gives no IPv6 (IPoE), or the router in between does not pass IPv6 on to the LAN (IPv6 bridge / pass-through off).',
        },
        checklist: [
          { party: 'isp', item: { ja: '私の回線で IPv6（IPoE、フレッツ・v6オプション）は有効ですか。IPv4 over IPv6 のサービスは何ですか。', en: 'Is IPv6 (IPoE, the NGN v6 option) active on my line? Which IPv4-over-IPv6 service does it carry?' } },
          { party: 'vendor', item: { ja: 'ルーターは IPv6 を LAN へ通していますか（IPv6ブリッジ / パススルー / RA）。', en: 'Does the router pass IPv6 on to the LAN (IPv6 bridge / pass-through / RA)?' } },
        ],
        data: { globals: 0 },
      }),
    );
  } else if (!service) {
    findings.push(
      findingOf(serviceUnknownPrefix, {
        evidence: evidenceIn(o.outputs, 'ip -j -p addr', l.prefix?.address),
        detail: {
          ja: `${l.prefix?.address ?? ''} は既知のMAP-Eルールにも合わず、回線のDNSは既知のAFTR名（${b.aftr.map((a) => a.name).join(', ')}）を解決せず、プロバイダーのHB46PPも答えませんでした。`,
          en: `${l.prefix?.address ?? ''} matches no known MAP-E rule, the line's DNS resolves none of the known AFTR names (${b.aftr.map((a) => a.name).join(', ')}), and the provider's HB46PP gave no answer.`,
        },
        checklist: [{ party: 'isp', item: { ja: '私の回線の IPv4 over IPv6 のサービス名（v6プラス、transix など）と VNE を教えてください。', en: 'Which IPv4-over-IPv6 service (v6plus, transix, …) and which VNE does my line have?' } }],
        data: { prefix: l.prefix?.address ?? null },
      }),
    );
  }
  if (service?.encapsulation.value === 'ds-lite' && !l.endpoints.some((e) => e.role === 'aftr')) {
    const name = service.endpoints.value.find((e) => e.name)?.name ?? '?';
    findings.push(
      findingOf(aftrNameUnresolved, {
        evidence: evidenceIn(o.outputs, 'dns_query AAAA', name),
        detail: { ja: `回線のDNS（${b.lineDns.join(', ') || 'なし'}）で ${name} を解決できません。`, en: `${name} does not resolve over the line's DNS (${b.lineDns.join(', ') || 'none'}).` },
        checklist: [{ party: 'vne', item: { ja: `${name} は回線のDNSで解決できるはずですか。`, en: `Should ${name} resolve over the line's DNS?` } }],
        data: { name, lineDns: b.lineDns.join(' ') },
      }),
    );
  }
  if (service) findings.push(...pingFindings(o, l, service));

  let router: RouterVerdict | null = null;
  let row: ConsumerRouter | null = null;
  if (opts.router) {
    const r = routerVerdict(opts.router, service);
    router = r.verdict;
    row = r.row;
    if (service) findings.push(...routerFindings(router, service, l, [...evidenceIn(o.outputs, 'ip -j -p addr', l.prefix?.address)]));
  }

  const checklists: Record<SupportParty, Text[]> = { isp: [], vne: [], vendor: [] };
  for (const f of findings) for (const c of f.checklist ?? []) if (!checklists[c.party].some((t) => t.en === c.item.en)) checklists[c.party].push(c.item);

  const options: LineOption[] = [];
  if (service) for (const r of routersFor(service.id)) if (r !== row) options.push({ kind: 'router', vendor: r.vendor, model: r.model, confidence: r.services[service.id]!.confidence });
  options.push({ kind: 'rtx' }, { kind: 'linux-ce' });

  const m = l.mape;
  const resolvedAftr = l.endpoints.find((e) => e.role === 'aftr');
  const errors = findings.filter((f) => f.severity === 'error');
  const verdict =
    b.globals.length === 0
      ? say('linecheck.verdict.noIpv6')
      : !service
        ? say('linecheck.verdict.unknown')
        : router?.support === 'no'
          ? say('linecheck.verdict.deviceSide', { service: say(`services.${service.id}`), router: `${router.vendor} ${router.model}` })
          : errors.length
            ? say('linecheck.verdict.problems', { service: say(`services.${service.id}`), count: errors.length })
            : ipv4Fails(o)
              ? say('linecheck.verdict.ipv4Fails', { service: say(`services.${service.id}`) })
              : say('linecheck.verdict.ok', { service: say(`services.${service.id}`) });
  return {
    service: service ? { id: service.id, name: service.name, nameJa: service.nameJa, source: l.source, alsoPossible: l.alsoPossible } : null,
    wan: b.wan,
    prefix: l.prefix ? `${formatIpv6(parseIpv6Input(l.prefix.address).value & prefixMask(l.prefix.prefixLength))}/${l.prefix.prefixLength}` : null,
    raRouter: b.raRouter,
    lineDns: b.lineDns,
    mape: m ? { ipv4: m.ipv4, psid: m.psid, ports: m.ports, portSet: m.portRanges.map(formatRange), ceAddress: m.ceAddress, br: m.br, rule: `${m.rule.ipv6Prefix} → ${m.rule.ipv4Prefix}` } : null,
    aftr: resolvedAftr ? { name: resolvedAftr.name ?? '', addresses: b.aftr.find((a) => a.name === resolvedAftr.name)?.addresses ?? [resolvedAftr.address] } : null,
    ipip: l.ipip,
    endpoints: l.endpoints,
    needs: neededFeatures(service, l),
    reachability: o.probes,
    router,
    findings,
    checklists,
    options,
    reasons: l.reasons,
    verdict,
  };
}

/** IPv4 to the Internet host was tried and nothing came back: whatever router is there does not carry IPv4 (yet). */
function ipv4Fails(o: LineObservation): boolean {
  const tried = o.probes.pings.filter((p) => p.role === 'ipv4-internet');
  return tried.length > 0 && !tried.some((p) => p.ok);
}

/** The pings to make once the service is known: the BR/AFTR (only addresses the line gave). */
export function endpointsToPing(o: Pick<LineObservation, 'basics'>, opts: JudgeOptions = {}): Endpoint[] {
  return identifyFromPc(o.basics, opts.service ? { service: opts.service } : {}).endpoints;
}

export type { PingResult };
