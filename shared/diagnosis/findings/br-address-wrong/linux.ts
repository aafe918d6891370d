import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { LINUX_COMMANDS, plan, tunnelEvidence, tunnelsOf, vyosManaged, vyosSession } from '../../linux/common.js';
import { sameAddress } from '../../../linux/facts.js';
import { SERVICES } from '../../../services/index.js';
import { endpointAddresses } from '../../line/catalog.js';
import type { LineIdentity } from '../../line/identity.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.tunnel, LINUX_COMMANDS.addr6, LINUX_COMMANDS.vyos], detect: linuxBrAddressWrong };

/**
 * The tunnel remote is not the line's BR/AFTR. ip6tnl only accepts packets from its configured remote, so a
 * wrong remote (the v6plus DMR ::64 on BIGLOBE, field report 003) means every reply is dropped.
 */
export function linuxBrAddressWrong(ctx: DiagnosisContext): FindingParts[] {
  const line = ctx.line;
  const expected = line.br?.addresses[0];
  if (!expected) return [];
  const findings: FindingParts[] = [];
  for (const t of tunnelsOf(ctx)) {
    if (t.remote === null) continue;
    const remote = t.remote;
    if (remote !== 'any' && !remoteIsWrong(line, remote)) continue;
    const name = line.service?.name ?? 'the service';
    // The provider's own answer (HB46PP) is named as such: it is not the app's guess.
    const provider = line.br?.source === 'provisioning'
      ? { ja: `（事業者自身のプロビジョニングサーバー ${line.br.server ?? ''} が示す値、HB46PP）`, en: ` (the provider's own value, from its provisioning server ${line.br.server ?? ''}, HB46PP)` }
      : { ja: '', en: '' };
    const nameJa = line.service?.nameJa ?? 'このサービス';
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
    findings.push({
      evidence: tunnelEvidence(ctx, t, (e) => e.command.includes('tunnel') || e.command.includes('configuration') || e.command.startsWith('(set')),
      detail: {
        ja: `トンネル ${t.name} の宛先は ${remote} ですが、${nameJa}（${line.mape?.userPrefix ?? line.prefix?.value ?? 'このプレフィックス'}）のBRは ${expected} です${provider.ja}。${why.ja}`,
        en: `Tunnel ${t.name} points at ${remote}, but the BR for ${name} (${line.mape?.userPrefix ?? line.prefix?.value ?? 'this prefix'}) is ${expected}${provider.en}. ${why.en}`.trim(),
      },
      fix: plan(commands, inverse, { kind: 'tunnel-rx', tunnel: t.name }, {
        ja: `トンネル ${t.name} の宛先を ${expected} に変更します。`,
        en: `Point tunnel ${t.name} at ${expected}.`,
      }),
      data: { tunnel: t.name, configured: remote, expected, service: line.service?.id ?? null, source: line.br?.source ?? null },
    });
  }
  return findings;
}

/** The MAP-E BRs in the catalog: as a fixed-IP (IPIP) remote they are the classic copy-paste mistake. */
const MAPE_BRS = SERVICES.filter((s) => s.encapsulation.value === 'map-e').flatMap(endpointAddresses);

/** Is `remote` wrong for this line? (Fixed IP without a notice: only a MAP-E BR is surely wrong.) */
function remoteIsWrong(line: LineIdentity, remote: string): boolean {
  const br = line.br;
  if (!br || br.addresses.some((b) => sameAddress(b, remote))) return false;
  if (br.complete) return true;
  return line.encapsulation === 'ipip' && MAPE_BRS.some((b) => sameAddress(b, remote));
}
