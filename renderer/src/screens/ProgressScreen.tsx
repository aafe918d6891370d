import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';

export function ProgressScreen({ view, onCancel }: { view: WizardView; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card progress" aria-busy="true">
      <div className="spinner" aria-hidden="true" />
      <p data-testid="progress-text">
        {view.state === 'connecting' ? t('progress.connecting', { label: view.connection?.label ?? '' }) : t('progress.identifying')}
      </p>
      <button onClick={onCancel} autoFocus>
        {t('progress.cancel')}
      </button>
    </section>
  );
}
