import { useTranslation } from 'react-i18next';
import type { ApplyEventView, ApplyOutcomeView, WizardView } from '../../../shared/ipc/contract';
import { ApplyTrace } from './ApplyScreen';
import { useSay } from '../useSay';

export function ResultScreen({
  view,
  events,
  onReport,
  onRegather,
  onBack,
  onDisconnect,
}: {
  view: WizardView;
  events: readonly ApplyEventView[];
  onReport: () => void;
  onRegather: () => void;
  onBack: () => void;
  onDisconnect: () => void;
}) {
  const { t } = useTranslation();
  const o = view.applyOutcome!;
  const fixed = view.screen === 'fixed';
  return (
    <section className="card">
      <h2 className={fixed ? 'ok' : 'bad'} data-testid="result-title">
        {fixed ? t('result.fixed') : t('result.reverted')}
      </h2>
      {!fixed && (
        <EqualToBackup outcome={o} />
      )}
      {o.failedCommand && (
        <p>
          {t('result.failedCommand')}: <code>{o.failedCommand.command}</code> — {o.failedCommand.error}
        </p>
      )}
      {o.checks.length > 0 && (
        <>
          <h3>{t('result.checks')}</h3>
          <CheckList checks={o.checks} />
        </>
      )}
      <p className="muted small">
        {t('result.backup')}: <code>{o.backupPath}</code>
      </p>
      {events.length > 0 && <ApplyTrace events={events} />}
      <div className="actions">
        <button className="primary" onClick={onReport}>
          {t('result.report')}
        </button>
        <button onClick={onRegather}>{t('result.regather')}</button>
        {view.can.back && <button onClick={onBack}>{t('result.back')}</button>}
        <button onClick={onDisconnect}>{t('result.disconnect')}</button>
      </div>
    </section>
  );
}

/** After an undo: whether the config in force is the backup again, or the first line where it is not. */
export function EqualToBackup({ outcome: o }: { outcome: Pick<ApplyOutcomeView, 'runningEqualsBackup' | 'difference'> }) {
  const { t } = useTranslation();
  return (
    <p data-testid="result-equal" className={o.runningEqualsBackup ? 'ok' : 'bad'}>
      {o.runningEqualsBackup
        ? t('result.equal')
        : t('result.notEqual', { line: o.difference?.line ?? '?', expected: o.difference?.expected ?? '', actual: o.difference?.actual ?? '' })}
    </p>
  );
}

/** Each verification check, passed or not, in the words the core gave it. */
export function CheckList({ checks }: { checks: ApplyOutcomeView['checks'] }) {
  const say = useSay();
  return (
    <ul className="checks" data-testid="result-checks">
      {checks.map((c, i) => (
        <li key={i} className={c.passed ? 'ok' : 'bad'}>
          {c.passed ? '✓' : '✗'} {say(c.detail)}
        </li>
      ))}
    </ul>
  );
}
