import { useTranslation } from 'react-i18next';

/** The exact commands a change will run and the ones that undo it, side by side (fix preview, SSH-on preview). */
export function CommandsWithUndo({ commands, inverse }: { commands: readonly string[]; inverse: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <div className="two-col">
      <div>
        <h4>{t('fix.commands')}</h4>
        <pre className="mono" tabIndex={0}>{commands.join('\n')}</pre>
      </div>
      <div>
        <h4>{t('fix.undo')}</h4>
        <pre className="mono" tabIndex={0}>{inverse.join('\n')}</pre>
      </div>
    </div>
  );
}
