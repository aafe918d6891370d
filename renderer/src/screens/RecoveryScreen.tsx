import { useTranslation } from 'react-i18next';
import type { ApplyEventView, RecoveryView, WizardView } from '../../../shared/ipc/contract';
import { ApplyTrace } from './ApplyScreen';
import { CheckList, EqualToBackup } from './ResultScreen';

/**
 * A change of ours on this router was cut off (cable, connection, power): what state the router is in, and the
 * two ways to finish it. After the choice, how it ended.
 */
export function RecoveryScreen({
  view,
  events,
  onRecover,
  onNext,
  onDisconnect,
}: {
  view: WizardView;
  events: readonly ApplyEventView[];
  onRecover: (choice: 'revert' | 'resume') => void;
  onNext: () => void;
  onDisconnect: () => void;
}) {
  if (view.screen === 'recovered') return <RecoveredResult view={view} events={events} onNext={onNext} onDisconnect={onDisconnect} />;
  return <RecoveryChoice recovery={view.recovery!} onRecover={onRecover} onDisconnect={onDisconnect} />;
}

function RecoveryChoice({ recovery: r, onRecover, onDisconnect }: { recovery: RecoveryView; onRecover: (choice: 'revert' | 'resume') => void; onDisconnect: () => void }) {
  const { t } = useTranslation();
  const started = new Date(r.startedAt).toLocaleString();
  const unsaved = r.unsavedChanges === null ? t('recovery.unknown') : r.unsavedChanges ? t('recovery.yes') : t('recovery.no');
  const choices = (['revert', 'resume'] as const).map((choice) => (
    <div key={choice} className="recovery-choice">
      <button className={r.recommended === choice ? 'primary' : undefined} data-testid={`recover-${choice}`} onClick={() => onRecover(choice)}>
        {t(`recovery.${choice}`)}
        {r.recommended === choice && ` (${t('recovery.recommended')})`}
      </button>
      <p className="muted small">{t(`recovery.${choice}Hint`)}</p>
    </div>
  ));
  return (
    <section className="card" role="alert">
      <h2 className="bad" data-testid="recovery-title">
        {t('recovery.title')}
      </h2>
      <p>{t('recovery.intro', { started })}</p>
      <p data-testid="recovery-progress">{t('recovery.progress', { sent: r.commandsSent, total: r.commandsTotal, step: t(`recovery.step.${r.stepReached}`) })}</p>
      <dl className="facts">
        <div>
          <dt>{t('recovery.runningLabel')}</dt>
          <dd data-testid="recovery-running" data-state={r.running}>
            {t(`recovery.state.${r.running}`)}
          </dd>
        </div>
        <div>
          <dt>{t('recovery.savedLabel')}</dt>
          <dd data-testid="recovery-saved" data-state={r.saved ?? 'unknown'}>
            {t(`recovery.state.${r.saved ?? 'unknown'}`)}
          </dd>
        </div>
        <div>
          <dt>{t('recovery.unsavedLabel')}</dt>
          <dd data-testid="recovery-unsaved">{unsaved}</dd>
        </div>
      </dl>
      <h3>{t('recovery.changes')}</h3>
      {r.changes.added.length + r.changes.removed.length === 0 ? (
        <p className="muted">{t('recovery.noChanges')}</p>
      ) : (
        <pre className="config-diff" data-testid="recovery-changes">
          {[...r.changes.removed.map((l) => `- ${l}`), ...r.changes.added.map((l) => `+ ${l}`)].join('\n')}
        </pre>
      )}
      <h3>{t('recovery.commands')}</h3>
      <pre data-testid="recovery-commands">{r.commands.join('\n')}</pre>
      <p className="muted small">
        {t('recovery.backup')}: <code>{r.backupPath}</code>
      </p>
      <div className="actions recovery-actions">{choices}</div>
      <div className="actions">
        <button onClick={onDisconnect}>{t('recovery.later')}</button>
      </div>
    </section>
  );
}

function RecoveredResult({ view, events, onNext, onDisconnect }: { view: WizardView; events: readonly ApplyEventView[]; onNext: () => void; onDisconnect: () => void }) {
  const { t } = useTranslation();
  const o = view.recoveryOutcome!;
  const title = o.status === 'saved' ? 'recovery.savedTitle' : o.status === 'reverted' ? 'recovery.revertedTitle' : 'recovery.incompleteTitle';
  return (
    <section className="card">
      <h2 className={o.status === 'revert-incomplete' ? 'bad' : 'ok'} data-testid="recovered-title" data-status={o.status}>
        {t(title)}
      </h2>
      {o.runningEqualsBackup !== null && <EqualToBackup outcome={o} />}
      {o.unsavedChangesAfter !== null && (
        <p data-testid="recovered-unsaved" className={o.unsavedChangesAfter ? 'bad' : 'ok'}>
          {t(o.unsavedChangesAfter ? 'recovery.unsavedAfterSome' : 'recovery.unsavedAfterNone')}
        </p>
      )}
      {o.checks.length > 0 && <CheckList checks={o.checks} />}
      <p className="muted small">
        {t('result.backup')}: <code>{o.backupPath}</code>
      </p>
      {events.length > 0 && <ApplyTrace events={events} />}
      <div className="actions">
        <button className="primary" onClick={onNext} autoFocus>
          {t('recovery.next')}
        </button>
        <button onClick={onDisconnect}>{t('result.disconnect')}</button>
      </div>
    </section>
  );
}
