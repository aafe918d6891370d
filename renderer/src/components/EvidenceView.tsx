import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../shared/ipc/contract';
import type { Evidence } from '../../../shared/diagnosis/types';

/** The evidence lines, and on request the whole output with those lines highlighted in place. */
export function EvidenceView({ api, evidence }: { api: ApiClient; evidence: Evidence }) {
  const { t } = useTranslation();
  const [raw, setRaw] = useState<{ output: string; firstLine: number } | null>(null);
  const toggle = async () => {
    if (raw) return setRaw(null);
    const r = await api.invoke('evidence.output', { command: evidence.command, ...(evidence.lines[0] !== undefined ? { line: evidence.lines[0] } : {}) });
    if (r) setRaw({ output: r.output, firstLine: r.firstLine });
  };
  const marked = new Set(evidence.lines);
  return (
    <div className="evidence-block">
      <div className="evidence-head">
        <span className="cmd mono">{evidence.command}</span>
        <button type="button" className="link" onClick={() => void toggle()} aria-expanded={raw !== null}>
          {raw ? t('findings.hideRaw') : t('findings.showRaw')}
        </button>
      </div>
      {raw ? (
        <pre className="raw" data-testid="raw-output" tabIndex={0}>
          {raw.output.split('\n').map((line, i) => {
            const n = raw.firstLine + i;
            return (
              <span key={n} className={marked.has(n) ? 'hl' : undefined} data-line={n}>
                <span className="ln">{n}</span>
                {line}
                {'\n'}
              </span>
            );
          })}
        </pre>
      ) : (
        <pre className="raw excerpt" tabIndex={0}>
          {evidence.lines.map((n, i) => (
            <span key={n} className="hl">
              <span className="ln">{n}</span>
              {evidence.excerpt[i]}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
    </div>
  );
}
