import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';
import { useSay } from '../useSay';

export function IdentifiedScreen({ view, onNext, onDisconnect, onEnableSsh }: { view: WizardView; onNext: () => void; onDisconnect: () => void; onEnableSsh: () => void }) {
  const { t } = useTranslation();
  const say = useSay();
  const d = view.device!;
  const rows: [string, string | undefined][] = [
    [t('identified.model'), d.model],
    [t('identified.firmware'), `Rev.${d.firmware}`],
    [t('identified.built'), d.firmwareDate],
    [t('identified.serial'), d.serial],
    [t('identified.uptime'), d.uptime],
    [t('identified.connection'), view.connection?.label],
  ];
  return (
    <section className="card">
      <h2 className="ok" data-testid="identified-title">
        {t('identified.title', { model: d.model, firmware: d.firmware })}
      </h2>
      <dl className="facts">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      {view.connection?.kind === 'telnet' && (
        <div className="banner warn" role="note" data-testid="telnet-identified">
          <p>{t('telnet.cleartextWarning')}</p>
          {view.sshOutcome ? (
            <p data-testid="ssh-outcome">
              {view.sshOutcome.status === 'saved'
                ? say({ key: 'sshOn.saved', params: { host: view.sshPlan?.host ?? '', port: view.sshPlan?.port ?? 22 } })
                : say({ key: 'sshOn.reverted', params: { port: view.sshPlan?.port ?? 22 } })}
            </p>
          ) : (
            view.can.enableSsh && (
              <>
                <p>{t('sshOn.offer')}</p>
                <button onClick={onEnableSsh}>{t('sshOn.offerButton')}</button>
              </>
            )
          )}
        </div>
      )}
      {d.warnings.length > 0 && (
        <div className="banner warn">
          <strong>{t('identified.warnings')}:</strong>
          <ul>
            {d.warnings.map((w) => (
              <li key={w.key}>{say(w)}</li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('identified.evidence')}</h3>
      <ul className="evidence">
        {d.evidence.map((e) => (
          <li key={`${e.command}:${e.line}`}>
            <span className="cmd">{e.command}</span>
            <span className="lineno">L{e.line}</span>
            <code>{e.text}</code>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button className="primary" onClick={onNext} autoFocus>
          {t('identified.next')}
        </button>
        <button onClick={onDisconnect}>{t('identified.disconnect')}</button>
      </div>
    </section>
  );
}
