import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WizardView } from '../../../../shared/ipc/contract';
import type { ContractNotice } from '../../../../shared/diagnosis/input';

const FIELDS = ['fixedIpv4', 'interfaceId', 'br', 'updateUser', 'updatePassword'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Set-up, step 2 (fixed IP): the values of the contract notice (kaitsuu no go-annai), each with where it sits on it.
 * The update user and password are secrets: typed masked, never shown again (the view only says whether they were given).
 */
export function SetupNoticeScreen({ view, onSubmit, onBack }: { view: WizardView; onSubmit: (notice: ContractNotice) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const setup = view.setup!;
  const given = setup.notice;
  const [values, setValues] = useState<Record<Field, string>>({
    fixedIpv4: given?.fixedIpv4 ?? '',
    interfaceId: given?.interfaceId ?? '',
    br: given?.br ?? '',
    updateUser: '',
    updatePassword: '',
  });
  const required = new Set<string>(setup.noticeFields);
  const missing = setup.plan?.refused === 'needs-notice' ? setup.plan.missing : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ serviceId: setup.service!, ...Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '')) });
  };
  return (
    <section className="card">
      <h2 data-testid="setup-notice-title">{t('setup.notice.title', { service: t(`services.${setup.service}`) })}</h2>
      <p>{t('setup.notice.intro')}</p>
      {missing.length > 0 && (
        <p className="bad" role="alert" data-testid="setup-notice-missing">
          {t('setup.notice.missing', { fields: missing.map((m) => t(`setup.notice.field.${m}`)).join('、') })}
        </p>
      )}
      <form onSubmit={submit} className="form" autoComplete="off">
        {FIELDS.map((k) => (
          <label key={k} className="field grow" data-testid={`setup-notice-${k}`}>
            {t(`setup.notice.field.${k}`)}
            {!required.has(k) && <span className="muted small"> {t('setup.notice.optional')}</span>}
            <input
              type={k === 'updatePassword' || k === 'updateUser' ? 'password' : 'text'}
              value={values[k]}
              onChange={(e) => setValues({ ...values, [k]: e.target.value })}
              required={required.has(k) && !(k === 'updatePassword' && given?.updatePasswordGiven) && !(k === 'updateUser' && given?.updateUserGiven)}
              placeholder={t(`setup.notice.example.${k}`)}
              spellCheck={false}
              aria-describedby={`setup-help-${k}`}
            />
            <span id={`setup-help-${k}`} className="muted small">
              {t(`setup.notice.help.${k}`)}
            </span>
          </label>
        ))}
        <p className="muted small">{t('setup.notice.secrets')}</p>
        <div className="actions">
          <button className="primary" type="submit">
            {t('setup.notice.next')}
          </button>
          <button type="button" onClick={onBack}>
            {t('setup.back')}
          </button>
        </div>
      </form>
    </section>
  );
}
