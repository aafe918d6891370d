import { describe, expect, it } from 'vitest';
import { linuxService } from '../../../../shared/diagnosis/rules/linux/expected.js';
import type { DiagnosisContext } from '../../../../shared/diagnosis/context.js';
import type { Finding } from '../../../../shared/diagnosis/types.js';
import { linuxAftrNameUnresolved } from '../../../../shared/diagnosis/rules/linux/aftr-name-unresolved.js';
import { linuxBrAddressWrong } from '../../../../shared/diagnosis/rules/linux/br-address-wrong.js';
import { linuxBrRouteOnlink } from '../../../../shared/diagnosis/rules/linux/br-route-onlink.js';
import { linuxBrUnreachable } from '../../../../shared/diagnosis/rules/linux/br-unreachable.js';
import { linuxCeAddressNotAssigned } from '../../../../shared/diagnosis/rules/linux/ce-address-not-assigned.js';
import { linuxCeAddressWrong } from '../../../../shared/diagnosis/rules/linux/ce-address-wrong.js';
import { linuxDefaultRouteNotTunnel } from '../../../../shared/diagnosis/rules/linux/default-route-not-tunnel.js';
import { linuxDeviceUnsupportedService } from '../../../../shared/diagnosis/rules/linux/device-unsupported-service.js';
import { linuxEncaplimitPresent } from '../../../../shared/diagnosis/rules/linux/encaplimit-present.js';
import { linuxFixedipIidMismatch } from '../../../../shared/diagnosis/rules/linux/fixedip-iid-mismatch.js';
import { linuxFixedipNatOuterMismatch } from '../../../../shared/diagnosis/rules/linux/fixedip-nat-outer-mismatch.js';
import { linuxFixedipUpdateFailed } from '../../../../shared/diagnosis/rules/linux/fixedip-update-failed.js';
import { linuxIcmpNotTranslated } from '../../../../shared/diagnosis/rules/linux/icmp-not-translated.js';
import { linuxIpv6NoPrefix } from '../../../../shared/diagnosis/rules/linux/ipv6-no-prefix.js';
import { linuxMssClampMissing } from '../../../../shared/diagnosis/rules/linux/mss-clamp-missing.js';
import { linuxNatDescriptorMissing } from '../../../../shared/diagnosis/rules/linux/nat-descriptor-missing.js';
import { linuxPortsetOutside } from '../../../../shared/diagnosis/rules/linux/portset-outside.js';
import { linuxPortsetPartial } from '../../../../shared/diagnosis/rules/linux/portset-partial.js';
import { linuxServiceUnknownPrefix } from '../../../../shared/diagnosis/rules/linux/service-unknown-prefix.js';
import { linuxTunnelDisabled } from '../../../../shared/diagnosis/rules/linux/tunnel-disabled.js';
import { linuxTunnelMtuTooLarge } from '../../../../shared/diagnosis/rules/linux/tunnel-mtu-too-large.js';
import { linuxTunnelNoRx } from '../../../../shared/diagnosis/rules/linux/tunnel-no-rx.js';
import { ctxOf, fixture, HEALTHY, problems, run } from './helpers.js';

/** Working CEs, one per service: nothing may be called wrong (info is allowed, errors and warnings are not). */
describe('healthy Linux CE configurations', () => {
  it.each(HEALTHY)('%s produces no error or warning', (name) => {
    const r = run(fixture(name));
    expect(problems(r).map((f) => `${f.code}: ${f.explanation.en}`)).toEqual([]);
    expect(r.notes).toEqual([]);
  });

  it.each([
    ['healthy-v6plus-nft.txt', 'v6plus', '2404:9200:225:100::64', 240],
    ['healthy-biglobe-nft-map.txt', 'biglobe', '2001:260:700:1::1:276', 240],
    ['healthy-ocn-nft.txt', 'ocn-vc', '2001:380:a120::9', 1008],
  ] as const)('%s is identified as %s with BR %s and %i ports', (name, id, br, ports) => {
    const s = linuxService(ctxOf(fixture(name)));
    expect(s.serviceId).toBe(id);
    expect(s.br).toBe(br);
    expect(s.mape?.ports).toBe(ports);
    // The prefix comes from the WAN's own address, not from the tunnel being judged.
    expect(s.prefix?.origin).toBe('wan-address');
  });

  it('tells v6plus fixed IP from v6plus MAP-E on the same prefix by the tunnel remote', () => {
    const s = linuxService(ctxOf(fixture('healthy-v6plus-fixed-ipip.txt')));
    expect(s.serviceId).toBe('v6plus-fixed');
    expect(s.encapsulation).toBe('ipip');
    expect(s.mape).toBeNull();
  });

  it('recognises transix DS-Lite by its AFTR (no MAP-E rule covers the prefix)', () => {
    const s = linuxService(ctxOf(fixture('healthy-transix-dslite.txt')));
    expect(s.serviceId).toBe('transix-dslite');
    expect(s.encapsulation).toBe('ds-lite');
  });

  it('OCN: all 63 blocks are covered by the mark + per-block rules', () => {
    const ctx = ctxOf(fixture('healthy-ocn-nft.txt'));
    const snat = ctx.linux.ce!.snat;
    expect(snat.byProtocol.tcp.portCount).toBe(1008);
    expect(snat.byProtocol.icmp.portCount).toBe(1008);
    expect(snat.rules.every((r) => r.reachable === true)).toBe(true);
  });
});

describe('every Linux branch, called directly (also those the shared rules do not dispatch to yet)', () => {
  const branches: [string, (ctx: DiagnosisContext) => Finding[]][] = Object.entries({
    linuxAftrNameUnresolved,
    linuxBrAddressWrong,
    linuxBrRouteOnlink,
    linuxBrUnreachable,
    linuxCeAddressNotAssigned,
    linuxCeAddressWrong,
    linuxDefaultRouteNotTunnel,
    linuxDeviceUnsupportedService,
    linuxEncaplimitPresent,
    linuxFixedipIidMismatch,
    linuxFixedipNatOuterMismatch,
    linuxFixedipUpdateFailed,
    linuxIcmpNotTranslated,
    linuxIpv6NoPrefix,
    linuxMssClampMissing,
    linuxNatDescriptorMissing,
    linuxPortsetOutside,
    linuxPortsetPartial,
    linuxServiceUnknownPrefix,
    linuxTunnelDisabled,
    linuxTunnelMtuTooLarge,
    linuxTunnelNoRx,
  });

  it.each(HEALTHY)('%s: no branch reports an error or warning', (name) => {
    const notices = [undefined, name.includes('fixed') ? { serviceId: 'v6plus-fixed' as const, fixedIpv4: '203.0.113.10', interfaceId: '::cb:71:a00:0' } : undefined];
    for (const notice of notices) {
      const ctx = ctxOf(fixture(name), notice);
      const bad = branches.flatMap(([n, fn]) => fn(ctx).filter((f) => f.severity !== 'info').map((f) => `${n}: ${f.code}`));
      expect(bad).toEqual([]);
    }
  });
});
