import { Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseApi, type ServerStatus } from './api';
import { ApiCallError } from './api/errors';
import { PASTE_MAX_LABEL } from '../../shared/ipc/limits';
import { useWizard } from './useWizard';
import { setLanguage } from './i18n';
import { StepBar } from './components/StepBar';
import { ConnectScreen } from './screens/ConnectScreen';
import { ProgressScreen } from './screens/ProgressScreen';
import { IdentifiedScreen } from './screens/IdentifiedScreen';
import { FailedScreen } from './screens/FailedScreen';
import { ConfirmHostKeyScreen } from './screens/ConfirmHostKeyScreen';
import { ConfirmLegacySshScreen } from './screens/ConfirmLegacySshScreen';
import { SshPreviewScreen } from './screens/SshPreviewScreen';
import { GatherScreen } from './screens/GatherScreen';
import { FindingsScreen } from './screens/FindingsScreen';
import { FixPreviewScreen } from './screens/FixPreviewScreen';
import { ApplyScreen } from './screens/ApplyScreen';
import { ResultScreen } from './screens/ResultScreen';
import { ReportScreen } from './screens/ReportScreen';
import { RecoveryScreen } from './screens/RecoveryScreen';
import type { ApiClient, ApplyEventView, WizardEvent, WizardView } from '../../shared/ipc/contract';
import { useApplyLog } from './useApplyLog';
import { CalculatorScreen, CeDetectedScreen, CePlanScreen, CeResultScreen } from './lazy';
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
  pasteRefused,
}: {
  api: ApiClient;
  view: WizardView;
  send: (e: WizardEvent) => void;
  lang: 'ja' | 'en';
  applyLog: readonly ApplyEventView[];
  pasteRefused: string | null;
}) {
  switch (view.screen) {
    case 'connect':
      return (
        <ConnectScreen
          api={api}
          onConnect={(request) => send({ type: 'CONNECT', request })}
          onPaste={(text) => send({ type: 'PASTE_TRANSCRIPT', text })}
          pasteRefused={pasteRefused}
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
    case 'recovery':
    case 'recovered':
      return (
        <RecoveryScreen
          view={view}
          events={applyLog}
          onRecover={(choice) => send({ type: 'RECOVER', choice })}
          onNext={() => send({ type: 'NEXT' })}
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
          onReport={() => send({ type: 'REPORT', lang })}
        />
      );
    case 'failed':
      return <FailedScreen view={view} onRetry={() => send({ type: 'RETRY' })} onBack={() => send({ type: 'BACK' })} />;
  }
}

/** A page that cannot reach its server says why and what to open, instead of waiting for ever. */
function ServerProblem({ status }: { status: Exclude<ServerStatus, 'connected' | 'reconnecting'> }) {
  const { t } = useTranslation();
  if (status === 'server-gone') {
    return (
      <div className="banner bad-banner" role="alert" data-testid="server-problem" data-status={status}>
        {t('app.serverGone')}
      </div>
    );
  }
  const key = status === 'no-token' ? 'app.noToken' : 'app.staleToken';
  return (
    <section className="card" role="alert" data-testid="server-problem" data-status={status}>
      <h2>{t(`${key}.title`)}</h2>
      <p>{t(`${key}.body`)}</p>
      <p className="small muted">
        {t('app.address')}: <code>http://127.0.0.1:…/#token=…</code>
      </p>
    </section>
  );
}

export function App() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<ServerStatus>('connected');
  const [screen, setScreen] = useState<'wizard' | 'calculator'>('wizard');
  const [dataDir, setDataDir] = useState<string | null>(null);
  const [pasteRefused, setPasteRefused] = useState<string | null>(null);
  const { api } = useMemo(() => chooseApi(setStatus), []);
  const { view, send } = useWizard(api);
  const applyLog = useApplyLog(api);
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const other = lang === 'ja' ? 'en' : 'ja';
  useEffect(() => {
    void api.invoke('app.info', {}).then((info) => setDataDir(info.dataDir), () => undefined);
  }, [api]);
  const sendEvent = (e: WizardEvent) => {
    if (e.type === 'PASTE_TRANSCRIPT') setPasteRefused(null);
    void send(e).catch((err: unknown) => {
      // The core's reason is quoted as it came (its code says what it was); a paste's size is said in words.
      if (e.type !== 'PASTE_TRANSCRIPT') return;
      const code = err instanceof ApiCallError ? err.code : 'internal';
      const message = err instanceof Error ? err.message : String(err);
      setPasteRefused(code === 'too-large' || /larger than/.test(message) ? t('paste.tooLargeShort', { limit: PASTE_MAX_LABEL }) : `[${code}] ${message}`);
    });
  };
  const blocked = status === 'no-token' || status === 'stale-token';

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
      {screen === 'calculator' ? (
        <main className="content">
          <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
            <CalculatorScreen />
          </Suspense>
        </main>
      ) : (
        <>
          {view && !blocked && <StepBar steps={view.steps} current={view.step} />}
          <main className="content">
            {status === 'reconnecting' && (
              <div className="banner warn" role="status" data-testid="server-lost">
                {t('app.serverLost')}
              </div>
            )}
            {status !== 'connected' && status !== 'reconnecting' && <ServerProblem status={status} />}
            {view?.connection?.demo && view.screen !== 'connect' && !blocked && (
              <div className="banner demo" role="note" data-testid="demo-badge">
                <strong>{t('demo.badge')}</strong> — {t('demo.notice')}
                {dataDir && <div className="small">{t('demo.dataNote', { dir: dataDir })}</div>}
              </div>
            )}
            <div aria-live="polite">
              {view && !blocked && (
                <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
                  <WizardScreen api={api} view={view} send={sendEvent} lang={lang} applyLog={applyLog} pasteRefused={pasteRefused} />
                </Suspense>
              )}
            </div>
          </main>
        </>
      )}
    </div>
  );
}
