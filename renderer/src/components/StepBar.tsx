import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';

const ROUTER_STEPS = ['steps.connect', 'steps.identify', 'steps.gather', 'steps.diagnose', 'steps.fix', 'steps.verify', 'steps.report'] as const;
const CE_STEPS = ['ce.steps.connect', 'ce.steps.detect', 'ce.steps.plan', 'ce.steps.apply', 'ce.steps.verify', 'ce.steps.persist'] as const;

/** Which step a wizard state belongs to: seven for a router, six in Linux CE mode. */
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
  ceConnecting: 0,
  ceDetecting: 1,
  ceDetected: 1,
  ceDiagnosing: 1,
  cePlanning: 2,
  cePlanned: 2,
  ceApplying: 3,
  ceVerifying: 4,
  ceApplied: 4,
  cePersisting: 5,
  ceRollingBack: 3,
  ceRolledBack: 3,
};

export function StepBar({ state, mode }: { state: WizardView['state']; mode: WizardView['mode'] }) {
  const { t } = useTranslation();
  // In Linux CE mode the findings and the report are about the host's existing CE: part of "detect".
  const current = mode === 'linuxCe' && (state === 'findings' || state === 'reporting' || state === 'report') ? 1 : STEP_OF[state];
  const STEPS = mode === 'linuxCe' ? CE_STEPS : ROUTER_STEPS;
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
            {t(step)}
          </li>
        ))}
      </ol>
    </nav>
  );
}
