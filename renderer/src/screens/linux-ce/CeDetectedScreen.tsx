import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_IDS, isFixedIp, type ServiceId } from '../../../../shared/services/catalog';
import type { LinuxCePlanRequest, WizardView } from '../../../../shared/ipc/contract';
import type { HostFacts } from '../../../../shared/linux/host-facts';
import { useTargetLabel } from './target-label';
import { useSay } from '../../useSay';

/** What detection found, the gaps with how to close them, and the plan form (prefilled from detection). */
export function CeDetectedScreen({
  view,
  onPlan,
  onDiagnose,
  onRollback,
  onRedetect,
  onDisconnect,
}: {
  view: WizardView;
  onPlan: (request: LinuxCePlanRequest) => void;
  onDiagnose: (request: LinuxCePlanRequest) => void;
  onRollback: () => void;
  onRedetect: () => void;
  onDisconnect: () => void;
}) {
  const { t } = useTranslation();
  const text = useSay();
  const d = view.linuxCe.detect!;
  const facts = d.facts;
  const last = view.linuxCe.planRequest;
  const label = useTargetLabel(view);
  const [service, setService] = useState<ServiceId>(last?.service ?? d.suggestedService ?? 'v6plus');
  const [fields, setFields] = useState({
    prefix: last?.prefix ?? '',
    wan: last?.wan ?? '',
    gateway: last?.gateway ?? '',
    br: last?.br ?? '',
    fixedIpv4: last?.fixedIpv4 ?? '',
    fixedIid: last?.fixedIid ?? '',
    updateUser: last?.updateUser ?? '',
    verifyHost: last?.verifyHost ?? '',
  });
  const [updatePassword, setUpdatePassword] = useState('');
  const [replace, setReplace] = useState<string[]>(last?.replaceExisting ?? []);
  const fixed = isFixedIp(service);
  const planError = view.error?.stage === 'ce-plan' ? view.error : null;

  const set = (k: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement>) => setFields({ ...fields, [k]: e.target.value });
  const request = (): LinuxCePlanRequest => {
    const given = Object.fromEntries(Object.entries(fields).filter(([k, v]) => v.trim() !== '' && (fixed || !['fixedIpv4', 'fixedIid', 'updateUser'].includes(k))));
    return { service, ...given, ...(fixed && updatePassword ? { updatePassword } : {}), replaceExisting: replace };
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onPlan(request());
  };
  const input = (k: keyof typeof fields, placeholder?: string | null, required = false) => (
    <label className="field grow">
      {t(`ce.form.${k}`)}
      <input value={fields[k]} onChange={set(k)} placeholder={placeholder ?? ''} required={required} autoComplete="off" spellCheck={false} />
    </label>
  );

  return (
    <section className="card">
      <h2 data-testid="ce-detected-title">{t('ce.detected.title', { label })}</h2>
      <Facts facts={facts} />
      {d.applied && (
        <div className="banner warn" data-testid="ce-applied">
          {t('ce.detected.applied', {
            service: d.applied.serviceName,
            at: new Date(d.applied.appliedAt).toLocaleString(),
            tunnel: d.applied.tunnel,
            br: d.applied.br,
            ipv4: d.applied.ipv4,
            persisted: d.applied.persisted ? t('ce.detected.persistedSuffix') : '',
          })}{' '}
          {view.can.ceRollback && (
            <button type="button" onClick={onRollback}>
              {t('ce.detected.rollbackApplied')}
            </button>
          )}
        </div>
      )}
      <h3>{t('ce.detected.gaps')}</h3>
      {facts.gaps.length === 0 ? (
        <p className="ok">{t('ce.detected.noGaps')}</p>
      ) : (
        <ul className="gaps" data-testid="ce-gaps">
          {facts.gaps.map((g) => (
            <li key={g.code} data-testid={`gap-${g.code}`} className={g.severity === 'blocker' ? 'bad' : ''}>
              <strong>
                [{t(`ce.detected.${g.severity}`)}] {t(`ce.gap.${g.code}`)}
              </strong>
              <div className="small">{text(g.message)}</div>
              <div className="small muted">{text(g.hint)}</div>
            </li>
          ))}
        </ul>
      )}

      <form onSubmit={submit} className="panel" data-testid="ce-plan-form">
        <h3>{t('ce.form.title')}</h3>
        <label className="field">
          {t('ce.form.service')}
          <select value={service} onChange={(e) => setService(e.target.value as ServiceId)}>
            {SERVICE_IDS.map((id) => (
              <option key={id} value={id}>
                {t(`ce.services.${id}`)}
                {id === d.suggestedService ? ` ${t('ce.form.suggested')}` : ''}
              </option>
            ))}
          </select>
        </label>
        <div className="row">
          {input('prefix', facts.prefix?.prefix, !facts.prefix)}
          {input('wan', facts.wan, !facts.wan)}
          {input('gateway', facts.gateway, !facts.gateway)}
        </div>
        <div className="row">
          {input('br')}
          {input('verifyHost', '8.8.8.8:443')}
        </div>
        {fixed && (
          <div className="row">
            {input('fixedIpv4', '203.0.113.10', true)}
            {input('fixedIid', '::cb:71:a00:0', true)}
            {input('updateUser', null, true)}
            <label className="field grow">
              {t('ce.form.updatePassword')}
              <input type="password" value={updatePassword} onChange={(e) => setUpdatePassword(e.target.value)} autoComplete="off" />
            </label>
          </div>
        )}
        {facts.tunnels.map((tun) => (
          <label key={tun.name} className="check">
            <input
              type="checkbox"
              checked={replace.includes(tun.name)}
              onChange={(e) => setReplace(e.target.checked ? [...replace, tun.name] : replace.filter((n) => n !== tun.name))}
            />{' '}
            <code>{tun.name}</code> → <code>{tun.remote ?? '?'}</code>: {t('ce.form.replace')}
          </label>
        ))}
        {planError && (
          <p className="bad" role="alert" data-testid="ce-plan-error">
            {t(`errors.${planError.code}`, { defaultValue: t('errors.unexpected') })} <code>{typeof planError.detail === 'string' ? planError.detail : text(planError.detail)}</code>
          </p>
        )}
        <div className="actions">
          <button className="primary" type="submit">
            {t('ce.form.plan')}
          </button>
          {facts.tunnels.length > 0 && (
            <button type="button" onClick={() => onDiagnose(request())}>
              {t('ce.detected.diagnose')}
            </button>
          )}
          <button type="button" onClick={onRedetect}>
            {t('ce.detected.redetect')}
          </button>
          <button type="button" onClick={onDisconnect}>
            {t('ce.detected.disconnect')}
          </button>
        </div>
      </form>
    </section>
  );
}

