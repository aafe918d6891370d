/** The line check for a terminal and for `--json` (a public contract: service, BR/AFTR, MAP-E, needs, findings). */
import type { Language } from '../i18n/catalogs.js';
import { renderMessage, say, type Message } from '../i18n/message.js';
import { translate } from '../i18n/translate.js';
import type { LineCheckResult } from './judge.js';
import type { PingResult } from './types.js';
import { diagnosisJson, type DiagnosisResult } from '../diagnosis/engine.js';

const MARK = { error: '✗', warning: '!', info: 'i' } as const;

export function lineCheckJson(r: LineCheckResult, lang: Language = 'en') {
  const m = (x: Message) => renderMessage(lang, x, 'cli');
  return {
    verdict: m(r.verdict),
    service: r.service,
    wan: r.wan,
    prefix: r.prefix,
    raRouter: r.raRouter,
    lineDns: r.lineDns,
    br: r.endpoints.find((e) => e.role === 'br') ?? null,
    aftr: r.aftr,
    mape: r.mape,
    ipip: r.ipip,
    needs: r.needs.map((n) => ({ feature: n.feature, text: m(n.text) })),
    reachability: r.reachability,
    router: r.router,
    // The diagnosis' own --json shape for findings, with the explanation a line check reader needs.
    findings: diagnosisJson(lineCheckAsDiagnosis(r, lang), lang).findings.map((f, i) => ({ ...f, explanation: r.findings[i]!.explanation[lang] })),
    checklists: Object.fromEntries(Object.entries(r.checklists).map(([party, items]) => [party, items.map((t) => t[lang])])),
    options: r.options,
    reasons: r.reasons.map(m),
  };
}

export function pingText(lang: Language, p: PingResult): string {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  return t('linecheck.ping', { role: t(`linecheck.role.${p.role}`), target: p.name ? `${p.target} (${p.name})` : p.target, result: p.ok ? t('linecheck.pingOk', { rtt: p.rttMs ?? '?' }) : t('linecheck.pingFail') });
}

export function lineCheckText(r: LineCheckResult, lang: Language): string {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const m = (x: Message) => renderMessage(lang, x, 'cli');
  const out: string[] = [m(r.verdict), ''];
  if (r.service) {
    out.push(`${t('linecheck.service')}: ${lang === 'ja' ? r.service.nameJa : r.service.name} (${t('linecheck.serviceSource')}: ${r.service.source ? t(`linecheck.source.${r.service.source}`) : '?'})`);
    if (r.service.alsoPossible.length) out.push(`  ${t('linecheck.alsoPossible', { services: r.service.alsoPossible.join(', ') })}`);
  }
  out.push(`${t('linecheck.prefix')}: ${r.prefix ?? '—'}   ${t('linecheck.raRouter')}: ${r.raRouter ?? '—'}${r.wan ? ` (${r.wan})` : ''}`);
  out.push(`${t('linecheck.lineDns')}: ${r.lineDns.join(', ') || '—'}`);
  if (r.mape) {
    out.push(`${t('linecheck.mapeIpv4')}: ${r.mape.ipv4}   PSID ${r.mape.psid}   ${t('linecheck.ceAddress')}: ${r.mape.ceAddress}   ${t('linecheck.br')}: ${r.mape.br ?? '?'}`);
    out.push(`${t('linecheck.portSet')} (${r.mape.ports}): ${r.mape.portSet.join(' ')}`);
  }
  if (r.aftr) out.push(`${t('linecheck.aftr')}: ${r.aftr.name} → ${r.aftr.addresses.join(', ')}`);
  if (r.ipip) out.push(r.ipip.source === 'notice' ? t('linecheck.noticeHolds') : `${t('linecheck.br')}: ${r.ipip.remote ?? '?'}   IPv4 ${r.ipip.ipv4 ?? '?'}`);
  if (r.needs.length) out.push('', `${t('linecheck.needs')}:`, ...r.needs.map((n) => `  - ${m(n.text)}`));
  out.push('', `${t('linecheck.reachability')}:`);
  for (const p of r.reachability.pings) out.push(`  ${pingText(lang, p)}`);
  const pm = r.reachability.pathMtu;
  if (pm) out.push(`  ${pm.mtu ? t('linecheck.pathMtu', { target: pm.target, mtu: pm.mtu }) : t('linecheck.pathMtuNone', { target: pm.target })}`);
  for (const d of r.reachability.dns) out.push(`  ${t('linecheck.dns', { family: d.family, server: d.server, result: d.ok ? `${d.name} → ${d.answer ?? ''}` : t('linecheck.pingFail') })}`);
  if (r.router) out.push('', `${t('linecheck.router')}: ${r.router.vendor ? `${r.router.vendor} ${r.router.model}` : r.router.typed} — ${t(`linecheck.support.${r.router.support}`)}`);
  out.push('', `${t('linecheck.findings')}:`);
  if (!r.findings.length) out.push(`  ${t('linecheck.noFindings')}`);
  for (const f of r.findings) {
    out.push(`${MARK[f.severity]} ${f.code}  ${f.title[lang]}`);
    for (const line of f.explanation[lang].split('\n')) out.push(`    ${line}`);
    for (const e of f.evidence) e.lines.forEach((n, i) => out.push(`    [${e.command} ${t('report.line')} ${n}] ${e.excerpt[i] ?? ''}`));
  }
  const parties = (['isp', 'vne', 'vendor'] as const).filter((p) => r.checklists[p].length);
  if (parties.length) {
    out.push('', `${t('linecheck.checklists')}:`);
    for (const p of parties) for (const item of r.checklists[p]) out.push(`  ☐ ${t(`report.party.${p}`)}: ${item[lang]}`);
  }
  out.push('', `${t('linecheck.options')}:`);
  for (const o of r.options) {
    out.push(
      `  - ${
        o.kind === 'router' ? m(say('linecheck.option.router', { vendor: o.vendor, model: o.model, confidence: o.confidence })) : o.kind === 'rtx' ? t('linecheck.option.rtx') : t('linecheck.option.linuxCe')
      }`,
    );
  }
  out.push('', `${t('linecheck.reasons')}:`, ...r.reasons.map((x) => `  - ${m(x)}`));
  return out.join('\n') + '\n';
}

/**
 * The line check as the support report's input (shared/report): no device was logged into, the service as the
 * check saw it, its findings with their checklists, and how the service was worked out as notes.
 */
export function lineCheckAsDiagnosis(r: LineCheckResult, lang: Language = 'en'): DiagnosisResult {
  const br = r.endpoints.find((e) => e.role === 'br' || e.role === 'aftr')?.address ?? null;
  return {
    device: null,
    service: r.service || r.prefix ? { id: r.service?.id ?? null, provider: r.service?.name ?? null, prefix: r.prefix, ceAddress: r.mape?.ceAddress ?? null, br } : null,
    findings: r.findings,
    unknown: [],
    notes: [renderMessage(lang, r.verdict, 'cli'), ...(r.router ? [`router: ${r.router.vendor ? `${r.router.vendor} ${r.router.model}` : r.router.typed} (${r.router.support})`] : []), ...r.reasons.map((m) => renderMessage(lang, m, 'cli'))],
  };
}
