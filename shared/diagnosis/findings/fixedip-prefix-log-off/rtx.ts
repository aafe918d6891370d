/**
 * On an RTX: the notification script waits for the syslog line `Add IPv6 prefix … via LAN1 by`,
 * which the RTX only logs with `ipv6 lan1 prefix change log on`; without it the script never fires.
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { FindingParts } from '../../parts.js';
import { configEvidence, configLine, lastLine, restoreOr, rtxPlan } from '../../rtx/common.js';
import { fixedIpScript } from '../../rtx/fixed-ip-script.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config], detect: rtxFixedipPrefixLogOff };

export function rtxFixedipPrefixLogOff(ctx: DiagnosisContext): FindingParts[] {
  const script = fixedIpScript(ctx);
  const cfg = ctx.rtx.config;
  if (!script?.file || !cfg) return [];
  const lan = script.watchedInterface;
  const current = cfg.interfaces[lan]?.prefixChangeLog ?? null;
  if (current?.on) return [];
  const line = `ipv6 ${lan} prefix change log on`;
  const old = configLine(ctx, lastLine(current));
  return [
    {
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
    },
  ];
}
