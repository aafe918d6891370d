import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient, LineCheckRequest, LinuxCeTarget, WizardView } from '../../../../shared/ipc/contract';
import { SERVICE_IDS, type ServiceId } from '../../../../shared/services/catalog';
import { useSay } from '../../useSay';
import { FindingCard } from '../FindingsScreen';

/** The line check from this computer: the form (router, service, both optional), the work under way, the result. */
export function LineCheckScreen({
  api,
  view,
  onRun,
  onBack,
  onLinuxCe,
  onReport,
}: {
  api: ApiClient;
  view: WizardView;
  onRun: (r: LineCheckRequest) => void;
  onBack: () => void;
  onLinuxCe: (target: LinuxCeTarget) => void;
  onReport: () => void;
}) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const [router, setRouter] = useState(view.lineCheckRequest?.router ?? '');
  const [service, setService] = useState<ServiceId | ''>(view.lineCheckRequest?.service ?? '');
  const r = view.lineCheck;
  const running = view.activity !== null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onRun({ ...(router.trim() ? { router: router.trim() } : {}), ...(service ? { service } : {}) });
  };

  return (
    <section className="card" data-testid="line-check">
      <h2>{t('linecheck.title')}</h2>
      <p className="muted">{t('linecheck.choiceHint')}</p>
      <form onSubmit={submit} className="panel">
        <div className="row">
          <label className="field grow">
            {t('linecheck.routerLabel')}
            <input value={router} onChange={(e) => setRouter(e.target.value)} placeholder={t('linecheck.routerPlaceholder')} data-testid="line-check-router" />
          </label>
          <label className="field">
            {t('linecheck.serviceLabel')}
            <select value={service} onChange={(e) => setService(e.target.value as ServiceId | '')} data-testid="line-check-service">
              <option value="">{t('linecheck.serviceUnknown')}</option>
              {SERVICE_IDS.map((id) => (
                <option key={id} value={id}>
                  {t(`services.${id}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="actions">
          <button className="primary" type="submit" disabled={running} data-testid="line-check-run">
            {r ? t('linecheck.again') : t('linecheck.start')}
          </button>
          <button type="button" onClick={onBack} disabled={running}>
            {t('linecheck.back')}
          </button>
        </div>
      </form>
      {running && (
        <p role="status" className="muted">
          {t('linecheck.running')}
        </p>
      )}
      {r && !running && (
        <div data-testid="line-check-result">
          <p className={r.findings.some((f) => f.severity === 'error') ? 'bad' : 'good'} data-testid="line-check-verdict">
            <strong>{say(r.verdict)}</strong>
          </p>
          <dl className="facts">
            {r.service && (
              <>
                <dt>{t('linecheck.service')}</dt>
                <dd data-testid="line-check-service-name">
                  {lang === 'ja' ? r.service.nameJa : r.service.name} <span className="muted">({t('linecheck.serviceSource')}: {r.service.source ? t(`linecheck.source.${r.service.source}`) : '?'})</span>
                  {r.service.alsoPossible.length > 0 && <div className="muted">{t('linecheck.alsoPossible', { services: r.service.alsoPossible.map((s) => t(`services.${s}`)).join(', ') })}</div>}
                </dd>
              </>
            )}
            <dt>{t('linecheck.prefix')}</dt>
            <dd className="mono">{r.prefix ?? '—'}</dd>
            <dt>{t('linecheck.raRouter')}</dt>
            <dd className="mono">{r.raRouter ?? '—'}</dd>
            <dt>{t('linecheck.lineDns')}</dt>
            <dd className="mono">{r.lineDns.join(', ') || '—'}</dd>
            {r.mape && (
              <>
                <dt>{t('linecheck.mapeIpv4')}</dt>
                <dd className="mono">{r.mape.ipv4} (PSID {r.mape.psid})</dd>
                <dt>{t('linecheck.portSet')}</dt>
                <dd className="mono">
                  {r.mape.ports}: {r.mape.portSet.join(' ')}
                </dd>
                <dt>{t('linecheck.ceAddress')}</dt>
                <dd className="mono">{r.mape.ceAddress}</dd>
                <dt>{t('linecheck.br')}</dt>
                <dd className="mono">{r.mape.br ?? '?'}</dd>
              </>
            )}
            {r.aftr && (
              <>
                <dt>{t('linecheck.aftr')}</dt>
                <dd className="mono">
                  {r.aftr.name} → {r.aftr.addresses.join(', ')}
                </dd>
              </>
            )}
          </dl>
          {r.ipip?.source === 'notice' && <p>{t('linecheck.noticeHolds')}</p>}
          {r.needs.length > 0 && (
            <>
              <h3>{t('linecheck.needs')}</h3>
              <ul data-testid="line-check-needs">
                {r.needs.map((n) => (
                  <li key={n.feature}>{say(n.text)}</li>
                ))}
              </ul>
            </>
          )}
          <h3>{t('linecheck.reachability')}</h3>
          <ul>
            {r.reachability.pings.map((p) => (
              <li key={`${p.role}-${p.target}`} className={p.ok ? 'good' : 'bad'}>
                {t('linecheck.ping', {
                  role: t(`linecheck.role.${p.role}`),
                  target: p.name ? `${p.target} (${p.name})` : p.target,
                  result: p.ok ? t('linecheck.pingOk', { rtt: p.rttMs ?? '?' }) : t('linecheck.pingFail'),
                })}
              </li>
            ))}
            {r.reachability.pathMtu && (
              <li>
                {r.reachability.pathMtu.mtu
                  ? t('linecheck.pathMtu', { target: r.reachability.pathMtu.target, mtu: r.reachability.pathMtu.mtu })
                  : t('linecheck.pathMtuNone', { target: r.reachability.pathMtu.target })}
              </li>
            )}
            {r.reachability.dns.map((d) => (
              <li key={`dns-${d.family}`} className={d.ok ? 'good' : 'bad'}>
                {t('linecheck.dns', { family: d.family, server: d.server, result: d.ok ? `${d.name} → ${d.answer ?? ''}` : t('linecheck.pingFail') })}
              </li>
            ))}
          </ul>
          {r.router && (
            <p data-testid="line-check-router-verdict">
              <strong>{t('linecheck.router')}:</strong> {r.router.vendor ? `${r.router.vendor} ${r.router.model}` : r.router.typed} — {t(`linecheck.support.${r.router.support}`)}
            </p>
          )}
          <h3>{t('linecheck.findings')}</h3>
          {r.findings.length === 0 && <p className="good">{t('linecheck.noFindings')}</p>}
          {r.findings.map((f, i) => (
            <FindingCard key={`${f.code}-${i}`} api={api} finding={f} selectable={false} selected={false} onToggle={() => {}} />
          ))}
          {(['isp', 'vne', 'vendor'] as const).some((p) => r.checklists[p].length > 0) && (
            <div className="checklist" data-testid="line-check-checklists">
              <h3>{t('linecheck.checklists')}</h3>
              {(['isp', 'vne', 'vendor'] as const)
                .filter((p) => r.checklists[p].length > 0)
                .map((p) => (
                  <div key={p}>
                    <h4>{t(`report.party.${p}`)}</h4>
                    <ul>
                      {r.checklists[p].map((item, i) => (
                        <li key={i}>☐ {item[lang]}</li>
                      ))}
                    </ul>
                  </div>
                ))}
            </div>
          )}
          <h3>{t('linecheck.options')}</h3>
          <ul data-testid="line-check-options">
            {r.options.map((o) => (
              <li key={o.kind === 'router' ? `${o.vendor}-${o.model}` : o.kind}>
                {o.kind === 'router' && t('linecheck.option.router', { vendor: o.vendor, model: o.model, confidence: o.confidence })}
                {o.kind === 'rtx' && (
                  <>
                    {t('linecheck.option.rtx')}{' '}
                    <button type="button" onClick={onBack} data-testid="line-check-go-router">
                      {t('linecheck.goRouter')}
                    </button>
                  </>
                )}
                {o.kind === 'linux-ce' && (
                  <>
                    {t('linecheck.option.linuxCe')}{' '}
                    <button type="button" onClick={() => onLinuxCe({ kind: 'local' })} data-testid="line-check-go-linux-ce">
                      {t('linecheck.goLinuxCe')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
          {view.can.report && (
            <p>
              <button type="button" className="primary" onClick={onReport} data-testid="line-check-report">
                {t('linecheck.report')}
              </button>
            </p>
          )}
          <details>
            <summary>{t('linecheck.reasons')}</summary>
            <ul>
              {r.reasons.map((m, i) => (
                <li key={i}>{say(m)}</li>
              ))}
            </ul>
          </details>
        </div>
      )}
    </section>
  );
}
