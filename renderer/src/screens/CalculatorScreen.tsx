import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CalcInputError,
  calculateMapE,
  fixedIpCeAddress,
  renderSnippet,
  SNIPPET_FORMATS,
  type CalcWarning,
  type InterfaceIdForm,
  type MapEResult,
  type SnippetFormat,
} from '../../../shared/mape';
import { PortMap } from '../components/PortMap';
import type { Message } from '../../../shared/i18n/message';
import { useSay } from '../useSay';

type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; detail: Message } | null;

function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (err instanceof CalcInputError) return { ok: false, code: err.code, detail: err.detail };
    throw err;
  }
}

function Warnings({ warnings }: { warnings: CalcWarning[] }) {
  const say = useSay();
  if (warnings.length === 0) return null;
  return (
    <div className="banner warn" data-testid="calc-warnings">
      <ul>
        {warnings.map((w) => (
          <li key={w.code}>{say(w.detail)}</li>
        ))}
      </ul>
    </div>
  );
}

function InputError({ outcome }: { outcome: { code: string; detail: Message } }) {
  const { t } = useTranslation();
  const say = useSay();
  return (
    <div className="banner bad-banner" role="alert" data-testid="calc-error">
      <strong>{t(`calc.errors.${outcome.code}`)}</strong>
      <div className="small muted">{say(outcome.detail)}</div>
    </div>
  );
}

export function CalculatorScreen() {
  const { t } = useTranslation();
  const [input, setInput] = useState('240b:13:1a65:a100::/56');
  const [form, setForm] = useState<InterfaceIdForm>('draft03');
  const [format, setFormat] = useState<SnippetFormat>('rtx');
  const [iid, setIid] = useState('');
  const [fixedV4, setFixedV4] = useState('');
  const [copied, setCopied] = useState(false);

  const mape: Outcome<MapEResult> = useMemo(() => (input.trim() ? attempt(() => calculateMapE(input.trim(), { ifaceId: form })) : null), [input, form]);
  const fixed = useMemo(
    () => (input.trim() && iid.trim() ? attempt(() => fixedIpCeAddress(input.trim(), iid.trim(), fixedV4.trim() || undefined)) : null),
    [input, iid, fixedV4],
  );
  const snippet = mape?.ok ? renderSnippet(format, mape.value) : '';

  const copy = () => {
    void navigator.clipboard?.writeText(snippet).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };

  return (
    <section className="card calc">
      <h2>{t('calc.title')}</h2>
      <p className="muted">{t('calc.intro')}</p>
      <div className="row">
        <label className="field grow">
          {t('calc.input')}
          <input
            value={input}
            onChange={(e) => setInput(e.target.value)}
            placeholder={t('calc.placeholder')}
            spellCheck={false}
            autoComplete="off"
            className="mono"
            data-testid="calc-input"
          />
        </label>
        <label className="field">
          {t('calc.ifaceId')}
          <select value={form} onChange={(e) => setForm(e.target.value as InterfaceIdForm)}>
            <option value="draft03">{t('calc.draft03')}</option>
            <option value="rfc7597">{t('calc.rfc7597')}</option>
          </select>
        </label>
      </div>

      {mape && !mape.ok && !iid.trim() && <InputError outcome={mape} />}
      {mape?.ok && (
        <>
          <Warnings warnings={mape.value.warnings} />
          <dl className="facts" data-testid="calc-result">
            {(
              [
                ['provider', mape.value.providerId === 'custom' ? t('calc.customRule') : t(`services.${mape.value.providerId}`)],
                ['rule', t('calc.ruleValue', { v6: mape.value.rule.ipv6Prefix, v4: mape.value.rule.ipv4Prefix, ea: mape.value.rule.eaLength, psid: mape.value.psidLength, offset: mape.value.psidOffset })],
                ['ipv4', mape.value.ipv4],
                ['psid', String(mape.value.psid)],
                ['ports', t('calc.portsValue', { ports: mape.value.ports, blocks: mape.value.portRanges.length })],
                ['ceAddress', mape.value.ceAddress],
                ['br', mape.value.br ?? '—'],
                ['userPrefix', mape.value.userPrefix],
              ] as const
            ).map(([key, value]) => (
              <div key={key} data-testid={`calc-${key}`}>
                <dt>{t(`calc.${key}`)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <PortMap ranges={mape.value.portRanges} />
          <details>
            <summary>
              {t('calc.ranges')} ({mape.value.portRanges.length})
            </summary>
            <p className="ranges mono" data-testid="calc-ranges">
              {mape.value.portRanges.map(([a, b]) => `${a}-${b}`).join(', ')}
            </p>
          </details>
          <h3>{t('calc.snippet')}</h3>
          <div className="tabs" role="tablist" aria-label={t('calc.snippet')}>
            {SNIPPET_FORMATS.map((f) => (
              <button key={f} type="button" role="tab" aria-selected={format === f} className={format === f ? 'tab active' : 'tab'} onClick={() => setFormat(f)}>
                {f}
              </button>
            ))}
          </div>
          <div className="snippet">
            <button type="button" className="copy" onClick={copy}>
              {copied ? t('calc.copied') : t('calc.copy')}
            </button>
            <pre data-testid="calc-snippet" tabIndex={0}>{snippet}</pre>
          </div>
        </>
      )}

      <h3>{t('calc.fixed.title')}</h3>
      <p className="muted small">{t('calc.fixed.intro')}</p>
      <div className="row">
        <label className="field grow">
          {t('calc.fixed.iid')}
          <input value={iid} onChange={(e) => setIid(e.target.value)} placeholder="::1b:5936:1800:0" className="mono" spellCheck={false} />
        </label>
        <label className="field grow">
          {t('calc.fixed.ipv4')}
          <input value={fixedV4} onChange={(e) => setFixedV4(e.target.value)} placeholder="27.89.54.24" className="mono" spellCheck={false} />
        </label>
      </div>
      {fixed && !fixed.ok && <InputError outcome={fixed} />}
      {fixed?.ok && (
        <>
          <Warnings warnings={fixed.value.warnings} />
          <dl className="facts" data-testid="fixed-result">
            <div>
              <dt>{t('calc.fixed.ceAddress')}</dt>
              <dd>{fixed.value.ceAddress}</dd>
            </div>
            {fixed.value.expectedInterfaceId && (
              <div>
                <dt>{t('calc.fixed.expected')}</dt>
                <dd>{fixed.value.expectedInterfaceId}</dd>
              </div>
            )}
          </dl>
        </>
      )}
    </section>
  );
}
