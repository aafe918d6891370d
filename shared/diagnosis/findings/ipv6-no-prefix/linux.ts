import type { Detector } from '../../definition.js';
import type { DiagnosisContext } from '../../context.js';
import type { FindingParts } from '../../parts.js';
import { ev, isKernelEvidence, LINUX_COMMANDS, plan, tunnelsOf, vyosInterfacePath, vyosManaged, vyosSession } from '../../linux/common.js';
import { isGlobalUnicast } from '../../address.js';
import { sameAddress } from '../../../linux/facts.js';

/** What the Linux/VyOS detector reads. */
export const linux: Detector = { needs: [LINUX_COMMANDS.addr6, LINUX_COMMANDS.route6], detect: linuxIpv6NoPrefix };

/**
 * No interface holds a global IPv6 address from the line (only link-local, or only the hand-added CE /128).
 * Judged from a full address listing. On a Linux router the usual cause is forwarding=1, which makes the kernel
 * ignore Router Advertisements unless accept_ra is 2.
 */
export function linuxIpv6NoPrefix(ctx: DiagnosisContext): FindingParts[] {
  const ce = ctx.linux.ce;
  if (!ce || !ctx.linux.coverage.addresses) return [];
  const tunnels = tunnelsOf(ctx);
  const tunnelNames = new Set(tunnels.map((t) => t.name));
  const locals = tunnels.flatMap((t) => (t.local && t.local !== 'any' ? [t.local] : []));
  const kernel = ce.addresses.filter((a) => !a.configured && isKernelEvidence(ctx, a.evidence));
  const fromLine = kernel.filter(
    // A /128 equal to the tunnel's local is the hand-added CE address, not something the line gave (a DS-Lite
    // B4 uses its SLAAC /64 address as local: that one does come from the line).
    (a) => a.family === 'inet6' && !tunnelNames.has(a.ifname) && isGlobalUnicast(a.address) && !(a.prefixLength === 128 && locals.some((l) => sameAddress(l, a.address))),
  );
  if (fromLine.length > 0) return [];
  const default6 = ce.routes.ipv6.find((r) => r.destination === 'default' && r.type === 'unicast');
  const wan = tunnels.find((t) => t.dev)?.dev ?? default6?.dev ?? null;
  const v6 = kernel.filter((a) => a.family === 'inet6');
  const evidence = ev(ctx, v6.length > 0 ? v6.map((a) => a.evidence) : ce.addresses.slice(0, 3).map((a) => a.evidence));
  const accept = wan ? ctx.linux.parsed.flatMap((p) => (p.kind === 'sysctl' ? p.result.entries : [])).find((e) => e.key === `net.ipv6.conf.${wan}.accept_ra`) : undefined;
  const vyosPath = wan ? vyosInterfacePath(wan) : null;
  const vyos = tunnels.some(vyosManaged) && vyosPath !== null;
  const fix =
    wan && accept?.value !== '2'
      ? plan(
          vyos ? vyosSession([`set interfaces ${vyosPath} ipv6 address autoconf`]) : [`sysctl -w net.ipv6.conf.${wan}.accept_ra=2`],
          vyos ? vyosSession([`delete interfaces ${vyosPath} ipv6 address autoconf`]) : [`sysctl -w net.ipv6.conf.${wan}.accept_ra=${accept?.value ?? '1'}`],
          { kind: 'output-contains', command: `ip -6 addr show dev ${wan} scope global`, text: 'inet6' },
          {
            ja: `${wan} でRAを受け入れます（転送が有効なLinuxは accept_ra=2 でないとRAを無視します）。回線がDHCPv6-PDだけの場合はDHCPv6クライアントも必要です。`,
            en: `Accept Router Advertisements on ${wan} (with forwarding on, Linux ignores RAs unless accept_ra=2). A PD-only line also needs a DHCPv6 client.`,
          },
        )
      : null;
  return [
    {
      evidence,
      detail: {
        ja: `どのインターフェースにもグローバルIPv6アドレスがありません${default6 ? '' : '（IPv6のデフォルト経路もありません）'}。`,
        en: `No interface has a global IPv6 address${default6 ? '' : ' (and there is no IPv6 default route)'}.`,
      },
      ...(fix ? { fix } : {}),
      data: { wan },
    },
  ];
}
