import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../../shared/ipc/contract';
import { useSay } from '../../useSay';

/** After apply (with verification, persistence) or after a rollback. */
export function CeResultScreen({
  view,
  onVerify,
  onPersist,
  onRollback,
  onBack,
  onRedetect,
  onDisconnect,
}: {
  view: WizardView;
  onVerify: () => void;
  onPersist: () => void;
  onRollback: () => void;
  onBack: () => void;
  onRedetect: () => void;
  onDisconnect: () => void;
}) {
  const { t } = useTranslation();
  const text = useSay();
  const ce = view.linuxCe;
  if (view.screen === 'ceRolledBack') {
    const r = ce.rollback!;
    return (
      <section className="card">
        <h2 className={r.ok ? 'ok' : 'bad'} data-testid="ce-result-title">
          {t('ce.result.rolledBackTitle')}
        </h2>
        {r.identical === null ? (
          <p>{t('ce.result.nothingApplied')}</p>
        ) : r.identical ? (
          <p className="ok" data-testid="ce-rollback-identical">
            ✓ {t('ce.result.identical')}
          </p>
        ) : (
          <div className="bad" data-testid="ce-rollback-differences">
            {t('ce.result.notIdentical')}
            <ul>
              {r.differences.map((d, i) => (
                <li key={i}>
                  <code>{text(d)}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
        {!r.ok && <p className="bad">{t('ce.result.rollbackFailed')}</p>}
        {r.output && <Output text={r.output} />}
        <div className="actions">
          <button className="primary" onClick={onRedetect}>
            {t('ce.detected.redetect')}
          </button>
          <button onClick={onDisconnect}>{t('ce.detected.disconnect')}</button>
        </div>
      </section>
    );
  }
  const applied = ce.apply;
  const verified = view.ceVerified;
  const title = applied && !applied.ok ? 'applyFailedTitle' : verified ? 'appliedTitle' : 'verifyFailedTitle';
  return (
    <section className="card">
      <h2 className={verified ? 'ok' : 'bad'} data-testid="ce-result-title">
        {t(`ce.result.${title}`)}
      </h2>
      {applied && !applied.ok && <p>{t('ce.result.applyFailedHint')}</p>}
      {applied?.ok && !verified && <p>{t('ce.result.verifyFailedHint')}</p>}
      {ce.verify && (
        <>
          <h3>{t('ce.result.checks')}</h3>
          <ul className="checks" data-testid="ce-checks">
            {ce.verify.map((c) => (
              <li key={c.id} className={c.ok ? 'ok' : 'bad'} data-testid={`ce-check-${c.id}`}>
                {c.ok ? '✓' : '✗'} <strong>{t(`ce.checkKind.${c.id}`)}</strong>: {text(c.text)}
                {c.output.trim() && <div className="small mono muted">{c.output.trim().split('\n').slice(-2).join(' / ')}</div>}
              </li>
            ))}
          </ul>
        </>
      )}
      {ce.persist && (
        <p className={ce.persist.ok ? 'ok' : 'bad'} data-testid="ce-persisted">
          {!ce.persist.ok
            ? t('ce.result.persistFailed')
            : ce.persist.systemd
              ? t('ce.result.persisted', { files: ce.persist.files.join(', ') })
              : t('ce.result.persistedNoSystemd', { files: ce.persist.files.join(', ') })}
        </p>
      )}
      {applied && <Output text={applied.output} />}
      <div className="actions">
        {view.can.cePersist && (
          <button className="primary" onClick={onPersist}>
            {t('ce.result.persist')}
          </button>
        )}
        <button onClick={onVerify}>{t('ce.result.verifyAgain')}</button>
        <button onClick={onRollback}>{t('ce.result.rollback')}</button>
        <button onClick={onBack}>{t('ce.result.backToForm')}</button>
        <button onClick={onDisconnect}>{t('ce.detected.disconnect')}</button>
      </div>
    </section>
  );
}

function Output({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <details>
      <summary>{t('ce.result.output')}</summary>
      <div className="snippet">
        <pre data-testid="ce-output" tabIndex={0}>{text}</pre>
      </div>
    </details>
  );
}
