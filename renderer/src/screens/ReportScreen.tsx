import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';

/** The report, rendered from its own (escaped) HTML, with the files it was saved to. */
export function ReportScreen({ view, onLang, onBack, onDisconnect }: { view: WizardView; onLang: (l: 'ja' | 'en') => void; onBack: () => void; onDisconnect: () => void }) {
  const { t } = useTranslation();
  const r = view.report!;
  const body = /<body>([\s\S]*)<\/body>/.exec(r.html)?.[1] ?? '';
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
      <div className="report-body" data-testid="report-body" dangerouslySetInnerHTML={{ __html: body }} />
      <div className="actions">
        <button onClick={onBack}>{t('reportScreen.back')}</button>
        <button onClick={onDisconnect}>{t('reportScreen.disconnect')}</button>
      </div>
    </section>
  );
}
