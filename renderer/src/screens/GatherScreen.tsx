import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient, GatherProgressView, WizardView } from '../../../shared/ipc/contract';

/** Per command: status, bytes read and the ETA at line speed. */
export function GatherScreen({ api, view, onCancel }: { api: ApiClient; view: WizardView; onCancel: () => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Record<string, GatherProgressView>>({});
  const [latest, setLatest] = useState<GatherProgressView | null>(null);
  useEffect(() => api.on('gather.progress', (p) => {
    setRows((r) => ({ ...r, [p.command]: p }));
    setLatest(p);
  }), [api]);
  const list = Object.values(rows).sort((a, b) => a.pass - b.pass || a.index - b.index);
  const done = list.filter((r) => r.status !== 'running').length;
  // The plan's own length, not the rows seen so far (which grow as commands start: 0/1, 2/3 …). The second pass,
  // planned from what the first showed, adds its own total when it starts.
  const totals = new Map<number, number>();
  for (const r of list) totals.set(r.pass, r.total);
  const total = Math.max([...totals.values()].reduce((a, b) => a + b, 0), 1);
  return (
    <section className="card" aria-busy="true">
      <h2>{t(view.activity ?? 'gather.title')}</h2>
      <p className="muted">{t('gather.intro')}</p>
      <progress max={total} value={done} className="gather-bar" aria-label={t('gather.progressLabel', { done, total })} data-testid="gather-progress" />
      <p className="muted small">{t('gather.progressLabel', { done, total })}</p>
      <table className="gather" data-testid="gather-table">
        <thead>
          <tr>
            <th>{t('gather.command')}</th>
            <th>{t('gather.status')}</th>
            <th className="num">{t('gather.bytes')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr key={r.command} className={`st-${r.status}`}>
              <td className="mono">{r.command}</td>
              <td>{t(`gather.st.${r.status}`)}</td>
              <td className="num mono">{r.bytes}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {t('gather.eta')}: {latest?.etaSeconds != null ? t('gather.seconds', { s: Math.ceil(latest.etaSeconds) }) : t('gather.unbounded')}
      </p>
      {view.can.cancel && (
        <div className="actions">
          <button onClick={onCancel}>{t('gather.cancel')}</button>
        </div>
      )}
    </section>
  );
}
