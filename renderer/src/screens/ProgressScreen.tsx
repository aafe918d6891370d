import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';
import { useTargetLabel } from './linux-ce/target-label';

const CE_STATES = ['ceConnecting', 'ceDetecting', 'ceDiagnosing', 'cePlanning', 'ceApplying', 'ceVerifying', 'cePersisting', 'ceRollingBack'] as const;

/** A step that is under way; `onCancel` only where stopping is safe (not while a script runs on a host). */
export function ProgressScreen({ view, onCancel }: { view: WizardView; onCancel?: () => void }) {
  const { t } = useTranslation();
  const label = useTargetLabel(view);
  const ce = (CE_STATES as readonly string[]).includes(view.state) ? view.state : null;
  const text = ce ? t(`ce.progress.${ce}`, { label }) : view.state === 'connecting' ? t('progress.connecting', { label }) : t('progress.identifying');
  return (
    <section className="card progress" aria-busy="true">
      <div className="spinner" aria-hidden="true" />
      <p data-testid="progress-text">{text}</p>
      {onCancel && (
        <button onClick={onCancel} autoFocus>
          {t('progress.cancel')}
        </button>
      )}
    </section>
  );
}
