import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient, WizardView } from '../../../shared/ipc/contract';
import type { Finding } from '../../../shared/diagnosis/types';
import { Topology } from '../lazy';
import { EvidenceView } from '../components/EvidenceView';

export function FindingCard({ api, finding, selectable, selected, onToggle }: { api: ApiClient; finding: Finding; selectable: boolean; selected: boolean; onToggle: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  return (
    <article className={`finding sev-${finding.severity}`} data-code={finding.code} data-testid={`finding-${finding.code}`}>
      <header>
        <span className={`badge ${finding.severity}`}>{t(`report.severity.${finding.severity}`)}</span>
        <h3>{finding.title[lang]}</h3>
        <code className="code">{finding.code}</code>
      </header>
      {finding.explanation[lang].split('\n').map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {finding.causes && finding.causes.length > 0 && (
        <p className="muted">
          {t('findings.causes')}: {finding.causes.map((c) => <code key={c}>{c} </code>)}
        </p>
      )}
      {finding.evidence.length > 0 && <h4>{t('findings.evidence')}</h4>}
      {finding.evidence.map((e) => (
        <EvidenceView key={`${e.command}:${e.lines.join(',')}`} api={api} evidence={e} />
      ))}
      {finding.fix && (
        <div className="fix">
          <h4>{t('findings.fix')}</h4>
          <pre className="mono" tabIndex={0}>{finding.fix.commands.join('\n')}</pre>
          <details>
            <summary>{t('findings.undo')}</summary>
            <pre className="mono" tabIndex={0}>{finding.fix.inverse.join('\n')}</pre>
          </details>
          {selectable && (
            <label className="check">
              <input type="checkbox" checked={selected} onChange={onToggle} data-testid={`select-${finding.code}`} /> {t('findings.fixable')}
            </label>
          )}
        </div>
      )}
      {finding.checklist && finding.checklist.length > 0 && (
        <div className="checklist">
          <h4>{t('findings.checklist')}</h4>
          <ul>
            {finding.checklist.map((c, i) => (
              <li key={i}>
                <strong>{t(`report.party.${c.party}`)}:</strong> {c.item[lang]}
              </li>
            ))}
          </ul>
        </div>
      )}
    </article>
  );
}

export function FindingsScreen({
  api,
  view,
  onPreview,
  onReport,
  onRegather,
  onBack,
  onSetup,
}: {
  api: ApiClient;
  view: WizardView;
  onPreview: (codes: string[]) => void;
  onReport: () => void;
  onRegather: () => void;
  onBack: () => void;
  onSetup: () => void;
}) {
  const { t } = useTranslation();
  const d = view.diagnosis!;
  // The machine says which fixes it would take: a live router's, never a transcript's or a Linux CE's.
  const fixable = d.findings.filter((f) => view.can.previewFix.includes(f.code));
  // Back from the preview, the choice made there stands (an unticked fix stays unticked); else every error's fix.
  const [selected, setSelected] = useState<string[]>(() => {
    const kept = view.selectedFixes.filter((code) => fixable.some((f) => f.code === code));
    return kept.length > 0 ? kept : fixable.filter((f) => f.severity === 'error').map((f) => f.code);
  });
  const errors = d.findings.filter((f) => f.severity === 'error').length;
  const toggle = (code: string) => setSelected((s) => (s.includes(code) ? s.filter((c) => c !== code) : [...s, code]));
  return (
    <section className="card">
      <h2 className={errors ? 'bad' : 'ok'} data-testid="findings-title">
        {errors ? t('findings.problems', { count: errors }) : t('findings.ok')}
      </h2>
      {d.service && (
        <p className="muted mono small">
          {t('findings.service')}: {d.service.id ? t(`services.${d.service.id}`) : (d.service.provider ?? t('findings.none'))} · {d.service.prefix ?? ''} · CE {d.service.ceAddress ?? '—'} · BR {d.service.br ?? '—'}
        </p>
      )}
      {view.offline && <div className="banner warn">{t('findings.offline')}</div>}
      {view.mode === 'linuxCe' && (
        <div className="banner warn" data-testid="ce-findings-note">
          {t('ce.findings.note')}
        </div>
      )}
      {view.can.setup && (
        <div className="banner setup-banner" data-testid="setup-offer">
          <p>{t('setup.offer')}</p>
          <button className="primary" onClick={onSetup} data-testid="setup-start">
            {t('setup.start')}
          </button>
        </div>
      )}
      <Suspense fallback={null}>
        <Topology findings={d.findings} />
      </Suspense>
      {d.findings.map((f) => (
        <FindingCard key={f.code} api={api} finding={f} selectable={fixable.includes(f)} selected={selected.includes(f.code)} onToggle={() => toggle(f.code)} />
      ))}
      {d.unknown.length > 0 && (
        <p className="muted small">
          {t('findings.unknown')}:{' '}
          {d.unknown.map((c, i) => (
            <span key={c}>
              {i > 0 && ', '}
              <code>{c}</code>
            </span>
          ))}
        </p>
      )}
      <div className="actions sticky">
        {fixable.length > 0 && (
          <button className="primary" disabled={selected.length === 0} onClick={() => onPreview(selected)}>
            {t('findings.preview')}
          </button>
        )}
        <button onClick={onReport}>{t('findings.report')}</button>
        {view.can.regather && <button onClick={onRegather}>{t('findings.regather')}</button>}
        <button onClick={onBack}>{t('findings.back')}</button>
      </div>
    </section>
  );
}
