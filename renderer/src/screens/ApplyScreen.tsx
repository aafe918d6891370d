import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplyEventView, WizardView } from '../../../shared/ipc/contract';
import { ConsoleView, CounterChart } from '../lazy';

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

/** The console, then the counters (also shown after the result, for the record); stacked, so both fit at 1024 px. */
export function ApplyTrace({ events }: { events: readonly ApplyEventView[] }) {
  const { t } = useTranslation();
  return (
    <div className="trace">
      <div>
        <h3>{t('apply.console')}</h3>
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          <ConsoleView events={events} />
        </Suspense>
      </div>
      <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
        <CounterChart events={events} />
      </Suspense>
    </div>
  );
}
