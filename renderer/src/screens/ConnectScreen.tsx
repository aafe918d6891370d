import { Suspense, useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient, ConnectionRequest, LinuxCeTarget, ScenarioInfo, SerialPortInfo } from '../../../shared/ipc/contract';
import { CredentialFields, type Credentials } from '../components/CredentialFields';
import { DiscoveryPanel } from './connect/DiscoveryPanel';
import { CeConnectPanel } from '../lazy';
import { PasteInput } from './PasteInput';
import { PASTE_MAX_BYTES, utf8Bytes } from '../../../shared/ipc/limits';

type Tab = 'demo' | 'serial' | 'ssh' | 'telnet' | 'paste' | 'linuxCe';
const BAUD_RATES = [9600, 19200, 38400, 57600, 115200];

function withCredentials<T extends object>(base: T, c: Credentials): T & Partial<Credentials> {
  // Empty fields are left out so "no password" and "empty password" stay the router's call.
  return {
    ...base,
    ...(c.username ? { username: c.username } : {}),
    ...(c.password ? { password: c.password } : {}),
    ...(c.adminPassword ? { adminPassword: c.adminPassword } : {}),
  };
}

export function ConnectScreen({
  api,
  onConnect,
  onPaste,
  pasteRefused = null,
  onCeConnect,
  onLineCheck,
}: {
  api: ApiClient;
  onConnect: (r: ConnectionRequest) => void;
  onPaste: (text: string) => void;
  /** Why the core refused the last paste (too large …), shown beside the paste box. */
  pasteRefused?: string | null;
  onCeConnect: (target: LinuxCeTarget) => void;
  /** The line check from this computer (no router login). */
  onLineCheck?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<Tab>('demo');
  const [scenarios, setScenarios] = useState<ScenarioInfo[]>([]);
  const [scenario, setScenario] = useState('fixed-ip-br-typo');
  const [ports, setPorts] = useState<SerialPortInfo[] | null>(null);
  const [path, setPath] = useState('');
  const [baudRate, setBaudRate] = useState(9600);
  const [host, setHost] = useState('');
  const [sshPort, setSshPort] = useState(22);
  const [keyPath, setKeyPath] = useState('');
  const [telnetHost, setTelnetHost] = useState('');
  const [telnetPort, setTelnetPort] = useState(23);
  const [pasted, setPasted] = useState('');
  const [creds, setCreds] = useState<Credentials>({ username: '', password: '', adminPassword: '' });
  const lang = i18n.language === 'en' ? 'en' : 'ja';

  useEffect(() => {
    void api.invoke('demo.scenarios', {}).then(setScenarios, () => setScenarios([]));
  }, [api]);

  const refreshPorts = useCallback(() => void api.invoke('serial.list', {}).then(setPorts, () => setPorts([])), [api]);
  // Ports are listed the first time the serial tab opens; "Refresh" lists them again.
  useEffect(() => {
    if (tab === 'serial' && ports === null) refreshPorts();
  }, [tab, ports, refreshPorts]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (tab === 'paste') onPaste(pasted);
    else if (tab === 'demo') onConnect({ kind: 'demo', scenario });
    else if (tab === 'serial') onConnect(withCredentials({ kind: 'serial', path: path.trim(), baudRate }, creds));
    else if (tab === 'telnet') onConnect(withCredentials({ kind: 'telnet', host: telnetHost.trim(), port: telnetPort }, creds));
    else
      onConnect(
        withCredentials(
          { kind: 'ssh', host: host.trim(), port: sshPort, username: creds.username, ...(keyPath.trim() ? { privateKeyPath: keyPath.trim() } : {}) },
          creds,
        ) as ConnectionRequest,
      );
  };

  const tabs: Tab[] = ['demo', 'serial', 'ssh', 'telnet', 'paste', 'linuxCe'];
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  // A tab list is one stop for Tab; the arrow keys (and Home/End) move between its tabs, as in any desktop app.
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    const i = tabs.indexOf(tab);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : step !== undefined ? (i + step + tabs.length) % tabs.length : null;
    if (next === null) return;
    e.preventDefault();
    const k = tabs[next]!;
    setTab(k);
    tabRefs.current[k]?.focus();
  };
  return (
    <section className="card">
      <h2>{t('connect.title')}</h2>
      <p className="muted">{t('connect.intro')}</p>
      {onLineCheck && (
        <div className="panel line-check-choice">
          <button type="button" onClick={onLineCheck} data-testid="line-check-choice">
            {t('linecheck.choice')}
          </button>
          <p className="muted">{t('linecheck.choiceHint')}</p>
        </div>
      )}
      <DiscoveryPanel
        api={api}
        credentials={<CredentialFields value={creds} onChange={setCreds} />}
        onTelnet={(h) => onConnect(withCredentials({ kind: 'telnet', host: h, port: 23 }, creds))}
        onSsh={(h) => {
          setHost(h);
          setSshPort(22);
          setTab('ssh');
        }}
        onSerial={(p) => {
          setPath(p);
          setTab('serial');
        }}
      />
      <div role="tablist" className="tabs" aria-label={t('connect.title')} onKeyDown={onTabKey}>
        {tabs.map((k) => (
          <button
            key={k}
            ref={(el) => {
              tabRefs.current[k] = el;
            }}
            role="tab"
            id={`tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            className={tab === k ? 'tab active' : 'tab'}
            onClick={() => setTab(k)}
            type="button"
          >
            {k === 'linuxCe' ? t('ce.tabs') : t(`connect.tabs.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'linuxCe' && (
        <Suspense
          fallback={
            <p id="panel-linuxCe" role="tabpanel" aria-labelledby="tab-linuxCe" className="muted">
              {t('common.loading')}
            </p>
          }
        >
          <CeConnectPanel onConnect={onCeConnect} />
        </Suspense>
      )}
      {tab !== 'linuxCe' && (
      <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`}>
      <form onSubmit={submit} className="panel">
        {tab === 'demo' && (
          <>
            <p>{t('connect.demo.description')}</p>
            <fieldset className="scenarios">
              <legend>{t('connect.demo.scenario')}</legend>
              {scenarios.map((s) => (
                <label key={s.id} className={scenario === s.id ? 'scenario selected' : 'scenario'}>
                  <input type="radio" name="scenario" value={s.id} checked={scenario === s.id} onChange={() => setScenario(s.id)} />
                  <span className="scenario-model">{s.model}</span>
                  <span>{s.summary[lang]}</span>
                  <code>{s.id}</code>
                </label>
              ))}
            </fieldset>
            <div className="actions sticky">
              <button className="primary" type="submit" disabled={!scenarios.some((s) => s.id === scenario)}>
                {t('connect.demo.start')}
              </button>
            </div>
          </>
        )}
        {tab === 'serial' && (
          <>
            <p>{t('connect.serial.description')}</p>
            <div className="row">
              <label className="field grow">
                {t('connect.serial.port')}
                <input
                  value={path}
                  onChange={(e) => setPath(e.target.value)}
                  placeholder={t('connect.serial.portPlaceholder')}
                  list="serial-ports"
                  required
                  autoComplete="off"
                />
                <datalist id="serial-ports">
                  {(ports ?? []).map((p) => (
                    <option key={p.path} value={p.path}>
                      {p.manufacturer ?? ''}
                    </option>
                  ))}
                </datalist>
              </label>
              <label className="field">
                {t('connect.serial.baud')}
                <select value={baudRate} onChange={(e) => setBaudRate(Number(e.target.value))}>
                  {BAUD_RATES.map((b) => (
                    <option key={b} value={b}>
                      {b}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="ports">
              <span className="muted">{t('connect.serial.detected')}:</span>
              {ports && ports.length === 0 && <span className="muted">{t('connect.serial.noPorts')}</span>}
              {(ports ?? []).map((p) => (
                <button type="button" key={p.path} className="chip" onClick={() => setPath(p.path)}>
                  {p.path}
                  {p.manufacturer ? ` — ${p.manufacturer}` : ''}
                  {p.vendorId ? ` (${p.vendorId}:${p.productId ?? ''})` : ''}
                </button>
              ))}
              <button type="button" className="link" onClick={refreshPorts}>
                {t('connect.serial.refresh')}
              </button>
            </div>
            <CredentialFields value={creds} onChange={setCreds} />
            <button className="primary" type="submit">
              {t('connect.serial.start')}
            </button>
          </>
        )}
        {tab === 'paste' && (
          <>
            <p>{t('connect.paste.description')}</p>
            <PasteInput value={pasted} onChange={setPasted} refused={pasteRefused} />
            <div className="actions sticky">
              <button className="primary" type="submit" disabled={pasted.trim() === '' || utf8Bytes(pasted) > PASTE_MAX_BYTES}>
                {t('connect.paste.start')}
              </button>
            </div>
          </>
        )}
        {tab === 'telnet' && (
          <>
            <p>{t('connect.telnet.description')}</p>
            <div className="banner warn" role="note" data-testid="telnet-warning">
              {t('telnet.cleartextWarning')}
            </div>
            <div className="row">
              <label className="field grow">
                {t('connect.telnet.host')}
                <input value={telnetHost} onChange={(e) => setTelnetHost(e.target.value)} required autoComplete="off" placeholder="192.168.100.1" />
              </label>
              <label className="field">
                {t('connect.telnet.port')}
                <input type="number" min={1} max={65535} value={telnetPort} onChange={(e) => setTelnetPort(Number(e.target.value))} />
              </label>
            </div>
            <CredentialFields value={creds} onChange={setCreds} />
            <button className="primary" type="submit">
              {t('connect.telnet.start')}
            </button>
          </>
        )}
        {tab === 'ssh' && (
          <>
            <p>{t('connect.ssh.description')}</p>
            <div className="row">
              <label className="field grow">
                {t('connect.ssh.host')}
                <input value={host} onChange={(e) => setHost(e.target.value)} required autoComplete="off" placeholder="192.168.100.1" />
              </label>
              <label className="field">
                {t('connect.ssh.port')}
                <input type="number" min={1} max={65535} value={sshPort} onChange={(e) => setSshPort(Number(e.target.value))} />
              </label>
            </div>
            <CredentialFields value={creds} onChange={setCreds} requireUser />
            <div className="row">
              <label className="field grow">
                {t('connect.ssh.keyPath')}
                <input value={keyPath} onChange={(e) => setKeyPath(e.target.value)} placeholder="~/.ssh/id_ed25519" autoComplete="off" />
              </label>
            </div>
            <button className="primary" type="submit">
              {t('connect.ssh.start')}
            </button>
          </>
        )}
      </form>
      </div>
      )}
    </section>
  );
}
