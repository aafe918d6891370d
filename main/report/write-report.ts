import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportView } from '../../shared/ipc/contract.js';
import type { Language } from '../../shared/i18n/catalogs.js';
import { translate } from '../../shared/i18n/translate.js';
import { Redactor } from '../../shared/redact/redact.js';
import { markdownToHtml } from '../../shared/report/render-html.js';
import { renderMarkdown } from '../../shared/report/render-markdown.js';
import type { ReportInput } from '../../shared/report/report-model.js';

export interface WriteReportOptions {
  dir: string;
  lang: Language;
  /** Every secret the app was given in this session (router and admin passwords, update credentials). */
  knownSecrets: readonly (string | undefined | null)[];
  /** Electron's printToPDF, where it exists; browser mode and the CLI have none. */
  printToPdf?: (html: string) => Promise<Buffer>;
  basename?: string;
}

/** Render, redact and write the support report (Markdown, HTML, and PDF where possible). */
export async function writeReport(input: ReportInput, opts: WriteReportOptions): Promise<ReportView> {
  const redactor = new Redactor(opts.knownSecrets);
  const md = redactor.redact(renderMarkdown(input, opts.lang));
  const masked = Object.values(md.counts).reduce((a, b) => a + b, 0);
  const markdown = masked ? md.text.replace(/\n---\n/, `\n${translate(opts.lang, 'report.secretsRemoved', { count: masked })}\n\n---\n`) : md.text;
  const html = markdownToHtml(markdown, opts.lang, translate(opts.lang, 'report.title'));
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const base = opts.basename ?? `ipoe-doctor-report-${input.generatedAt.toISOString().replace(/[:.]/g, '-')}-${opts.lang}`;
  const files = { markdown: join(opts.dir, `${base}.md`), html: join(opts.dir, `${base}.html`), pdf: null as string | null };
  writeFileSync(files.markdown, markdown, { mode: 0o600 });
  writeFileSync(files.html, html, { mode: 0o600 });
  if (opts.printToPdf) {
    files.pdf = join(opts.dir, `${base}.pdf`);
    writeFileSync(files.pdf, await opts.printToPdf(html), { mode: 0o600 });
  }
  return { lang: opts.lang, markdown, html, files };
}
