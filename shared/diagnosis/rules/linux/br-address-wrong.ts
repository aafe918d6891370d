import { makeFinding } from '../../finding.js';
import type { DiagnosisContext } from '../../context.js';
import type { Finding } from '../../types.js';
import { LINUX_COMMANDS, plan, tunnelEvidence, tunnelsOf, vyosManaged, vyosSession } from './common.js';
import { linuxService, remoteIsWrong } from './expected.js';

export const linuxBrAddressWrongNeeds = [LINUX_COMMANDS.tunnel, LINUX_COMMANDS.addr6, LINUX_COMMANDS.vyos] as const;

/**
 * The tunnel remote is not the line's BR/AFTR. ip6tnl only accepts packets from its configured remote, so a
 * wrong remote (the v6plus DMR ::64 on BIGLOBE, field report 003) means every reply is dropped.
 */
export function linuxBrAddressWrong(ctx: DiagnosisContext): Finding[] {
  const s = linuxService(ctx);
  if (!s.br) return [];
  const findings: Finding[] = [];
  for (const t of tunnelsOf(ctx)) {
    if (t.remote === null) continue;
    const remote = t.remote;
    if (remote !== 'any' && !remoteIsWrong(s, remote)) continue;
    const expected = s.br;
    const name = s.service?.name ?? 'the service';
    const nameJa = s.service?.nameJa ?? 'このサービス';
    const why =
      remote === 'any'
        ? { ja: 'remote any のトンネルは送信先を決められません。', en: 'A tunnel with remote any has no destination to send to.' }
        : { ja: '', en: '' };
    const vyos = vyosManaged(t);
    const commands = vyos
      ? vyosSession([`set interfaces tunnel ${t.name} remote '${expected}'`])
      : [`ip -6 tunnel change ${t.name} remote ${expected}`];
    const inverse = vyos
      ? vyosSession([`set interfaces tunnel ${t.name} remote '${remote}'`])
      : [`ip -6 tunnel change ${t.name} remote ${remote === 'any' ? 'any' : remote}`];
    findings.push(
      makeFinding('BR_ADDRESS_WRONG', {
        evidence: tunnelEvidence(ctx, t, (e) => e.command.includes('tunnel') || e.command.includes('configuration') || e.command.startsWith('(set')),
        detail: {
          ja: `トンネル ${t.name} の宛先は ${remote} ですが、${nameJa}（${s.mape?.userPrefix ?? s.prefix?.address ?? 'このプレフィックス'}）のBRは ${expected} です。${why.ja}`,
          en: `Tunnel ${t.name} points at ${remote}, but the BR for ${name} (${s.mape?.userPrefix ?? s.prefix?.address ?? 'this prefix'}) is ${expected}. ${why.en}`.trim(),
        },
        fix: plan(commands, inverse, { kind: 'tunnel-rx', tunnel: t.name }, {
          ja: `トンネル ${t.name} の宛先を ${expected} に変更します。`,
          en: `Point tunnel ${t.name} at ${expected}.`,
        }),
        data: { tunnel: t.name, configured: remote, expected, service: s.serviceId },
      }),
    );
  }
  return findings;
}
