import type { Detector } from '../../definition.js';
import { normaliseCommand } from '../../../linux/commands.js';
import { cleanLines } from '../../../linux/text.js';
import { Redactor } from '../../../redact/redact.js';
import { SERVICES } from '../../../services/index.js';
import { updateHost } from '../../line/catalog.js';
import type { DiagnosisContext } from '../../context.js';
import type { Evidence, FindingParts } from '../../parts.js';

/** A `curl`/`wget` of the update URL in the transcript (e.g. `curl -6 'http://fcs.enabler.ne.jp/update?…'`). */
export const linux: Detector = { needs: [], detect: linuxFixedipUpdateFailed };

const UPDATE_HOSTS = SERVICES.flatMap((s) => updateHost(s) ?? []);

/**
 * Fixed IP: the update call shown in the transcript did not answer `OK` (an error body, an HTML page when
 * `/update` is missing, or no connection at all). The latest call to the same server decides.
 */
export function linuxFixedipUpdateFailed(ctx: DiagnosisContext): FindingParts[] {
  // Credentials never go into a finding: the same masking as every report, plus the notice's own values.
  const redactor = new Redactor([ctx.line.update?.user, ctx.line.update?.password]);
  const mask = (text: string) => redactor.redact(text).text;
  let last: { evidence: Evidence; body: string; host: string } | null = null;
  for (const o of ctx.input.outputs) {
    if (o.status !== 'ok' && o.status !== 'error') continue;
    const w = normaliseCommand(o.command);
    if (w[0] !== 'curl' && w[0] !== 'wget') continue;
    const host = UPDATE_HOSTS.find((h) => o.command.toLowerCase().includes(h));
    if (!host) continue;
    const lines = cleanLines(o.output).filter((l) => l.text.trim() !== '');
    const body = lines.map((l) => l.text.trim()).join(' ').slice(0, 200);
    // The body is the single word OK (rtx-output-formats: `body=OK`); `curl -v` headers and progress lines may surround it.
    const ok = lines.some((l) => /^OK\b/.test(l.text.trim()));
    const shown = lines.slice(0, 5).map((l) => l.line);
    last = ok
      ? null
      : {
          evidence: { command: mask(o.command), lines: shown.map((l) => o.firstLine + l - 1), excerpt: lines.slice(0, 5).map((l) => mask(l.text)) },
          body: mask(body || (o.errorText ?? '')),
          host,
        };
  }
  if (!last) return [];
  const html = /<html|<!doctype/i.test(last.body);
  return [
    {
      evidence: [last.evidence],
      detail: html
        ? { ja: `${last.host} がHTMLを返しました。URLに /update（transixは /request）が抜けていないか確認してください。`, en: `${last.host} returned HTML: check that the URL has its /update path (/request for transix).` }
        : { ja: `${last.host} の応答が OK ではありません: 「${last.body || '（応答なし）'}」。`, en: `${last.host} did not answer OK: "${last.body || '(no answer)'}".` },
      checklist: [{ party: 'vne', item: { ja: '更新用のIDとパスワードが有効か確認してください。', en: 'Confirm that the update user ID and password are valid.' } }],
      data: { host: last.host },
    },
  ];
}
