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
import { ConfirmHostKeyScreen } from './screens/ConfirmHostKeyScreen';
import { ConfirmLegacySshScreen } from './screens/ConfirmLegacySshScreen';
import { SshPreviewScreen } from './screens/SshPreviewScreen';
import { GatherScreen } from './screens/GatherScreen';
import { FindingsScreen } from './screens/FindingsScreen';
import { FixPreviewScreen } from './screens/FixPreviewScreen';
import { ApplyScreen } from './screens/ApplyScreen';
import { ResultScreen } from './screens/ResultScreen';
import { ReportScreen } from './screens/ReportScreen';
import type { ApiClient, ApplyEventView, WizardEvent, WizardView } from '../../shared/ipc/contract';
import { useApplyLog } from './useApplyLog';
import { CeDetectedScreen } from './screens/linux-ce/CeDetectedScreen';
import { CePlanScreen } from './screens/linux-ce/CePlanScreen';
import { CeResultScreen } from './screens/linux-ce/CeResultScreen';
import { SetupServiceScreen } from './screens/setup/SetupServiceScreen';
import { SetupNoticeScreen } from './screens/setup/SetupNoticeScreen';
import { SetupPreviewScreen } from './screens/setup/SetupPreviewScreen';
import { LineCheckScreen } from './screens/line-check/LineCheckScreen';

