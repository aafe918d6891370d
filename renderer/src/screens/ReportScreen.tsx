import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';

/** The last part of a path on either system (the report files are named on the core's side). */
const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Saves text as a file through the browser's own download (Electron asks where, as for any download). */
function download(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The clipboard API where the page may use it, else the selection copy every browser still has. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/**
 * The report, rendered from its own (escaped) HTML under this screen's heading (its h1–h3 become h3–h5), with the
 * files it was saved to, and buttons to save it where the user wants or copy it.
 */
export function ReportScreen({ view, onLang, onBack, onDisconnect }: { view: WizardView; onLang: (l: 'ja' | 'en') => void; onBack: () => void; onDisconnect: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const r = view.report!;
  const body = (/<body>([\s\S]*)<\/body>/.exec(r.html)?.[1] ?? '').replace(/<(\/?)h([1-3])>/g, (_m, slash: string, n: string) => `<${slash}h${Number(n) + 2}>`);
  return (
    <section className="card">
      <h2>{t('reportScreen.title')}</h2>
      <div className="row report-bar">
        <span className="muted">{t('reportScreen.language')}:</span>
        {(['ja', 'en'] as const).map((l) => (
          <button key={l} aria-pressed={r.lang === l} onClick={() => onLang(l)}>
            {t(`reportScreen.${l}`)}
          </button>
        ))}
      </div>
      <div className="row report-bar">
        <button className="primary" data-testid="report-download-md" onClick={() => download(r.markdown, baseName(r.files.markdown), 'text/markdown;charset=utf-8')}>
          {t('reportScreen.downloadMd')}
        </button>
        <button data-testid="report-download-html" onClick={() => download(r.html, baseName(r.files.html), 'text/html;charset=utf-8')}>
          {t('reportScreen.downloadHtml')}
        </button>
        <button data-testid="report-copy" onClick={() => void copyText(r.markdown).then((ok) => setCopied(ok ? 'ok' : 'failed'))}>
          {t('reportScreen.copy')}
        </button>
        <span role="status" className="small">
          {copied === 'ok' ? t('reportScreen.copied') : copied === 'failed' ? t('reportScreen.copyFailed') : ''}
        </span>
      </div>
      <p className="muted small" data-testid="report-files">
        {t('reportScreen.files')}: <code>{r.files.markdown}</code> · <code>{r.files.html}</code>
        {r.files.pdf && (
          <>
            {' '}
            · <code>{r.files.pdf}</code>
          </>
        )}
      </p>
      {/* The HTML comes from shared/report's converter, which escapes every piece of text it emits. */}
      <div
        className="report-body"
        data-testid="report-body"
        role="region"
        aria-label={t('reportScreen.bodyLabel')}
        tabIndex={0}
        dangerouslySetInnerHTML={{ __html: body }}
      />
      <div className="actions">
        <button onClick={onBack}>{t('reportScreen.back')}</button>
        <button onClick={onDisconnect}>{t('reportScreen.disconnect')}</button>
      </div>
    </section>
  );
}
