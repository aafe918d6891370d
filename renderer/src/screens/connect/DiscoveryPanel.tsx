import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient, DiscoveredHostView, DiscoveryView } from '../../../../shared/ipc/contract';

/**
 * The routers this PC can see without typing: its default gateways (and addresses the user adds), which console
 * ports answer, and whether the MAC is Yamaha's. One click connects over the transport that answers: Telnet at
 * once, SSH by filling in the SSH form (it needs a user name). Nothing but those addresses is ever contacted.
 */
export function DiscoveryPanel({
  api,
  onTelnet,
  onSsh,
  onSerial,
  credentials,
}: {
  api: ApiClient;
  /** The login fields the one-click connect uses (a factory router needs none). */
  credentials: ReactNode;
  onTelnet: (host: string) => void;
  onSsh: (host: string) => void;
  onSerial: (path: string) => void;
}) {
  const { t } = useTranslation();
  const [found, setFound] = useState<DiscoveryView | null>(null);
  const [busy, setBusy] = useState(false);
  const [typed, setTyped] = useState('');
  const [addresses, setAddresses] = useState<string[]>([]);

  const search = useCallback(
    (extra: string[], automatic = false) => {
      setBusy(true);
      void api
        .invoke('discover.run', { addresses: extra, automatic })
        .then(setFound, () => setFound({ hosts: [], serialPorts: [] }))
        .finally(() => setBusy(false));
    },
    [api],
  );
  useEffect(() => search([], true), [search]);

  const add = () => {
    const a = typed.trim();
    if (!a) return;
    const next = [...new Set([...addresses, a])].slice(-8);
    setAddresses(next);
    setTyped('');
    search(next);
  };

  return (
    <section className="discovery" aria-labelledby="discovery-title" data-testid="discovery">
      <h3 id="discovery-title">{t('discover.title')}</h3>
      <p className="muted small">{t('discover.intro')}</p>
      {busy && <p className="muted" role="status">{t('discover.searching')}</p>}
      {!busy && found && found.hosts.length === 0 && <p className="muted">{t(found.skipped ? 'discover.manual' : 'discover.none')}</p>}
      {(found?.hosts ?? []).some((h) => h.suggested) && credentials}
      {(found?.hosts ?? []).some((h) => h.ports.telnet) && <p className="muted small">{t('telnet.cleartextWarning')}</p>}
      <ul className="found-hosts">
        {(found?.hosts ?? []).map((h) => (
          <FoundHost key={h.address} host={h} onTelnet={onTelnet} onSsh={onSsh} />
        ))}
      </ul>
      <div className="row">
        <label className="field grow">
          {t('discover.address')}
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="192.168.100.1"
            autoComplete="off"
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              add();
            }}
          />
        </label>
        <button type="button" onClick={add} disabled={busy || typed.trim() === ''}>
          {t('discover.addressAdd')}
        </button>
        <button type="button" className="link" onClick={() => search(addresses)} disabled={busy}>
          {t('discover.again')}
        </button>
      </div>
      {found && found.serialPorts.length > 0 && (
        <div className="ports">
          <span className="muted">{t('discover.serial')}:</span>
          {found.serialPorts.map((p) => (
            <button type="button" key={p.path} className="chip" onClick={() => onSerial(p.path)}>
              {p.path}
              {p.usbVendor || p.manufacturer ? ` — ${[p.usbVendor ?? p.manufacturer, p.usbProduct].filter(Boolean).join(' ')}` : ''}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}

function FoundHost({ host, onTelnet, onSsh }: { host: DiscoveredHostView; onTelnet: (h: string) => void; onSsh: (h: string) => void }) {
  const { t } = useTranslation();
  const port = (name: 'telnet' | 'ssh' | 'http', n: number) => (
    <span className={host.ports[name] ? 'chip ok' : 'chip off'}>
      {name} {n} {host.ports[name] ? t('discover.answers') : t('discover.closed')}
    </span>
  );
  const telnet = (
    <button type="button" className={host.suggested === 'telnet' ? 'primary' : ''} onClick={() => onTelnet(host.address)} data-testid={`discovered-telnet-${host.address}`}>
      {t('discover.connectTelnet')}
    </button>
  );
  const ssh = (
    <button type="button" className={host.suggested === 'ssh' ? 'primary' : ''} onClick={() => onSsh(host.address)} data-testid={`discovered-ssh-${host.address}`}>
      {t('discover.connectSsh')}
    </button>
  );
  return (
    <li className="found-host" data-testid={`discovered-${host.address}`}>
      <div>
        <strong className="mono">{host.address}</strong> <span className="muted small">{t(host.source === 'gateway' ? 'discover.gateway' : 'discover.typed')}</span>
        {host.yamaha && <span className="chip yamaha">{t('discover.yamaha')}</span>}
        {host.mac && (
          <span className="muted small mono">
            {' '}
            MAC {host.mac}
            {host.vendor ? ` (${host.vendor})` : ''}
          </span>
        )}
      </div>
      <div className="ports">
        {port('telnet', 23)}
        {port('ssh', 22)}
        {port('http', 80)}
      </div>
      <div className="actions">
        {host.ports.telnet && telnet}
        {host.ports.ssh && ssh}
      </div>
    </li>
  );
}
