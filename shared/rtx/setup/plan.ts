/**
 * The whole IPv4 set-up of an RTX that has no IPv4-over-IPv6 tunnel yet: exact commands and their exact inverse,
 * built from the provider's parameters (the service catalog, the MAP-E calculator, the contract notice) and shaped
 * on Yamaha's example configs (ipoe-domain.md §4.1: `tunnel select` block, tunnel filters 30/39/99 and the dynamic
 * ones, NAT descriptor, `ip tunnel mtu 1460`, `ip tunnel tcp mss limit auto`, default route). It keeps what works
 * (LAN, DHCP, the IPv6 side) and only adds: new ids are free ones, and the few lines it must change (the WAN's
 * inbound IPv6 filter list, a PPPoE default route) are restored word for word by the inverse. Pure.
 */
import { Address6 } from 'ip-address';
import { formatIpv4Network, ipv4Network, normalizeIpv6 } from '../../diagnosis/address.js';
import { FIXED_BR_FALLBACK } from '../../diagnosis/data/expectations.js';
import { bindingLine, filterById, freeFilterId, ipv6FieldMatches, protocolAllowsIpip } from '../../diagnosis/rtx/common.js';
import type { ContractNotice } from '../../diagnosis/input.js';
import type { FixCheck, Text } from '../../diagnosis/parts.js';
import { fixedIpCeAddress, type MapEResult } from '../../mape/index.js';
import type { ServiceId, ServiceRecord } from '../../services/index.js';
import type { RtxConfig, StaticFilter } from '../config/types.js';
import { rtxModel, type RtxFeature } from '../models.js';
import { slotsIn, type SecretSlot } from './secrets.js';
import { UPDATE_SCRIPT_NAME, updateScriptBody } from './update-script.js';

export interface SetupRequest {
  service: ServiceRecord;
  /** The router's model as it printed it; null when unknown. */
  model: string | null;
  config: RtxConfig;
  /** The exact text of a config line, so a changed line can be put back word for word. */
  lineText: (line: number) => string;
  /** The NGN-facing interface the config uses (`lan2`); null: the model's. */
  wan: string | null;
  /** The line's prefix as observed (MAP-E and fixed IP need one). */
  prefix: string | null;
  /** MAP-E parameters for the prefix (the calculator). */
  mape: MapEResult | null;
  /** The user's contract notice: fixed IPv4, interface ID, BR, update credentials (the values stay out: see secrets.ts). */
  notice: ContractNotice | null;
  /** DS-Lite: the address the router resolved the AFTR name to, for a model that cannot aim at a name. */
  aftrAddress: string | null;
}

export interface SetupPlan {
  service: ServiceId;
  tunnel: number;
  commands: string[];
  inverse: string[];
  check: FixCheck;
  summary: Text;
  /** What the user should know before applying (PPPoE, assumed model values). */
  notes: Text[];
  /** The PPPoE default route this plan moves to the tunnel (the user is asked first), or null. */
  pppoe: { route: string } | null;
  /** The secret slots the commands use (filled in only while typing). */
  secrets: SecretSlot[];
  /** What the tunnel aims at and sends as. */
  br: string | null;
  aftrName: string | null;
  ce: string | null;
  ipv4: string | null;
}

export type SetupRefusalCode = 'feature-unsupported' | 'no-prefix' | 'needs-notice' | 'no-lan' | 'no-wan' | 'no-aftr-address';

export interface SetupRefusal {
  code: SetupRefusalCode;
  detail: Text;
  /** needs-notice: the notice fields still missing. */
  missing?: NoticeField[];
  feature?: RtxFeature;
}

export type SetupResult = { ok: true; plan: SetupPlan } | { ok: false; refusal: SetupRefusal };

export type NoticeField = 'fixedIpv4' | 'interfaceId' | 'br' | 'updateUser' | 'updatePassword';

