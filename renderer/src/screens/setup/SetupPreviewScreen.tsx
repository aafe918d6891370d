import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../../shared/ipc/contract';

/** Set-up, step 3: the whole change and its undo, what was worked out, and (PPPoE) the question before applying. */
export function SetupPreviewScreen({ view, onApply, onBack }: { view: WizardView; onApply: (movePppoeDefault: boolean) => void; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const plan = view.setup!.plan!;
  const [movePppoe, setMovePppoe] = useState(false);
  const ready = view.can.setupApply && (plan.pppoeRoute === null || movePppoe);
  return (
    <section className="card">
      <h2 data-testid="setup-preview-title">{t('setup.preview.title', { service: t(`services.${plan.service}`) })}</h2>
      {plan.ok ? <p>{t('fix.intro')}</p> : <p className="bad" role="alert" data-testid="setup-preview-refused">{t(`setup.refused.${plan.refused ?? 'no-finding'}`, { fields: plan.missing.join(', ') })}</p>}
      {plan.explanation && (
        <div className="muted" data-testid="setup-preview-explanation">
          {plan.explanation[lang].split('\n').map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      )}
      {plan.ok && (
        <>
          <p>
            <strong>{plan.summary?.[lang]}</strong>
          </p>
          <div className="two-col" data-testid="setup-preview-plan">
            <div>
              <h4>{t('fix.commands')}</h4>
              <pre className="mono" data-testid="setup-preview-commands">{plan.commands.join('\n')}</pre>
            </div>
            <div>
              <h4>{t('fix.undo')}</h4>
              <pre className="mono" data-testid="setup-preview-inverse">{plan.inverse.join('\n')}</pre>
            </div>
          </div>
          {plan.check?.kind === 'tunnel-rx' && (
            <p className="muted small">
              {t('fix.check')}: {t('fix.checkRx', { tunnel: plan.check.tunnel })}
            </p>
          )}
          {plan.commands.some((c) => c.includes('<update-password>')) && <p className="muted small">{t('setup.preview.slots')}</p>}
          {plan.pppoeRoute && (
            <label className="check banner warn" data-testid="setup-preview-pppoe">
              <input type="checkbox" checked={movePppoe} onChange={(e) => setMovePppoe(e.target.checked)} /> {t('setup.preview.pppoe', { route: plan.pppoeRoute })}
            </label>
          )}
        </>
      )}
      <div className="actions">
        {plan.ok && (
          <button className="primary" disabled={!ready} onClick={() => onApply(movePppoe)}>
            {t('fix.apply')}
          </button>
        )}
        <button onClick={onBack}>{t('setup.back')}</button>
      </div>
    </section>
  );
}
