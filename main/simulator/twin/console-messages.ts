/**
 * RTX console messages in both console languages, from a public RT command simulator's message
 * table (see ../shared/reference/rtx-output-formats.md). Japanese consoles prefix errors with a
 * full-width colon: `エラー：`.
 */
export const consoleMessages = {
  invalidCommand: { en: 'Invalid command name', ja: 'コマンド名を確認してください' },
  adminOnly: { en: 'Administrator use only', ja: 'このコマンドは管理レベルでのみ使用できます' },
  incorrectPassword: { en: 'Incorrect password', ja: 'パスワードが間違っています' },
  outOfRange: { en: 'Parameter out of range', ja: 'パラメータが範囲を越えています' },
  saveConfirm: { en: 'Save new configuration ? (Y/N)', ja: '新しい設定を保存しますか? (Y/N)' },
  // The English texts below are in the same public table; their Japanese texts are not, so the Japanese
  // here is the twin's own wording (unconfirmed). Parsers must key on `エラー：`, never on these words.
  illegalKeyword: { en: 'Illegal keyword', ja: 'キーワードが不正です' },
  parameterCount: { en: 'Insufficient or too many parameters', ja: 'パラメータの数が不適当です' },
  unrecognizedAddress: { en: 'Unrecognized IP address parameter', ja: 'IPアドレスのパラメータが不正です' },
  // The table has `Execute pp select command beforehand`; the tunnel form follows it (unconfirmed).
  selectTunnelFirst: { en: 'Execute tunnel select command beforehand', ja: '先に tunnel select コマンドを実行してください' },
  // No public capture of these; the twin's own wording (unconfirmed). Readers key on `Error:` / `エラー：`.
  noSuchFile: { en: 'No such file', ja: 'ファイルが見つかりません' },
  cannotResolve: { en: 'Cannot resolve host name', ja: 'ホスト名を解決できません' },
} as const;

export type ConsoleMessage = keyof typeof consoleMessages;
export type ConsoleLanguage = 'en' | 'ja';

export function errorLine(lang: ConsoleLanguage, message: ConsoleMessage): string {
  return lang === 'ja' ? `エラー： ${consoleMessages[message].ja}` : `Error: ${consoleMessages[message].en}`;
}

/** Pager markers: the Japanese console shows つづく, the ASCII console ---more---. */
export const pagerMarker: Record<ConsoleLanguage, string> = { ja: '---つづく---', en: '---more---' };
