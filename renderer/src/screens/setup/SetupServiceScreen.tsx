import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../../shared/ipc/contract';
import { SERVICE_IDS, type ServiceId } from '../../../../shared/services/catalog';

/** Set-up, step 1: which IPv4 service this line has, with what the router showed for each offered one. */
export function SetupServiceScreen({ view, onChoose, onBack }: { view: WizardView; onChoose: (service: ServiceId) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const setup = view.setup!;
  const [service, setService] = useState<ServiceId | ''>(setup.service ?? setup.proposed ?? '');
  const offered = new Set(setup.candidates.map((c) => c.service));
  const others = SERVICE_IDS.filter((id) => !offered.has(id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (service) onChoose(service);
  };
  const option = (id: ServiceId, why: string | null, evidence: string | null) => (
    <label key={id} className="check setup-option" data-testid={`setup-service-${id}`}>
      <input type="radio" name="service" value={id} checked={service === id} onChange={() => setService(id)} />
      <span>
        <strong>{t(`services.${id}`)}</strong>
        {why && <span className="muted"> — {why}</span>}
        {evidence && <code className="small"> {evidence}</code>}
      </span>
    </label>
  );
  return (
    <section className="card">
      <h2 data-testid="setup-service-title">{t('setup.service.title')}</h2>
      <p>{t('setup.service.intro')}</p>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{t('setup.service.offered')}</legend>
          {setup.candidates.length === 0 && <p className="muted">{t('setup.service.noEvidence')}</p>}
          {setup.candidates.map((c) => option(c.service, t(`setup.basis.${c.basis}`), c.evidence))}
        </fieldset>
        {setup.dnsServers.length > 0 && (
          <p className="muted small" data-testid="setup-dns">
            {t('setup.service.dns')}: <code>{setup.dnsServers.join(', ')}</code>
          </p>
        )}
        <details>
          <summary>{t('setup.service.others')}</summary>
          {others.map((id) => option(id, null, null))}
        </details>
        <div className="actions">
          <button className="primary" type="submit" disabled={!service}>
            {t('setup.service.next')}
          </button>
          <button type="button" onClick={onBack}>
            {t('setup.back')}
          </button>
        </div>
      </form>
    </section>
  );
}
