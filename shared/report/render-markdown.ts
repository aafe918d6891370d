import type { Language } from '../i18n/catalogs.js';
import { translate } from '../i18n/translate.js';
import { renderMessage } from '../i18n/message.js';
import { PARTIES, checklistsByParty, findingOutcomes, type FindingOutcome, type ReportInput } from './report-model.js';

/**
 * The support report as Markdown, told as a story: what was found, what was changed and verified, and what is left,
 * with each party's checklist naming only what that party must still do. The caller redacts the result (Redactor)
 * before it leaves the app.
 */
export function renderMarkdown(input: ReportInput, lang: Language): string {
  const t = (key: string, vars?: Record<string, string | number>) => translate(lang, key, vars);
  const { diagnosis } = input;
  const errors = diagnosis.findings.filter((f) => f.severity === 'error');
  const outcomes = findingOutcomes(diagnosis.findings, input.apply);
  const settled = diagnosis.findings.filter((f) => outcomes.get(f.code) !== 'open');
  const left = errors.filter((f) => outcomes.get(f.code) === 'open');
  const codeList = (list: readonly { code: string }[]) => list.map((f) => `\`${f.code}\``).join(', ');
  const tag = (o: FindingOutcome | undefined) => (o === 'fixed' ? ` — ${t('report.outcome.fixed')}` : o === 'resolved' ? ` — ${t('report.outcome.resolved')}` : '');
  const s = diagnosis.service;
  const out: string[] = [];
  const na = t('report.unknown');
  const a = input.apply;

  out.push(`# ${t('report.title')}`, '', `${t('report.generated')}: ${input.generatedAt.toISOString()}`, '');
  out.push(`## ${t('report.summary')}`, '', errors.length ? t('report.verdictProblems', { count: errors.length }) : t('report.verdictOk'));
  if (a?.status === 'saved' && settled.length) {
    out.push('', t('report.storyFixed', { count: settled.length, codes: codeList(settled) }));
    out.push('', left.length ? t('report.storyLeft', { count: left.length, codes: codeList(left) }) : t('report.storyNothingLeft'));
  } else if (a) {
    out.push('', t('report.storyReverted'));
  }
  out.push('');
  for (const f of diagnosis.findings) out.push(`- **${t(`report.severity.${f.severity}`)}** \`${f.code}\` ${f.title[lang]}${tag(outcomes.get(f.code))}`);
  out.push('');

  out.push(`## ${t('report.device')}`, '');
  out.push(`| ${t('report.item')} | ${t('report.value')} |`, `|---|---|`);
  out.push(`| ${t('report.model')} | ${diagnosis.device?.model ?? na} |`, `| ${t('report.firmware')} | ${diagnosis.device ? `Rev.${diagnosis.device.firmware}` : na} |`);
  if (input.connectionLabel) out.push(`| ${t('report.connection')} | ${input.connectionLabel} |`);
  out.push('');

  out.push(`## ${t('report.service')}`, '', `| ${t('report.item')} | ${t('report.value')} |`, `|---|---|`);
  out.push(
    `| ${t('report.serviceName')} | ${s?.id ? t(`services.${s.id}`) : (s?.provider ?? na)} |`,
    `| ${t('report.prefix')} | ${s?.prefix ?? na} |`,
    `| ${t('report.ceAddress')} | ${s?.ceAddress ?? na} |`,
    `| ${t('report.br')} | ${s?.br ?? na} |`,
    '',
  );

  out.push(`## ${t('report.findings')}`, '');
  for (const f of diagnosis.findings) {
    out.push(`### ${t(`report.severity.${f.severity}`)}: ${f.title[lang]} (\`${f.code}\`)`, '');
    const o = outcomes.get(f.code);
    if (o !== 'open') out.push(`**${t(`report.outcome.${o}`)}**`, '');
    out.push(f.explanation[lang], '');
    if (f.causes?.length) out.push(`→ ${f.causes.map((c) => `\`${c}\``).join(', ')}`, '');
    for (const e of f.evidence) {
      out.push(`${t('report.evidence')}: \`${e.command}\` (${t('report.line')} ${e.lines.join(', ')})`, '', '```', ...e.excerpt, '```', '');
    }
    if (f.fix) {
      out.push(`${t('report.fix')}:`, '', '```', ...f.fix.commands, '```', '', `${t('report.undo')}:`, '', '```', ...f.fix.inverse, '```', '');
    }
  }

  if (a) {
    out.push(`## ${t('report.attempts')}`, '');
    out.push(
      a.status === 'saved'
        ? t('report.resultSaved')
        : a.status === 'reverted'
          ? t('report.resultReverted')
          : t('report.resultRevertIncomplete', { line: a.difference?.line ?? '?' }),
      '',
    );
    if (a.appliedCommands.length) out.push(`${t('report.applied')}:`, '', '```', ...a.appliedCommands, '```', '');
    if (a.checks.length) {
      out.push(`${t('report.checks')}:`, '');
      for (const c of a.checks) out.push(`- ${c.passed ? t('report.passed') : t('report.failed')}: ${renderMessage(lang, c.detail)}`);
      out.push('');
    }
    if (a.backupPath) out.push(`${t('report.backup')}: \`${a.backupPath}\``, '');
  }

  out.push(`## ${t('report.checklists')}`, '');
  const lists = checklistsByParty(diagnosis.findings, outcomes);
  const fixedHere = a?.status === 'saved' && settled.length > 0;
  for (const party of PARTIES) {
    out.push(`### ${t(`report.party.${party}`)}`, '');
    if (lists[party].length === 0) out.push(fixedHere ? t('report.noChecklistFixed') : t('report.noChecklist'), '');
    for (const { finding, entry } of lists[party]) out.push(`- [ ] ${entry.item[lang]} (\`${finding.code}\`)`);
    out.push('');
  }

  if (diagnosis.unknown.length) {
    out.push(`## ${t('report.unknownCommands')}`, '', ...diagnosis.unknown.map((c) => `- \`${c}\``), '');
  }
  out.push('---', t('report.footer'), '');
  return out.join('\n');
}