function WizardScreen({
  api,
  view,
  send,
  lang,
  applyLog,
}: {
  api: ApiClient;
  view: WizardView;
  send: (e: WizardEvent) => void;
  lang: 'ja' | 'en';
  applyLog: readonly ApplyEventView[];
}) {
  switch (view.screen) {
    case 'connect':
      return (
        <ConnectScreen
          api={api}
          onConnect={(request) => send({ type: 'CONNECT', request })}
          onPaste={(text) => send({ type: 'PASTE_TRANSCRIPT', text })}
          onCeConnect={(target) => send({ type: 'CE_CONNECT', target })}
          onLineCheck={() => send({ type: 'LINE_CHECK' })}
        />
      );
    case 'progress':
      return <ProgressScreen view={view} onCancel={() => send({ type: 'CANCEL' })} />;
    case 'hostKey':
      return <ConfirmHostKeyScreen view={view} onTrust={() => send({ type: 'TRUST_HOST_KEY' })} onReject={() => send({ type: 'REJECT_HOST_KEY' })} />;
    case 'legacySsh':
      return <ConfirmLegacySshScreen view={view} onAllow={() => send({ type: 'ALLOW_LEGACY_SSH' })} onBack={() => send({ type: 'BACK' })} />;
    case 'identified':
      return (
        <IdentifiedScreen view={view} onNext={() => send({ type: 'NEXT' })} onDisconnect={() => send({ type: 'DISCONNECT' })} onEnableSsh={() => send({ type: 'ENABLE_SSH' })} />
      );
    case 'sshPreview':
      return <SshPreviewScreen view={view} onApply={() => send({ type: 'APPLY' })} onBack={() => send({ type: 'BACK' })} />;
    case 'gather':
      return <GatherScreen api={api} view={view} onCancel={() => send({ type: 'CANCEL' })} />;
    case 'findings':
      return (
        <FindingsScreen
          api={api}
          view={view}
          onPreview={(codes) => send({ type: 'PREVIEW_FIX', codes })}
          onReport={() => send({ type: 'REPORT', lang })}
          onRegather={() => send({ type: 'REGATHER' })}
          onBack={() => send({ type: 'BACK' })}
          onSetup={() => send({ type: 'SETUP_START' })}
        />
      );
    case 'setupService':
      return <SetupServiceScreen view={view} onChoose={(service) => send({ type: 'SETUP_SERVICE', service })} onBack={() => send({ type: 'BACK' })} />;
    case 'setupNotice':
      return <SetupNoticeScreen view={view} onSubmit={(notice) => send({ type: 'SETUP_NOTICE', notice })} onBack={() => send({ type: 'BACK' })} />;
    case 'setupPreview':
      return <SetupPreviewScreen view={view} onApply={(movePppoeDefault) => send({ type: 'SETUP_APPLY', movePppoeDefault })} onBack={() => send({ type: 'BACK' })} />;
    case 'fixPreview':
      return <FixPreviewScreen view={view} onApply={() => send({ type: 'APPLY' })} onBack={() => send({ type: 'BACK' })} />;
    case 'apply':
      return <ApplyScreen view={view} events={applyLog} />;
    case 'fixed':
    case 'reverted':
      return (
        <ResultScreen
          view={view}
          events={applyLog}
          onReport={() => send({ type: 'REPORT', lang })}
          onRegather={() => send({ type: 'REGATHER' })}
          onBack={() => send({ type: 'BACK' })}
          onDisconnect={() => send({ type: 'DISCONNECT' })}
        />
      );
    case 'report':
      return <ReportScreen view={view} onLang={(l) => send({ type: 'REPORT', lang: l })} onBack={() => send({ type: 'BACK' })} onDisconnect={() => send({ type: 'DISCONNECT' })} />;
    case 'ceDetected':
      return (
        <CeDetectedScreen
          view={view}
          onPlan={(request) => send({ type: 'CE_PLAN', request })}
          onDiagnose={(request) => send({ type: 'CE_DIAGNOSE', request })}
          onRollback={() => send({ type: 'CE_ROLLBACK' })}
          onRedetect={() => send({ type: 'REGATHER' })}
          onDisconnect={() => send({ type: 'DISCONNECT' })}
        />
      );
    case 'cePlan':
      return <CePlanScreen api={api} view={view} onApply={() => send({ type: 'CE_APPLY' })} onBack={() => send({ type: 'BACK' })} />;
    case 'ceApplied':
    case 'ceRolledBack':
      return (
        <CeResultScreen
          view={view}
          onVerify={() => send({ type: 'CE_VERIFY' })}
          onPersist={() => send({ type: 'CE_PERSIST' })}
          onRollback={() => send({ type: 'CE_ROLLBACK' })}
          onBack={() => send({ type: 'BACK' })}
          onRedetect={() => send({ type: 'REGATHER' })}
          onDisconnect={() => send({ type: 'DISCONNECT' })}
        />
      );
    case 'lineCheck':
      return (
        <LineCheckScreen
          api={api}
          view={view}
          onRun={(request) => send({ type: 'LINE_CHECK_RUN', request })}
          onBack={() => send({ type: 'BACK' })}
          onLinuxCe={(target) => send({ type: 'CE_CONNECT', target })}
        />
      );
    case 'failed':
      return <FailedScreen view={view} onRetry={() => send({ type: 'RETRY' })} onBack={() => send({ type: 'BACK' })} />;
  }
}

export function App() {
  const { t, i18n } = useTranslation();
  const [serverUp, setServerUp] = useState(true);
  const [screen, setScreen] = useState<'wizard' | 'calculator'>('wizard');
  const { api } = useMemo(() => chooseApi(setServerUp), []);
  const { view, send } = useWizard(api);
  const applyLog = useApplyLog(api);
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const other = lang === 'ja' ? 'en' : 'ja';

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
        <button className="lang" onClick={() => setLanguage(other)} title={t('app.languageLabel')} lang={other}>
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
      {screen === 'calculator' ? (
        <main className="content">
          <CalculatorScreen />
        </main>
      ) : (
        <>
          {view?.connection?.demo && view.screen !== 'connect' && (
            <div className="banner demo" role="note" data-testid="demo-badge">
              <strong>{t('demo.badge')}</strong> — {t('demo.notice')}
            </div>
          )}
          {view && <StepBar steps={view.steps} current={view.step} />}
          <main className="content" aria-live="polite">
            {view && <WizardScreen api={api} view={view} send={(e) => void send(e)} lang={lang} applyLog={applyLog} />}
          </main>
        </>
      )}
    </div>
  );
}
