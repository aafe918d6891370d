/**
 * On an RTX: IPv6 works (the line gave a prefix) but no MAP-E or IPIP tunnel exists: how a router fresh from the
 * box looks on an IPoE line. The fix is the whole set-up (shared/rtx/setup/plan.ts) for the service the evidence
 * settles (the notice, the MAP-E prefix) or the user confirms (DS-Lite: which AFTR name the router resolves).
 * Without a service, or without the notice values a fixed IP needs, it says what is missing instead.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { Evidence, FindingParts } from '../../parts.js';
import { configEvidence, rtxPlan } from '../../rtx/common.js';
import { rtxDevice } from '../../rtx/features.js';
import { setupCandidates } from '../../rtx/setup-evidence.js';
import { buildSetupPlan } from '../../../rtx/setup/plan.js';

/** What the RTX detector reads: the config, the DHCPv6 lease (its DNS servers), and `ping6 NAME` per AFTR name. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config, RTX_COMMANDS.dhcp6, 'ping6 -c 1 {aftr}'], detect: rtxIpv4TunnelMissing };

/** True when the config has no tunnel that can carry IPv4 over IPv6 (MAP-E or IPIP). */
export function hasNoIpv4Tunnel(ctx: DiagnosisContext): boolean {
  return ctx.rtx.config !== undefined && ctx.rtx.tunnel === null;
}

