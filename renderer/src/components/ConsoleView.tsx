import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useTranslation } from 'react-i18next';
import type { ApplyEventView } from '../../../shared/ipc/contract';
import { useSay } from '../useSay';

/** One event as console lines: what was typed and answered verbatim, the app's own lines in the UI's language. */
function useRender(): (e: ApplyEventView) => string {
  const { t } = useTranslation();
  const say = useSay();
  return (e) => {
    if (e.kind === 'command') return `\x1b[36m# ${e.command}\x1b[0m\n${e.output ? `${e.output}\n` : ''}${e.error ? `\x1b[31m${e.error}\x1b[0m\n` : ''}`;
    if (e.kind === 'backup') return `\x1b[33m${t('apply.backupLine', { path: e.path })}\x1b[0m\n`;
    if (e.kind === 'verify') return `${e.result.passed ? '\x1b[32m✓' : '\x1b[31m✗'} ${say(e.result.detail)}\x1b[0m\n`;
    return '';
  };
}

/** A live, read-only view of what the app types on the router console and what it answers. */
export function ConsoleView({ events }: { events: readonly ApplyEventView[] }) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const written = useRef(0);
  const render = useRender();
  useEffect(() => {
    // ANSI colours bright enough to read on the dark background (WCAG AA 4.5:1: the default red is 3:1).
    const t = new Terminal({
      convertEol: true,
      disableStdin: true,
      rows: 14,
      cols: 100,
      fontSize: 12.5,
      theme: { background: '#0f1722', foreground: '#e3eaf3', red: '#ff8a8a', green: '#6ee29a', yellow: '#f5d06b', cyan: '#6fe0ef', blue: '#8cb8ff' },
    });
    t.open(host.current!);
    term.current = t;
    written.current = 0;
    return () => {
      t.dispose();
      term.current = null;
    };
  }, []);
  useEffect(() => {
    const t = term.current;
    if (!t) return;
    if (events.length < written.current) {
      t.reset();
      written.current = 0;
    }
    for (const e of events.slice(written.current)) t.write(render(e));
    written.current = events.length;
    host.current?.setAttribute('data-lines', String(written.current));
  }, [events]);
  const { t } = useTranslation();
  return <div ref={host} className="console-view" data-testid="console-view" role="region" aria-label={t('apply.consoleLabel')} />;
}

export default ConsoleView;
