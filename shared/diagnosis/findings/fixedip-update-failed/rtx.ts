/**
 * On an RTX: the last notification to the update server failed (`NG to update …`,
 * `Failed to notify …`) and no `OK to update` came after it. Keyed on OK/NG and `code=`, never on the
 * server's body (rtx-output-formats.md: the failure body is not publicly known).
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { FindingParts } from '../../parts.js';
import { logEvidence } from '../../rtx/common.js';

/** The script's result lines (`Notified IPv6 address …`, `OK|NG to update IPv6 address …`, `Failed to notify IPv6 address …`). */
const RESULT_LINES = 'IPv6 address';

/**
 * What the RTX detector reads: the script's result lines, newest first, back to the last `OK to update` (what came
 * before it no longer matters); only on a fixed-IP line, whose notice names an update server.
 */
export const rtx: Detector = {
  needs: [
    {
      command: RTX_COMMANDS.log,
      lines: [RESULT_LINES],
      newestFirst: true,
      enough: (lines) => lines.some((l) => /\bOK to update\b/.test(l)),
      when: (ctx) => ctx.rtx.config === undefined || Boolean(ctx.line.service?.update),
    },
  ],
  detect: rtxFixedipUpdateFailed,
};

export function rtxFixedipUpdateFailed(ctx: DiagnosisContext): FindingParts[] {
  const events = (ctx.rtx.log?.events ?? []).filter((e) => e.kind === 'update-notification');
  const lastOk = events.findLastIndex((e) => e.kind === 'update-notification' && e.outcome === 'ok');
  const failures = events.slice(lastOk + 1).filter((e) => e.kind === 'update-notification' && (e.outcome === 'ng' || e.outcome === 'failed' || e.outcome === 'retrying'));
  if (failures.length === 0) return [];
  const last = failures[failures.length - 1];
  const code = last?.kind === 'update-notification' ? last.code : null;
  const ng = failures.some((e) => e.kind === 'update-notification' && e.outcome === 'ng');
  const host = ctx.line.service?.update?.value.urlTemplate.replace(/\?.*/, '') ?? 'the update server';
  const user = ctx.line.service?.name ?? 'fixed IP';
  return [
    {
      evidence: logEvidence(ctx, failures),
      detail: ng
        ? {
            ja: `更新サーバーが OK 以外を返しました${code !== null ? `（code=${code}）` : ''}。ID・パスワード・URL（/update の付け忘れ）を確認してください。`,
            en: `The update server answered something other than OK${code !== null ? ` (code=${code})` : ''}. Check the user ID, password and URL (a missing /update path returns HTML).`,
          }
        : {
            ja: `更新サーバーに接続できませんでした（${failures.length} 回）。IPv6で ${host} に届いていません。`,
            en: `The update server could not be reached (${failures.length} time(s)): ${host} is not reachable over IPv6.`,
          },
      checklist: [
        {
          party: 'vne',
          item: {
            ja: `この利用者の ${user} の登録は有効ですか。更新サーバーはこの要求に何と応答していますか${code !== null ? `（ルーターの記録: code=${code}）` : ''}。`,
            en: `Is this user's ${user} registration active, and what does the update server answer to this request${code !== null ? ` (the router logged code=${code})` : ''}?`,
          },
        },
        {
          party: 'isp',
          item: { ja: '再設定用のユーザーIDとパスワードが正しいか確認してください。', en: 'Please confirm the update user ID and password are right.' },
        },
      ],
      data: { code, attempts: failures.length },
    },
  ];
}