/** Which notice fields a service's set-up needs (fixed IP: all of them; BR only when the catalog has no fallback). */
export function noticeFieldsNeeded(service: ServiceRecord, fallbackBr: string | null): NoticeField[] {
  if (service.encapsulation.value !== 'ipip') return [];
  return ['fixedIpv4', 'interfaceId', ...(fallbackBr ? [] : (['br'] as const)), 'updateUser', 'updatePassword'];
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

const refuse = (code: SetupRefusalCode, detail: Text, extra: Partial<SetupRefusal> = {}): SetupResult => ({ ok: false, refusal: { code, detail, ...extra } });

/** The lowest id from `start` upward, stepping by `step`, that none of `used` holds. */
function freeId(used: Iterable<number>, start: number, step = 1): number {
  const taken = new Set(used);
  let id = start;
  while (taken.has(id)) id += step;
  return id;
}

/** The Yamaha tunnel filter block: base+30 icmp to the LAN, +39 reject, +99 pass, +80… dynamic. */
const FILTER_OFFSETS = [30, 39, 80, 81, 82, 83, 84, 98, 99] as const;
const DYNAMIC = [
  [80, 'ftp'],
  [81, 'domain'],
  [82, 'www'],
  [83, 'smtp'],
  [84, 'pop3'],
  [98, 'tcp'],
  [99, 'udp'],
] as const;

/** A filter number block (400000, 410000 …) whose Yamaha numbers are all free among the IPv4 filters. */
function filterBase(cfg: RtxConfig): number {
  const used = new Set([...cfg.ipFilters.map((f) => f.id), ...cfg.dynamicFilters.filter((f) => f.family === 'ipv4').map((f) => f.id)]);
  for (let base = 400000; base < 500000; base += 10000) if (FILTER_OFFSETS.every((o) => !used.has(base + o))) return base;
  return 490000;
}

/** The LAN the router serves: `ip <lan> address` of the model's LAN port, else of any interface but the WAN. */
function lanOf(cfg: RtxConfig, preferred: string, wan: string): { iface: string; network: string } | null {
  const candidates = [cfg.interfaces[preferred], ...Object.values(cfg.interfaces).filter((i) => i.name !== wan && !i.name.startsWith('pp'))];
  for (const i of candidates) {
    const n = i?.ipAddress ? ipv4Network(i.ipAddress.value.split(/\s+/)[0] ?? '') : null;
    if (i && n && n.length < 32) return { iface: i.name, network: formatIpv4Network(n) };
  }
  return null;
}

/** Whether a filter lets a protocol-4 packet from `br` to `ce` through (addresses unknown: null). */
function passesIpip(f: StaticFilter, br: string | null, ce: string | null): boolean {
  const portless = (p: string): boolean => p === '*' || p === '';
  return protocolAllowsIpip(f.protocol) && ipv6FieldMatches(f.source, br) && ipv6FieldMatches(f.destination, ce) && portless(f.sourcePort) && portless(f.destinationPort);
}

/**
 * The WAN's inbound IPv6 list, if it would drop the BR's/AFTR's protocol 4: a `pass * * 4` filter inserted before
 * whatever rejects it (or appended), and the old binding line to put back. Nothing when the list already passes it
 * or there is no list (no list passes everything).
 */
function ipv6Protocol4(cfg: RtxConfig, wan: string, lineText: (n: number) => string, br: string | null, ce: string | null) {
  const binding = cfg.interfaces[wan]?.ipv6FilterIn;
  if (!binding || binding.ids.length === 0) return null;
  let blocker: StaticFilter | null = null;
  for (const id of binding.ids) {
    const f = filterById(cfg.ipv6Filters, id);
    if (!f || !passesIpip(f, br, ce)) continue;
    if (f.action.startsWith('pass')) return null;
    blocker = f;
    break;
  }
  const existing = cfg.ipv6Filters.find((f) => f.action.startsWith('pass') && f.protocol !== '*' && passesIpip(f, br, ce) && !binding.ids.includes(f.id));
  const first = binding.ids[0] ?? 200030;
  const id = existing?.id ?? freeFilterId([...cfg.ipv6Filters, ...cfg.ipFilters].map((f) => f.id), first + 1);
  const at = blocker ? binding.ids.indexOf(blocker.id) : binding.ids.length;
  const ids = [...binding.ids.slice(0, at), id, ...binding.ids.slice(at)];
  return {
    commands: [...(existing ? [] : [`ipv6 filter ${id} pass * * 4`]), bindingLine('ipv6', wan, 'in', ids, binding.dynamicIds)],
    inverse: [lineText(binding.lines[binding.lines.length - 1]!), ...(existing ? [] : [`no ipv6 filter ${id}`])],
  };
}

/** `dhcp-prefix@lan2` or `ra-prefix@lan2`: how the config already takes the line's prefix. */
function prefixReference(cfg: RtxConfig, wan: string): string | null {
  const def = cfg.ipv6Prefixes.find((p) => p.source !== 'static' && p.fromInterface === wan);
  if (def) return `${def.source}@${wan}`;
  for (const i of Object.values(cfg.interfaces)) {
    for (const a of i.ipv6Addresses) {
      const m = /^(ra-prefix|dhcp-prefix)@([a-z0-9]+)/.exec(a.value);
      if (m && m[2] === wan) return `${m[1]}@${wan}`;
    }
  }
  return null;
}

/** The interface ID as the router writes it after `::` (`cb:71:a00:0` from `::cb:71:a00:0`), or null. */
function iidSuffix(interfaceId: string): string | null {
  try {
    const a = new Address6(interfaceId.trim().startsWith(':') ? interfaceId.trim() : `::${interfaceId.trim()}`);
    const v = a.bigInt();
    if (v === 0n || v >= 1n << 64n) return null;
    return Address6.fromBigInt(v).correctForm().replace(/^::/, '');
  } catch {
    return null;
  }
}

/** Features the set-up uses for this service on this model, with what the table says of each. */
function featuresFor(service: ServiceRecord): RtxFeature[] {
  const hints = service.rtx.value;
  if (hints.encapsulation === 'map-e') return hints.mapEType === 'ocn' ? ['map-e', 'map-e-ocn'] : ['map-e'];
  return service.update ? ['ipip', 'lua'] : ['ipip'];
}

/** The whole set-up for a service on this router, or why it cannot be built (with what is missing). */
export function buildSetupPlan(req: SetupRequest): SetupResult {
  const { service, config: cfg } = req;
  const row = req.model ? rtxModel(req.model) : undefined;
  const notes: Text[] = [];
  for (const feature of featuresFor(service)) {
    const f = row?.features[feature];
    if (f?.support === 'no') {
      return refuse(
        'feature-unsupported',
        {
          ja: `${row!.model} は ${feature} に対応していません（${f.confidence}）。別の機種か Linux CE モードを使ってください。`,
          en: `The ${row!.model} cannot do ${feature} (${f.confidence}). Use another model or Linux CE mode.`,
        },
        { feature },
      );
    }
  }
  if (!row) {
    notes.push({
      ja: `${req.model ?? 'この機種'} は対応表にないため、ポート名（LAN: lan1、回線: lan2）と機能はヤマハの一般的な例どおりと仮定しています。`,
      en: `${req.model ?? 'This model'} is not in the support table: the port names (LAN lan1, line lan2) and features follow Yamaha's usual examples.`,
    });
  } else if (row.ports.confidence === 'inferred') {
    notes.push({
      ja: `${row.model} のポート名（LAN: ${row.ports.value.lan}、回線: ${row.ports.value.wan}）は推定です（${row.ports.sources[0]}）。`,
      en: `The ${row.model}'s port names (LAN ${row.ports.value.lan}, line ${row.ports.value.wan}) are inferred (${row.ports.sources[0]}).`,
    });
  }
  const wan = req.wan ?? row?.ports.value.wan ?? 'lan2';
  if (!cfg.interfaces[wan] && !cfg.ngnTypes.some((n) => n.interface === wan)) {
    return refuse('no-wan', { ja: `回線側のインタフェース ${wan} の設定がありません（IPv6の設定が先に必要です）。`, en: `Nothing is configured on the line's interface ${wan} (the IPv6 side must be set up first).` });
  }
  const lan = lanOf(cfg, row?.ports.value.lan ?? 'lan1', wan);
  if (!lan) return refuse('no-lan', { ja: 'LAN側のIPv4アドレス（ip lan1 address）がありません。', en: 'The LAN has no IPv4 address (ip lan1 address).' });

  const tunnel = freeId(Object.keys(cfg.tunnels).map(Number), 1);
  const nat = freeId(Object.keys(cfg.natDescriptors).map(Number), 1000);
  const base = filterBase(cfg);
  const f = (o: number): number => base + o;

  const enc = service.encapsulation.value;
  const block: string[] = [];
  const global: string[] = [];
  const globalInverse: string[] = [];
  let br: string | null = null;
  let aftrName: string | null = null;
  let ce: string | null = null;
  let ipv4: string | null = null;
  let natOuter: string | null = null;

  if (enc === 'map-e') {
    if (!req.prefix || !req.mape) return refuse('no-prefix', { ja: 'MAP-E の計算に使うIPv6プレフィックスが見つかりません。', en: 'No IPv6 prefix to compute MAP-E from.' });
    const rule = req.mape.providerId;
    const own = service.mapE?.value.ruleProviderId;
    if (own && rule !== own) {
      notes.push({
        ja: `プレフィックス ${req.mape.userPrefix} は ${req.mape.provider} のルールにあり、${service.nameJa} のものではありません。`,
        en: `The prefix ${req.mape.userPrefix} is in a ${req.mape.provider} rule, not ${service.name}'s.`,
      });
    }
    // The BR the tunnel aims at, explicitly: the rule's when the prefix is the service's own (BIGLOBE's :275/:276,
    // never the DMR ::64), else the catalog's.
    br = own === rule ? req.mape.br : (service.endpoints.value.find((e) => e.address)?.address ?? req.mape.br);
    ce = req.mape.ceAddress;
    ipv4 = req.mape.ipv4;
    natOuter = 'map-e';
    block.push('tunnel encapsulation map-e', `tunnel map-e type ${service.rtx.value.mapEType ?? 'v6plus'}`);
    if (br) block.push(`tunnel endpoint address ${br}`);
  } else if (enc === 'ds-lite') {
    aftrName = service.rtx.value.endpointName ?? service.endpoints.value.find((e) => e.name)?.name ?? null;
    const byName = row?.features['endpoint-name']?.support === 'yes' || (!row && aftrName !== null);
    block.push('tunnel encapsulation ipip');
    if (byName && aftrName) {
      block.push(`tunnel endpoint name ${aftrName} fqdn`);
    } else {
      br = normalizeIpv6(req.aftrAddress);
      if (!br) {
        return refuse('no-aftr-address', {
          ja: `${req.model ?? 'この機種'} は AFTR を名前で指定できるか分からないため、アドレスが必要ですが、ルーターは ${aftrName ?? 'AFTR名'} を解決できませんでした。`,
          en: `Whether the ${req.model ?? 'router'} can aim at the AFTR by name is unknown, so it needs an address, and the router did not resolve ${aftrName ?? 'the AFTR name'}.`,
        });
      }
      block.push(`tunnel endpoint address ${br}`);
      notes.push({ ja: `AFTR はアドレス ${br} で指定します（ルーターが名前解決した値）。`, en: `The AFTR is given by its address ${br} (as the router resolved it).` });
    }
  } else {
    // Fixed IP (IPIP): everything comes from the notice; the BR may fall back to what public reports show.
    const n = req.notice ?? {};
    const fallbackBr = FIXED_BR_FALLBACK[service.id]?.address ?? null;
    const missing = noticeFieldsNeeded(service, fallbackBr).filter((k) => !n[k]?.trim());
    const badIpv4 = n.fixedIpv4 && !IPV4.test(n.fixedIpv4.trim());
    const iid = n.interfaceId ? iidSuffix(n.interfaceId) : null;
    if (n.interfaceId && !iid && !missing.includes('interfaceId')) missing.push('interfaceId');
    if (badIpv4 && !missing.includes('fixedIpv4')) missing.push('fixedIpv4');
    if (n.br && !normalizeIpv6(n.br) && !missing.includes('br')) missing.push('br');
    if (missing.length > 0) {
      return refuse(
        'needs-notice',
        {
          ja: `${service.nameJa} の設定には開通のご案内の値が必要です: ${missing.join(', ')}。`,
          en: `Setting up ${service.name} needs values from the contract notice: ${missing.join(', ')}.`,
        },
        { missing },
      );
    }
    const ref = prefixReference(cfg, wan);
    if (!ref || !req.prefix) return refuse('no-prefix', { ja: '回線のIPv6プレフィックスを使う設定（dhcp-prefix@ / ra-prefix@）がありません。', en: 'The config takes no IPv6 prefix from the line (dhcp-prefix@ / ra-prefix@).' });
    br = normalizeIpv6(n.br) ?? fallbackBr;
    if (!n.br) {
      notes.push({
        ja: `BRアドレスは開通のご案内にないため、公開情報の ${br} を使います。ご案内に書かれていればそちらを入力してください。`,
        en: `The notice gives no BR, so the publicly reported ${br} is used. Enter the one on your notice if it has one.`,
      });
    }
    ipv4 = n.fixedIpv4!.trim();
    natOuter = ipv4;
    try {
      ce = fixedIpCeAddress(req.prefix, `::${iid}`).ceAddress;
    } catch {
      ce = null;
    }
    // The CE address is the line's /64 with the contract's interface ID, put on the LAN beside the address it has.
    global.push(`ipv6 ${lan.iface} address ${ref}::${iid}/64`);
    globalInverse.push(`no ipv6 ${lan.iface} address ${ref}::${iid}/64`);
    block.push('tunnel encapsulation ipip', `tunnel endpoint address ${br}`);
  }

  block.push(
    `ip tunnel mtu ${service.mtu.value}`,
    `ip tunnel secure filter in ${f(30)} ${f(39)}`,
    `ip tunnel secure filter out ${f(99)} dynamic ${DYNAMIC.map(([o]) => f(o)).join(' ')}`,
    ...(natOuter ? [`ip tunnel nat descriptor ${nat}`] : []),
    'ip tunnel tcp mss limit auto',
  );

  const filters = [`ip filter ${f(30)} pass * ${lan.network} icmp * *`, `ip filter ${f(39)} reject * * * * *`, `ip filter ${f(99)} pass * * * * *`, ...DYNAMIC.map(([o, p]) => `ip filter dynamic ${f(o)} * * ${p}`)];
  const filtersInverse = [...DYNAMIC.map(([o]) => `no ip filter dynamic ${f(o)}`).reverse(), `no ip filter ${f(99)}`, `no ip filter ${f(39)}`, `no ip filter ${f(30)}`];
  const natLines = natOuter ? [`nat descriptor type ${nat} masquerade`, `nat descriptor address outer ${nat} ${natOuter}`] : [];
  const natInverse = natOuter ? [`no nat descriptor address outer ${nat}`, `no nat descriptor type ${nat}`] : [];

  const v6 = ipv6Protocol4(cfg, wan, req.lineText, br, ce);

  // The IPv4 default route: a PPPoE one is moved to the tunnel (the user is asked first), and put back by the undo.
  const oldDefault = cfg.routes.filter((r) => r.family === 'ipv4' && r.destination === 'default').at(-1) ?? null;
  const route = `ip route default gateway tunnel ${tunnel}`;
  const routeInverse = oldDefault ? req.lineText(oldDefault.lines[oldDefault.lines.length - 1]!) : `no ${route}`;
  let pppoe: SetupPlan['pppoe'] = null;
  if (oldDefault) {
    pppoe = oldDefault.gateway.kind === 'pp' ? { route: routeInverse } : null;
    notes.push(
      oldDefault.gateway.kind === 'pp'
        ? {
            ja: `いまの IPv4 の既定経路（${routeInverse}）は PPPoE です。設定後は IPv4 がトンネルを通り、PPPoE の接続設定は残りますが既定経路ではなくなります。元に戻すと既定経路も戻ります。`,
            en: `IPv4's default route now goes over PPPoE (${routeInverse}). After the set-up IPv4 goes through the tunnel; the PPPoE session stays configured but is no longer the default route. The undo puts the route back.`,
          }
        : {
            ja: `いまの IPv4 の既定経路（${routeInverse}）をトンネルに置き換えます。元に戻すと既定経路も戻ります。`,
            en: `The current IPv4 default route (${routeInverse}) is replaced by the tunnel. The undo puts it back.`,
          },
    );
  }

  // DNS: the router asks the line's DNS servers (DHCPv6) when nothing else is set: a DS-Lite AFTR name needs them.
  const dns = cfg.dns.servers.length === 0 ? [`dns server dhcp ${wan}`] : [];
  const dnsInverse = dns.length ? ['no dns server'] : [];
  const dhcpClient = cfg.interfaces[wan]?.dhcp6Service;
  const clientLines = enc === 'ds-lite' && !dhcpClient ? [`ipv6 ${wan} dhcp service client ir=on`] : [];
  const clientInverse = clientLines.length ? [`no ipv6 ${wan} dhcp service`] : [];

  // Fixed IP: the update notification (script, its start at boot, the prefix log it watches, and a first call now).
  const update: string[] = [];
  const updateInverse: string[] = [];
  if (service.update) {
    const body = updateScriptBody({ service, lan: lan.iface });
    const schedule = freeId(cfg.schedules.map((s) => s.id), 1);
    const existingLog = cfg.interfaces[lan.iface]?.prefixChangeLog ?? null;
    if (!existingLog?.on) {
      update.push(`ipv6 ${lan.iface} prefix change log on`);
      updateInverse.unshift(existingLog ? req.lineText(existingLog.lines[existingLog.lines.length - 1]!) : `no ipv6 ${lan.iface} prefix change log`);
    }
    update.push(`embedded file ${UPDATE_SCRIPT_NAME} <<EOF`, ...body, 'EOF', `schedule at ${schedule} startup * lua emfs:/${UPDATE_SCRIPT_NAME}`, `lua emfs:/${UPDATE_SCRIPT_NAME}`);
    updateInverse.unshift(`terminate lua file emfs:/${UPDATE_SCRIPT_NAME}`, `no schedule at ${schedule}`, `no embedded file ${UPDATE_SCRIPT_NAME}`);
  }

  const tunnelLines = [`tunnel select ${tunnel}`, ...block.map((l) => ` ${l}`), ` tunnel enable ${tunnel}`, 'tunnel select none'];
  const tunnelInverse = [
    `tunnel select ${tunnel}`,
    ...[...block].reverse().map((l) => ` no ${noForm(l)}`),
    'tunnel select none',
    `no tunnel enable ${tunnel}`,
  ];

  const commands = [...global, ...tunnelLines, ...filters, ...natLines, ...(v6?.commands ?? []), route, ...dns, ...clientLines, ...update];
  const inverse = [
    ...updateInverse,
    ...clientInverse,
    ...dnsInverse,
    routeInverse,
    ...(v6?.inverse ?? []),
    ...natInverse,
    ...filtersInverse,
    ...tunnelInverse,
    ...globalInverse,
  ];
  const what = { 'map-e': 'MAP-E', 'ds-lite': 'DS-Lite', ipip: 'IPIP' }[enc];
  return {
    ok: true,
    plan: {
      service: service.id,
      tunnel,
      commands,
      inverse,
      check: { kind: 'tunnel-rx', tunnel: String(tunnel) },
      summary: {
        ja: `${service.nameJa} の IPv4（${what}）をトンネル ${tunnel} に設定する`,
        en: `Set up IPv4 over ${service.name} (${what}) on tunnel ${tunnel}`,
      },
      notes,
      pppoe,
      secrets: slotsIn(commands),
      br,
      aftrName,
      ce,
      ipv4,
    },
  };
}

/** The leading words of each tunnel setting: its `no` form. */
const TUNNEL_SETTINGS = [
  'ip tunnel secure filter in',
  'ip tunnel secure filter out',
  'ip tunnel tcp mss limit',
  'ip tunnel nat descriptor',
  'ip tunnel mtu',
  'tunnel map-e type',
  'tunnel endpoint address',
  'tunnel endpoint name',
  'tunnel encapsulation',
];

/** The `no` form of a tunnel setting (`tunnel endpoint address 2404:…` → `tunnel endpoint address`). */
function noForm(line: string): string {
  const setting = TUNNEL_SETTINGS.find((s) => line === s || line.startsWith(`${s} `));
  if (!setting) throw new Error(`no undo known for the tunnel setting "${line}"`);
  return setting;
}
