import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../shared/ipc/contract';
import type { FixCheck } from '../../../shared/diagnosis/types';
import { CommandsWithUndo } from '../components/CommandsWithUndo';

export function FixPreviewScreen({ view, onApply, onBack }: { view: WizardView; onApply: () => void; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const fixes = view.diagnosis!.findings.filter((f) => f.fix && view.selectedFixes.includes(f.code));
  const checkText = (c: FixCheck) =>
    c.kind === 'tunnel-rx'
      ? t('fix.checkRx', { tunnel: c.tunnel })
      : c.kind === 'ping'
        ? t('fix.checkPing', { target: c.target })
        : c.kind === 'ssh-answers'
          ? t('sshOn.check', { host: c.host, port: c.port })
          : t('fix.checkOutput', { command: c.command, text: c.text });
  return (
    <section className="card">
      <h2>{t('fix.title')}</h2>
      <p>{t('fix.intro')}</p>
      {fixes.map((f) => (
        <article key={f.code} className="finding" data-testid={`preview-${f.code}`}>
          <header>
            <h3>{f.title[lang]}</h3>
            <code className="code">{f.code}</code>
          </header>
          <p>{f.fix!.summary[lang]}</p>
          <CommandsWithUndo commands={f.fix!.commands} inverse={f.fix!.inverse} />
          <p className="muted small">
            {t('fix.check')}: {checkText(f.fix!.check)}
          </p>
        </article>
      ))}
      <div className="actions">
        <button className="primary" onClick={onApply}>
          {t('fix.apply')}
        </button>
        <button onClick={onBack}>{t('fix.back')}</button>
      </div>
    </section>
  );
}
