import { useTranslation } from 'react-i18next';
import type { ApplyEventView, WizardView } from '../../../shared/ipc/contract';
import { ConsoleView } from '../components/ConsoleView';
import { CounterChart } from '../components/CounterChart';

const PHASES = ['backup', 'apply', 'verify', 'save', 'revert', 'compare', 'done'] as const;

/** Applying, verifying, saving or reverting: phases, the live console and the live counters. */
export function ApplyScreen({ view, events }: { view: WizardView; events: readonly ApplyEventView[] }) {
  const { t } = useTranslation();
  const phase = [...events].reverse().find((e) => e.kind === 'phase');
  const current = phase?.kind === 'phase' ? phase.phase : 'backup';
  return (
    <section className="card" aria-busy="true">
      <h2>{t('apply.title')}</h2>
      <ol className="phases" data-testid="apply-phases" data-state={view.state}>
        {PHASES.map((p) => (
          <li key={p} className={p === current ? 'current' : undefined}>
            {t(`apply.phase.${p}`)}
          </li>
        ))}
      </ol>
      <ApplyTrace events={events} />
    </section>
  );
}

/** The console and the counters side by side (also shown after the result, for the record). */
export function ApplyTrace({ events }: { events: readonly ApplyEventView[] }) {
  const { t } = useTranslation();
  return (
    <div className="two-col">
      <div>
        <h4>{t('apply.console')}</h4>
        <ConsoleView events={events} />
      </div>
      <CounterChart events={events} />
    </div>
  );
}
