import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient, WizardView } from '../../../../shared/ipc/contract';
import { PortMap } from '../../components/PortMap';
import { useTargetLabel } from './target-label';
import { useSay } from '../../useSay';

/** The plan and the exact script, before anything runs; the scripts can be saved to files. */
export function CePlanScreen({ api, view, onApply, onBack }: { api: ApiClient; view: WizardView; onApply: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const text = useSay();
  const plan = view.linuxCe.plan!;
  const s = plan.summary;
  const label = useTargetLabel(view);
  const [exported, setExported] = useState<{ script: string; rollbackScript: string } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const exportScripts = () => {
    setExportError(null);
    api.invoke('linuxCe.export', {}).then(setExported, (err: unknown) => setExportError(err instanceof Error ? err.message : String(err)));
  };

  return (
    <section className="card">
      <h2 data-testid="ce-plan-title">{t('ce.plan.title', { label })}</h2>
      <p>
        <strong>{t(`ce.services.${s.service}`)}</strong> — {s.wan} ({t('ce.detected.gateway')} <code>{s.gateway}</code>)
      </p>
      {plan.blockers.length > 0 && (
        <div className="banner warn bad-banner" role="alert" data-testid="ce-plan-blockers">
          <strong>{t('ce.plan.blockers')}</strong>
          <ul>
            {plan.blockers.map((b) => (
              <li key={b.code}>
                {text(b.message)} — {text(b.hint)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {plan.needsUpdatePassword && (
        <p className="bad" role="alert">
          {t('ce.plan.needsPassword')}
        </p>
      )}
      <dl className="facts" data-testid="ce-plan-summary">
        <div>
          <dt>{t('ce.plan.tunnel')}</dt>
          <dd>{s.tunnel}</dd>
        </div>
        <div>
          <dt>{t('ce.plan.br')}</dt>
          <dd data-testid="ce-plan-br">{s.br}</dd>
        </div>
        <div>
          <dt>{t('ce.plan.ce')}</dt>
          <dd data-testid="ce-plan-ce">{s.ce}</dd>
        </div>
        <div>
          <dt>{t('ce.plan.ipv4')}</dt>
          <dd data-testid="ce-plan-ipv4">{s.ipv4}</dd>
        </div>
        <div>
          <dt>{t('ce.plan.mtu')}</dt>
          <dd>{s.mtu}</dd>
        </div>
        {s.portRanges && (
          <div>
            <dt>{t('ce.plan.ports')}</dt>
            <dd data-testid="ce-plan-ports">{t('ce.plan.portsValue', { ports: s.ports, blocks: s.portRanges.length })}</dd>
          </div>
        )}
      </dl>
      {s.portRanges && <PortMap ranges={s.portRanges} />}
      {plan.warnings.length > 0 && (
        <div className="banner warn" role="note">
          <strong>{t('ce.plan.warnings')}</strong>
          <ul>
            {plan.warnings.map((w, i) => (
              <li key={i}>{text(w)}</li>
            ))}
          </ul>
        </div>
      )}
      {plan.sources && plan.sources.length > 0 && (
        <div className="banner info" role="note" data-testid="ce-plan-sources">
          <strong>{t('ce.plan.sources')}</strong>
          <ul>
            {plan.sources.map((m, i) => (
              <li key={i}>{text(m)}</li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('ce.plan.steps')}</h3>
      <ol data-testid="ce-plan-steps">
        {plan.steps.map((step, i) => (
          <li key={i}>{text(step)}</li>
        ))}
      </ol>
      <h3>{t('ce.plan.verify')}</h3>
      <ul>
        {plan.verify.map((v, i) => (
          <li key={i}>{text(v)}</li>
        ))}
      </ul>
      <div className="snippet">
        <h3>{t('ce.plan.script')}</h3>
        <pre data-testid="ce-script" tabIndex={0}>
          {plan.script}
        </pre>
      </div>
      <details>
        <summary>{t('ce.plan.rollbackScript')}</summary>
        <div className="snippet">
          <pre data-testid="ce-rollback-script" tabIndex={0}>
            {plan.rollbackScript}
          </pre>
        </div>
      </details>
      {exported && (
        <p className="ok" data-testid="ce-exported">
          {t('ce.plan.exported', { script: exported.script, rollback: exported.rollbackScript })}
        </p>
      )}
      {exportError && <p className="bad">{exportError}</p>}
      <div className="actions sticky">
        <button className="primary" onClick={onApply} disabled={!view.can.ceApply}>
          {t('ce.plan.apply', { label })}
        </button>
        <button onClick={exportScripts}>{t('ce.plan.export')}</button>
        <button onClick={onBack}>{t('ce.plan.back')}</button>
      </div>
    </section>
  );
}
