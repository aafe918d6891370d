import { useTranslation } from 'react-i18next';

export interface Credentials {
  username: string;
  password: string;
  adminPassword: string;
}

export function CredentialFields({
  value,
  onChange,
  requireUser = false,
}: {
  value: Credentials;
  onChange: (c: Credentials) => void;
  requireUser?: boolean;
}) {
  const { t } = useTranslation();
  const set = (k: keyof Credentials) => (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...value, [k]: e.target.value });
  return (
    <fieldset className="credentials">
      <div className="row">
        <label className="field grow">
          {t('connect.credentials.username')}
          <input value={value.username} onChange={set('username')} autoComplete="username" required={requireUser} />
        </label>
        <label className="field grow">
          {t('connect.credentials.password')}
          <input type="password" value={value.password} onChange={set('password')} autoComplete="current-password" />
        </label>
        <label className="field grow">
          {t('connect.credentials.adminPassword')}
          <input type="password" value={value.adminPassword} onChange={set('adminPassword')} autoComplete="off" />
        </label>
      </div>
      <p className="muted small">{t('connect.credentials.note')}</p>
    </fieldset>
  );
}
