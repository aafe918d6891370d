import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';

/** The flow's steps (catalog keys) and the current one, both as the machine's states name them. */
export function StepBar({ steps, current }: { steps: WizardView['steps']; current: WizardView['step'] }) {
  const { t } = useTranslation();
  return (
    <nav className="steps" aria-label={t('steps.label')}>
      <ol>
        {steps.map((step, i) => (
          <li
            key={step}
            className={i < current ? 'done' : i === current ? 'current' : 'todo'}
            aria-current={i === current ? 'step' : undefined}
          >
            <span className="num">{i + 1}</span>
            {t(step)}
          </li>
        ))}
      </ol>
    </nav>
  );
}
