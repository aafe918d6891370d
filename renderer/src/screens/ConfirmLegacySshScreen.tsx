import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';

/** An SSH server that offers only old algorithms: say which, and connect with them only if the user agrees. */
export function ConfirmLegacySshScreen({ view, onAllow, onBack }: { view: WizardView; onAllow: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const l = view.legacySsh!;
  const parts = (['kex', 'hostKey', 'cipher', 'mac'] as const).filter((k) => l.needed[k].length > 0);
  return (
    <section className="card">
      <h2>{t('legacySsh.title', { host: l.host, port: l.port })}</h2>
      <p>{t('legacySsh.intro')}</p>
      <dl className="facts" data-testid="legacy-algorithms">
        {parts.map((k) => (
          <div key={k}>
            <dt>{t(`legacySsh.part.${k}`)}</dt>
            <dd className="mono">{l.needed[k].join(', ')}</dd>
          </div>
        ))}
      </dl>
      <div className="banner warn" role="note">
        {t('legacySsh.warning')}
      </div>
      <div className="actions">
        <button onClick={onBack} autoFocus>
          {t('legacySsh.back')}
        </button>
        <button className="primary" onClick={onAllow}>
          {t('legacySsh.allow')}
        </button>
      </div>
    </section>
  );
}
