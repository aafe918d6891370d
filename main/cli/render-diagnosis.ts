import type { DiagnosisResult } from '../../shared/diagnosis/engine.js';
import type { Language } from '../../shared/i18n/catalogs.js';
import { translate } from '../../shared/i18n/translate.js';

const MARK = { error: '✗', warning: '!', info: 'i' } as const;

/** Findings for a terminal: one block per finding, evidence lines and the fix with its undo. */
export function renderDiagnosisText(result: DiagnosisResult, lang: Language): string {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const out: string[] = [];
  const d = result.device;
  const s = result.service;
  out.push(`${d ? `${d.model} Rev.${d.firmware}` : t('report.unknown')} — ${s?.provider ?? t('report.unknown')}`);
  if (s) out.push(`  ${t('report.prefix')}: ${s.prefix ?? '?'}   ${t('report.ceAddress')}: ${s.ceAddress ?? '?'}   ${t('report.br')}: ${s.br ?? '?'}`);
  out.push('');
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  out.push(errors ? t('report.verdictProblems', { count: errors }) : t('report.verdictOk'), '');
  for (const f of result.findings) {
    out.push(`${MARK[f.severity]} ${t(`report.severity.${f.severity}`)}  ${f.code}  ${f.title[lang]}`);
    for (const line of f.explanation[lang].split('\n')) out.push(`    ${line}`);
    if (f.causes?.length) out.push(`    → ${f.causes.join(', ')}`);
    for (const e of f.evidence) {
      e.lines.forEach((n, i) => out.push(`    [${e.command} ${t('report.line')} ${n}] ${e.excerpt[i] ?? ''}`));
    }
    if (f.fix) {
      out.push(`    ${t('report.fix')}:`, ...f.fix.commands.map((c) => `      ${c}`));
      out.push(`    ${t('report.undo')}:`, ...f.fix.inverse.map((c) => `      ${c}`));
    }
    for (const c of f.checklist ?? []) out.push(`    ☐ ${t(`report.party.${c.party}`)}: ${c.item[lang]}`);
    out.push('');
  }
  if (result.unknown.length) out.push(`${t('report.unknownCommands')}: ${result.unknown.join(', ')}`);
  for (const n of result.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}
