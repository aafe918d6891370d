import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';

const STEPS = ['connect', 'identify', 'gather', 'diagnose', 'fix', 'verify', 'report'] as const;

/** Which of the seven steps a wizard state belongs to. */
const STEP_OF: Record<WizardView['state'], number> = {
  chooseConnection: 0,
  connecting: 0,
  confirmHostKey: 0,
  failed: -1,
  identifying: 1,
  identified: 1,
  gathering: 2,
  diagnosing: 3,
  findings: 3,
  fixPreview: 4,
  applying: 4,
  verifying: 5,
  saving: 5,
  reverting: 5,
  fixed: 5,
  reverted: 5,
  reporting: 6,
  report: 6,
};

function currentStep(state: WizardView['state']): number {
  return STEP_OF[state];
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
