import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseApi } from './api';
import { useWizard } from './useWizard';
import { setLanguage } from './i18n';
import { StepBar } from './components/StepBar';
import { ConnectScreen } from './screens/ConnectScreen';
import { ProgressScreen } from './screens/ProgressScreen';
import { IdentifiedScreen } from './screens/IdentifiedScreen';
import { FailedScreen } from './screens/FailedScreen';
import { CalculatorScreen } from './screens/CalculatorScreen';

export function App() {
  const { t, i18n } = useTranslation();
  const [serverUp, setServerUp] = useState(true);
  const [screen, setScreen] = useState<'wizard' | 'calculator'>('wizard');
  const { api } = useMemo(() => chooseApi(setServerUp), []);
  const { view, send } = useWizard(api);
  const other = i18n.language === 'ja' ? 'en' : 'ja';

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            v4
          </span>
          <div>
            <h1>{t('app.title')}</h1>
            <p className="tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <button className="lang" onClick={() => setLanguage(other)} title={t("app.languageLabel")} lang={other}>
          {t('app.language')}
        </button>
      </header>
      <nav className="nav" aria-label={t('nav.label')}>
        {(['wizard', 'calculator'] as const).map((s) => (
          <button key={s} aria-current={screen === s ? 'page' : undefined} onClick={() => setScreen(s)}>
            {t(`nav.${s}`)}
          </button>
        ))}
      </nav>
      {!serverUp && (
        <div className="banner warn" role="status">
          {t('app.serverLost')}
        </div>
      )}
      {view?.connection?.demo && view.state !== 'chooseConnection' && (
        <div className="banner demo" role="note" data-testid="demo-badge">
          <strong>{t('demo.badge')}</strong> — {t('demo.notice')}
        </div>
      )}
      {screen === 'calculator' ? (
        <main className="content">
          <CalculatorScreen />
        </main>
      ) : (
        <>
      <StepBar state={view?.state ?? 'chooseConnection'} />
      <main className="content" aria-live="polite">
        {view === null ? null : view.state === 'chooseConnection' ? (
          <ConnectScreen api={api} onConnect={(request) => send({ type: 'CONNECT', request })} />
        ) : view.state === 'connecting' || view.state === 'identifying' ? (
          <ProgressScreen view={view} onCancel={() => send({ type: 'CANCEL' })} />
        ) : view.state === 'identified' ? (
          <IdentifiedScreen view={view} onDisconnect={() => send({ type: 'DISCONNECT' })} />
        ) : (
          <FailedScreen view={view} onRetry={() => send({ type: 'RETRY' })} onBack={() => send({ type: 'BACK' })} />
        )}
      </main>
        </>
      )}
    </div>
  );
}
