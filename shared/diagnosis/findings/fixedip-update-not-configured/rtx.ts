/**
 * On an RTX: nothing tells the provider's update server the current prefix, so after
 * any prefix change the fixed-IP tunnel points at an address the router no longer has (§6 #2).
 */
import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import { RTX_COMMANDS } from '../../rtx/facts.js';
import type { FindingParts } from '../../parts.js';
import { configEvidence, rtxPlan } from '../../rtx/common.js';
import { fixedIpScript } from '../../rtx/fixed-ip-script.js';

/** What the RTX detector reads. */
export const rtx: Detector = { needs: [RTX_COMMANDS.config], detect: rtxFixedipUpdateNotConfigured };

export function rtxFixedipUpdateNotConfigured(ctx: DiagnosisContext): FindingParts[] {
  const script = fixedIpScript(ctx);
  const record = ctx.line.service;
  const cfg = ctx.rtx.config;
  // No IPv4 tunnel at all is IPV4_TUNNEL_MISSING, whose set-up includes the notification.
  if (!script || !record?.update || !cfg || ctx.rtx.tunnel === null) return [];
  if (script.otherLines.length > 0 || (script.file && script.schedule)) return [];
  const url = record.update.value.urlTemplate;
  const t = ctx.rtx.tunnel;
  const evidence = [configEvidence(ctx, [...(script.file?.lines ?? []), ...(t?.encapsulation?.lines ?? [])])];
  if (script.file && !script.schedule) {
    // The script is there but nothing starts it: one schedule line fixes that.
    const used = new Set(cfg.schedules.map((x) => x.id));
    let id = 1;
    while (used.has(id)) id++;
    const line = `schedule at ${id} startup * lua emfs:/${script.file.name}`;
    return [
      {
        evidence,
        detail: {
          ja: `更新通知スクリプト ${script.file.name} は設定にありますが、起動する schedule がありません。`,
          en: `The notification script ${script.file.name} is in the config, but no schedule starts it.`,
        },
        fix: rtxPlan([line], [`no schedule at ${id}`], { kind: 'output-contains', command: RTX_COMMANDS.config, text: line }, {
          ja: '起動時に通知スクリプトを動かす',
          en: 'Start the notification script at boot',
        }),
        data: { host: script.host, script: script.file.name },
      },
    ];
  }
  return [
    {
      evidence,
      detail: {
        ja: `${record.nameJa} では、プレフィックスが変わるたびに ${url.replace(/\?.*/, '')} へ通知が必要ですが、設定に通知の仕組みがありません。ヤマハの通知スクリプト（v6plus_address_notification.lua 等）を embedded file で登録し、schedule at N startup * lua emfs:/<ファイル名> で起動してください。`,
        en: `${record.name} needs every new prefix reported to ${url.replace(/\?.*/, '')}, but nothing in the config does it. Add Yamaha's notification script (v6plus_address_notification.lua or similar) as an embedded file and start it with schedule at N startup * lua emfs:/<name>.`,
      },
      checklist: [
        {
          party: 'isp',
          item: {
            ja: '固定IPの再設定（更新）用ユーザーIDとパスワード、更新サーバーのURLを確認させてください。',
            en: 'Please confirm the update (再設定) user ID, password and update server URL for the fixed IP.',
          },
        },
      ],
      data: { host: script.host },
    },
  ];
}
