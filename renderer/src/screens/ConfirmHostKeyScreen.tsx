import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';

export function ConfirmHostKeyScreen({ view, onTrust, onReject }: { view: WizardView; onTrust: () => void; onReject: () => void }) {
  const { t } = useTranslation();
  const key = view.hostKey!;
  return (
    <section className="card" role="alertdialog" aria-labelledby="hostkey-title">
      <h2 id="hostkey-title">{view.mode === 'linuxCe' ? t('hostKey.titleHost') : t('hostKey.title')}</h2>
      <p>{view.mode === 'linuxCe' ? t('hostKey.introHost') : t('hostKey.intro')}</p>
      <dl className="facts">
        <div>
          <dt>{t('hostKey.host')}</dt>
          <dd>
            {key.host}:{key.port}
          </dd>
        </div>
        <div>
          <dt>{t('hostKey.keyType')}</dt>
          <dd>{key.keyType}</dd>
        </div>
        <div className="wide">
          <dt>{t('hostKey.fingerprint')}</dt>
          <dd data-testid="host-key-fingerprint">{key.fingerprint}</dd>
        </div>
      </dl>
      <div className="actions">
        <button className="primary" onClick={onTrust}>
          {t('hostKey.trust')}
        </button>
        <button onClick={onReject} autoFocus>
          {t('hostKey.reject')}
        </button>
      </div>
    </section>
  );
}
