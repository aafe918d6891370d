import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { ApplyEventView } from '../../../shared/ipc/contract';

function render(e: ApplyEventView): string {
  if (e.kind === 'command') return `\x1b[36m# ${e.command}\x1b[0m\n${e.output ? `${e.output}\n` : ''}${e.error ? `\x1b[31m${e.error}\x1b[0m\n` : ''}`;
  if (e.kind === 'backup') return `\x1b[33m[backup] ${e.path}\x1b[0m\n`;
  if (e.kind === 'verify') return `${e.result.passed ? '\x1b[32m✓' : '\x1b[31m✗'} ${e.result.detail}\x1b[0m\n`;
  return '';
}

/** A live, read-only view of what the app types on the router console and what it answers. */
export function ConsoleView({ events }: { events: readonly ApplyEventView[] }) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const written = useRef(0);
  useEffect(() => {
    const t = new Terminal({ convertEol: true, disableStdin: true, rows: 14, cols: 100, fontSize: 12.5, theme: { background: '#0f1722' } });
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
  return <div ref={host} className="console-view" data-testid="console-view" />;
}
