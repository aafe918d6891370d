import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';
import { useTargetLabel } from './linux-ce/target-label';

/** A step that is under way; cancel only where the machine takes it (not while a script runs on a host). */
export function ProgressScreen({ view, onCancel }: { view: WizardView; onCancel: () => void }) {
  const { t } = useTranslation();
  const label = useTargetLabel(view);
  const text = view.activity ? t(view.activity, { label }) : '';
  return (
    <section className="card progress" aria-busy="true">
      <div className="spinner" aria-hidden="true" />
      <p data-testid="progress-text">{text}</p>
      {view.can.cancel && (
        <button onClick={onCancel} autoFocus>
          {t('progress.cancel')}
        </button>
      )}
    </section>
  );
}
