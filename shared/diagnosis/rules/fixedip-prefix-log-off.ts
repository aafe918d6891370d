/**
 * FIXEDIP_PREFIX_LOG_OFF: the notification script waits for the syslog line `Add IPv6 prefix … via LAN1 by`,
 * which the RTX only logs with `ipv6 lan1 prefix change log on`; without it the script never fires.
 */
import type { DiagnosisContext } from '../context.js';
import { makeFinding } from '../finding.js';
import type { Rule } from '../rule.js';
import { RTX_COMMANDS } from '../rtx-facts.js';
import type { Finding } from '../types.js';
import { configEvidence, configLine, lastLine, restoreOr, rtxPlan } from './common.js';
import { fixedIpScript } from './fixed-ip-script.js';

export const fixedipPrefixLogOff: Rule = {
  code: 'FIXEDIP_PREFIX_LOG_OFF',
  platforms: ['rtx'],
  needs: { rtx: [RTX_COMMANDS.config] },
  run: rtxFixedipPrefixLogOff,
};

export function rtxFixedipPrefixLogOff(ctx: DiagnosisContext): Finding[] {
  const script = fixedIpScript(ctx);
  const cfg = ctx.rtx.config;
  if (!script?.file || !cfg) return [];
  const lan = script.watchedInterface;
  const current = cfg.interfaces[lan]?.prefixChangeLog ?? null;
  if (current?.on) return [];
  const line = `ipv6 ${lan} prefix change log on`;
  const old = configLine(ctx, lastLine(current));
  return [
    makeFinding('FIXEDIP_PREFIX_LOG_OFF', {
      evidence: [configEvidence(ctx, [...script.file.lines, ...(current?.lines ?? [])])],
      detail: {
        ja: `通知スクリプト ${script.file.name} は ${lan.toUpperCase()} の「Add IPv6 prefix」ログを待っていますが、${line} がないためそのログが出ません。`,
        en: `The script ${script.file.name} waits for ${lan.toUpperCase()}'s "Add IPv6 prefix" log line, which is never written without ${line}.`,
      },
      fix: rtxPlan([line], [restoreOr(old, `no ipv6 ${lan} prefix change log`)], { kind: 'output-contains', command: RTX_COMMANDS.config, text: line }, {
        ja: 'プレフィックス変更のログを出す',
        en: 'Log prefix changes',
      }),
      data: { interface: lan, script: script.file.name },
    }),
  ];
}
