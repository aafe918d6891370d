import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';

const STEPS = ['connect', 'identify', 'gather', 'diagnose', 'fix', 'verify', 'report'] as const;

function currentStep(state: WizardView['state']): number {
  if (state === 'chooseConnection' || state === 'connecting') return 0;
  return 1;
}

export function StepBar({ state }: { state: WizardView['state'] }) {
  const { t } = useTranslation();
  const current = currentStep(state);
  return (
    <nav className="steps" aria-label={t('steps.label')}>
      <ol>
        {STEPS.map((step, i) => (
          <li
            key={step}
            className={i < current ? 'done' : i === current ? 'current' : 'todo'}
            aria-current={i === current ? 'step' : undefined}
          >
            <span className="num">{i + 1}</span>
            {t(`steps.${step}`)}
          </li>
        ))}
      </ol>
    </nav>
  );
}