function Facts({ facts: f }: { facts: HostFacts }) {
  const { t } = useTranslation();
  const yesNo = (v: 'ok' | 'missing' | 'untested' | 'failed') => t(`ce.detected.${v === 'failed' ? 'missing' : v}`);
  const rows: [string, string][] = [
    ['os', f.os?.prettyName || '?'],
    ['kernel', f.kernel ?? '?'],
    ['root', f.root ? t('ce.detected.rootYes') : t('ce.detected.rootNo', { sudo: t(`ce.detected.sudo.${f.sudo}`) })],
    ['iproute2', f.iproute2 ?? t('ce.detected.missing')],
    ['nft', f.tools.nft ? `${f.tools.nft} (NAT: ${yesNo(f.nftNat)})` : t('ce.detected.missing')],
    ['ip6tnl', yesNo(f.ip6tnl)],
    ['systemd', f.systemd ? t('ce.detected.ok') : t('ce.detected.none')],
    ['wan', f.wan ?? '?'],
    ['gateway', f.gateway ?? '?'],
    ['prefix', f.prefix ? `${f.prefix.prefix} ${t(`ce.detected.prefixBy.${f.prefix.source}`)}` : t('ce.detected.none')],
    ['dns', f.dns.length ? f.dns.join(', ') : t('ce.detected.none')],
    ['tunnels', f.tunnels.length ? f.tunnels.map((x) => `${x.name} → ${x.remote ?? '?'}`).join(', ') : t('ce.detected.none')],
  ];
  return (
    <dl className="facts" data-testid="ce-facts">
      {rows.map(([k, v]) => (
        <div key={k} data-testid={`ce-fact-${k}`}>
          <dt>{t(`ce.detected.${k}`)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
