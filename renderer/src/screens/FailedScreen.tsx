import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';
import { useSay } from '../useSay';

export function FailedScreen({ view, onRetry, onBack }: { view: WizardView; onRetry: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const say = useSay();
  const err = view.error;
  const stage = err?.stage ?? 'connect';
  const hintKey = `errors.${err?.code ?? 'unexpected'}`;
  const hint = t(hintKey, { defaultValue: t('errors.unexpected') });
  return (
    <section className="card failed" role="alert">
      <h2 className="bad">{t(`failed.title.${stage}`)}</h2>
      <p className="hint" data-testid="error-hint">
        {hint}
      </p>
      {err && (
        <details open>
          <summary>{t('failed.detail')}</summary>
          <code data-testid="error-detail">
            [{err.code}] {typeof err.detail === 'string' ? err.detail : say(err.detail)}
          </code>
        </details>
      )}
      <div className="actions">
        {view.can.retry && (
          <button className="primary" onClick={onRetry} autoFocus>
            {t('failed.retry')}
          </button>
        )}
        <button onClick={onBack}>{t('failed.back')}</button>
      </div>
    </section>
  );
}