export function rtxIpv4TunnelMissing(ctx: DiagnosisContext): FindingParts[] {
  const cfg = ctx.rtx.config;
  const prefix = ctx.line.prefix;
  if (!cfg || !hasNoIpv4Tunnel(ctx) || !prefix) return [];
  const wan = ctx.rtx.wan;
  const defaultRoute = cfg.routes.filter((r) => r.family === 'ipv4' && r.destination === 'default').at(-1) ?? null;
  const viaPppoe = defaultRoute?.gateway.kind === 'pp';
  const ipv6Lines = [...cfg.ipv6Prefixes.flatMap((p) => p.lines), ...cfg.ngnTypes.flatMap((n) => n.lines)];
  const evidence: Evidence[] = [...prefix.evidence, ...(ipv6Lines.length || defaultRoute ? [configEvidence(ctx, [...ipv6Lines, ...(defaultRoute?.lines ?? [])])] : [])];
  const candidates = setupCandidates(ctx);
  const device = rtxDevice(ctx);
  const pppoeNote = viaPppoe
    ? { ja: ' いまの IPv4 は PPPoE で出ています。', en: ' IPv4 goes out over PPPoE for now.' }
    : { ja: '', en: '' };
  const data = {
    service: candidates.service,
    basis: candidates.basis,
    needsConfirmation: candidates.needsConfirmation,
    resolvedAftr: candidates.aftr.filter((a) => a.resolved).map((a) => `${a.name}=${a.address ?? '?'}`).join(',') || null,
    unresolvedAftr: candidates.aftr.filter((a) => a.resolved === false).map((a) => a.name).join(',') || null,
    dnsServers: candidates.dnsServers.map((d) => d.value).join(',') || null,
    model: device?.model ?? null,
    pppoeDefaultRoute: viaPppoe && defaultRoute ? ctx.rtx.lineText(RTX_COMMANDS.config, defaultRoute.lines.at(-1)!) : null,
  };
  const severity = viaPppoe ? ('warning' as const) : undefined;

  if (!candidates.service || candidates.needsConfirmation) {
    const resolved = candidates.aftr.filter((a) => a.resolved);
    return [
      {
        ...(severity ? { severity } : {}),
        evidence: [...evidence, ...candidates.aftr.flatMap((a) => a.evidence), ...candidates.dnsServers.flatMap((d) => d.evidence)],
        detail: {
          ja: `プレフィックス ${prefix.value} は MAP-E のどのルールにもないため、DS-Lite（transix・クロスパス・v6コネクト）か固定IPのサービスです。${resolved.length ? `ルーターは ${resolved.map((a) => a.name).join('、')} を名前解決できます。` : 'ルーターはどの AFTR 名も名前解決できませんでした。'}どのサービスかを確認すると、設定一式を作れます。${pppoeNote.ja}`,
          en: `The prefix ${prefix.value} is in no MAP-E rule, so the line is DS-Lite (transix, Xpass, v6 Connect) or a fixed-IP service. ${resolved.length ? `The router resolves ${resolved.map((a) => a.name).join(', ')}.` : 'The router resolved none of the AFTR names.'} Confirm the service and the whole set-up is built.${pppoeNote.en}`,
        },
        checklist: [
          {
            party: 'isp',
            item: {
              ja: 'この回線の IPv4 接続サービスはどれですか（transix・クロスパス・v6コネクト・固定IP など）。開通のご案内の内容を教えてください。',
              en: 'Which IPv4 service does this line have (transix, Xpass, v6 Connect, a fixed IP …)? Please give the values on the contract notice.',
            },
          },
        ],
        data: { ...data, planned: false, refused: 'needs-service', missingNotice: null },
      },
    ];
  }

  const service = ctx.line.service!;
  const result = buildSetupPlan({
    service,
    model: device?.model ?? null,
    config: cfg,
    lineText: (n) => ctx.rtx.lineText(RTX_COMMANDS.config, n),
    wan,
    prefix: ctx.line.mape?.userPrefix ?? prefix.value,
    mape: ctx.line.mape,
    notice: ctx.input.notice ?? null,
    aftrAddress: candidates.aftr.find((a) => a.service === service.id && a.address)?.address ?? null,
  });
  if (!result.ok) {
    const r = result.refusal;
    return [
      {
        ...(severity ? { severity } : {}),
        evidence,
        detail: { ja: `${service.nameJa} の設定一式はまだ作れません: ${r.detail.ja}${pppoeNote.ja}`, en: `The ${service.name} set-up cannot be built yet: ${r.detail.en}${pppoeNote.en}` },
        checklist: [
          r.code === 'needs-notice'
            ? {
                party: 'isp',
                item: {
                  ja: `開通のご案内（${r.missing?.join(', ')}）を確認させてください。`,
                  en: `Please confirm the contract notice values (${r.missing?.join(', ')}).`,
                },
              }
            : { party: 'vendor', item: { ja: `${device?.model ?? 'この機種'} で ${service.nameJa} を設定できますか。`, en: `Can the ${device?.model ?? 'router'} be set up for ${service.name}?` } },
        ],
        data: { ...data, planned: false, refused: r.code, missingNotice: r.missing?.join(',') ?? null },
      },
    ];
  }
  const plan = result.plan;
  const notes = plan.notes;
  return [
    {
      ...(severity ? { severity } : {}),
      evidence,
      detail: {
        ja: `${service.nameJa}（${candidates.basis === 'notice' ? '開通のご案内' : candidates.basis === 'prefix' ? 'プレフィックスから' : '確認済み'}）の設定一式を用意しました: トンネル ${plan.tunnel}${plan.br ? `、BR ${plan.br}` : ''}${plan.aftrName ? `、AFTR ${plan.aftrName}` : ''}${plan.ce ? `、CE ${plan.ce}` : ''}${plan.ipv4 ? `、IPv4 ${plan.ipv4}` : ''}。${notes.map((n) => n.ja).join('')}${pppoeNote.ja}`,
        en: `The whole ${service.name} set-up is ready (${candidates.basis === 'notice' ? 'from the contract notice' : candidates.basis === 'prefix' ? 'from the prefix' : 'confirmed'}): tunnel ${plan.tunnel}${plan.br ? `, BR ${plan.br}` : ''}${plan.aftrName ? `, AFTR ${plan.aftrName}` : ''}${plan.ce ? `, CE ${plan.ce}` : ''}${plan.ipv4 ? `, IPv4 ${plan.ipv4}` : ''}. ${notes.map((n) => n.en).join(' ')}${pppoeNote.en}`.trimEnd(),
      },
      fix: rtxPlan(plan.commands, plan.inverse, plan.check, plan.summary),
      data: { ...data, planned: true, refused: null, missingNotice: null, tunnel: plan.tunnel, br: plan.br, ce: plan.ce, ipv4: plan.ipv4, secrets: plan.secrets.join(',') || null },
    },
  ];
}
