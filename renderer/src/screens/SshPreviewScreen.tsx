import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';
import { useSay } from '../useSay';
import { CommandsWithUndo } from '../components/CommandsWithUndo';

/** Turning SSH on for next time: the exact commands and their undo, applied through the same safe apply as a fix. */
export function SshPreviewScreen({ view, onApply, onBack }: { view: WizardView; onApply: () => void; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const plan = view.sshPlan!;
  return (
    <section className="card" data-testid="ssh-preview">
      <h2>{t('sshOn.title')}</h2>
      {plan.alreadyOn ? (
        <p className="ok">{say({ key: 'sshOn.alreadyOn', params: { port: plan.port } })}</p>
      ) : (
        <>
          <p>{plan.summary?.[lang]}</p>
          <CommandsWithUndo commands={plan.commands} inverse={plan.inverse} />
          <p className="muted small">
            {t('fix.check')}: {t('sshOn.check', { host: plan.host, port: plan.port })}
          </p>
          {plan.notes.length > 0 && (
            <div className="banner warn" role="note">
              <ul>
                {plan.notes.map((n) => (
                  <li key={n.key}>{say(n)}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      <div className="actions">
        {view.can.apply && (
          <button className="primary" onClick={onApply}>
            {t('sshOn.apply')}
          </button>
        )}
        <button onClick={onBack}>{t('fix.back')}</button>
      </div>
    </section>
  );
}
