import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinuxCeTarget } from '../../../../shared/ipc/contract';

/** Linux CE mode's first step: which host becomes the CE. */
export function CeConnectPanel({ onConnect }: { onConnect: (target: LinuxCeTarget) => void }) {
  const { t } = useTranslation();
  const [where, setWhere] = useState<'local' | 'ssh'>('ssh');
  const [host, setHost] = useState('');
  const [port, setPort] = useState(22);
  const [username, setUsername] = useState('root');
  const [password, setPassword] = useState('');
  const [keyPath, setKeyPath] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (where === 'local') return onConnect({ kind: 'local', ...(password ? { sudoPassword: password } : {}) });
    onConnect({
      kind: 'ssh',
      host: host.trim(),
      port,
      username: username.trim(),
      ...(password ? { password } : {}),
      ...(keyPath.trim() ? { privateKeyPath: keyPath.trim() } : {}),
    });
  };

  return (
    <div id="panel-linuxCe" role="tabpanel" aria-labelledby="tab-linuxCe">
    <form onSubmit={submit} className="panel">
      <p>{t('ce.connect.description')}</p>
      <fieldset className="choice">
        <legend>{t('ce.connect.where')}</legend>
        {(['ssh', 'local'] as const).map((w) => (
          <label key={w} className="check">
            <input type="radio" name="ce-where" value={w} checked={where === w} onChange={() => setWhere(w)} /> {t(`ce.connect.${w}`)}
          </label>
        ))}
      </fieldset>
      {where === 'local' && (
        <div className="row">
          <label className="field grow">
            {t('ce.connect.sudoPassword')}
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
          </label>
        </div>
      )}
      {where === 'ssh' && (
        <>
          <div className="row">
            <label className="field grow">
              {t('ce.connect.host')}
              <input value={host} onChange={(e) => setHost(e.target.value)} required autoComplete="off" placeholder="192.168.1.10" />
            </label>
            <label className="field">
              {t('ce.connect.port')}
              <input type="number" min={1} max={65535} value={port} onChange={(e) => setPort(Number(e.target.value))} />
            </label>
          </div>
          <div className="row">
            <label className="field grow">
              {t('ce.connect.username')}
              <input value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="username" />
            </label>
            <label className="field grow">
              {t('ce.connect.password')}
              <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
            </label>
          </div>
          <div className="row">
            <label className="field grow">
              {t('ce.connect.keyPath')}
              <input value={keyPath} onChange={(e) => setKeyPath(e.target.value)} placeholder="~/.ssh/id_ed25519" autoComplete="off" />
            </label>
          </div>
          <p className="muted small">{t('connect.credentials.note')}</p>
        </>
      )}
      <button className="primary" type="submit">
        {t('ce.connect.start')}
      </button>
    </form>
    </div>
  );
}
