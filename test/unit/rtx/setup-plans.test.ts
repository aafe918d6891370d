/**
 * Every service × every model in the table: the set-up plan is built (or refused exactly where the table says the
 * model cannot), typed into the twin's console for that model and line, and the twin's world judges it: the tunnel
 * receives. Then the undo is typed and the running config is the factory one again, word for word.
 */
import { describe, expect, it } from 'vitest';
import { adminConsole } from '../simulator/console-driver.js';
import { parseScenarioFile, type ScenarioWorld } from '../../../main/simulator/twin/scenario.js';
import type { ContractNotice } from '../../../shared/diagnosis/input.js';
import { calculateMapE } from '../../../shared/mape/index.js';
import { parseRtxConfig } from '../../../shared/rtx/config/parse.js';
import { RTX_MODELS, type RtxModel } from '../../../shared/rtx/models.js';
import { buildSetupPlan } from '../../../shared/rtx/setup/plan.js';
import { fillSecrets, SECRET_SLOTS } from '../../../shared/rtx/setup/secrets.js';
import { SERVICES, type ServiceId } from '../../../shared/services/index.js';

const FIXED = { updateUser: 'matrix-user-1', updatePassword: 'matrix-pass-2' };

/** Each service's line as the twin models it, and the notice a fixed IP comes with. */
const LINES: Record<ServiceId, { world: Omit<ScenarioWorld, 'wan' | 'dhcp6' | 'prefixLifetime' | 'tunnel' | 'lanClients' | 'trickle' | 'ipv6Unreachable' | 'dnsAnswers'>; notice?: ContractNotice }> = {
  v6plus: { world: { kind: 'map-e', provider: 'v6plus', delivery: 'pd', prefix: '240b:10:6b41:3200::/56', raGateway: 'fe80::1', br: '2404:9200:225:100::64', mapeType: 'v6plus' } },
  biglobe: { world: { kind: 'map-e', provider: 'biglobe', delivery: 'ra', prefix: '2404:7a82:4d02:4100::/64', raGateway: 'fe80::1', br: '2001:260:700:1::1:275', mapeType: 'v6plus' } },
  'ocn-vc': { world: { kind: 'map-e', provider: 'ocn', delivery: 'pd', prefix: '2400:4051:2b3c:7d00::/56', raGateway: 'fe80::1', br: '2001:380:a120::9', mapeType: 'ocn' } },
  'transix-dslite': { world: { kind: 'ds-lite', provider: 'transix', delivery: 'ra', prefix: '2409:11:c2e0:3b00::/64', raGateway: 'fe80::1', br: '2404:8e00::feed:100', aftrName: 'gw.transix.jp' } },
  xpass: { world: { kind: 'ds-lite', provider: 'xpass', delivery: 'pd', prefix: '2001:f72:6d10:3a00::/56', raGateway: 'fe80::1', br: '2001:f60:0:200::1:1', aftrName: 'dgw.xpass.jp' } },
  v6connect: { world: { kind: 'ds-lite', provider: 'v6connect', delivery: 'ra', prefix: '2405:6585:8d20:1c00::/64', raGateway: 'fe80::1', br: '2001:db8:6c0::100', aftrName: 'dslite.v6connect.net' } },
  'v6plus-fixed': {
    world: {
      kind: 'ipip-fixed', provider: 'v6plus-fixed', delivery: 'pd', prefix: '240b:12:8c40:6e00::/56', raGateway: 'fe80::1', br: '2404:9200:225:100::65',
      fixedIp: { ipv4: '203.0.113.77', interfaceId: '::cb:71:4d00:0', updateUrl: 'http://fcs.enabler.ne.jp/update', ...FIXED, userParam: 'user', passwordParam: 'pass', providerSideBroken: false },
    },
    notice: { serviceId: 'v6plus-fixed', fixedIpv4: '203.0.113.77', interfaceId: '::cb:71:4d00:0', ...FIXED },
  },
  'transix-fixed': {
    world: {
      kind: 'ipip-fixed', provider: 'transix-fixed', delivery: 'pd', prefix: '2409:12:4c80:2e00::/56', raGateway: 'fe80::1', br: '2404:8e00::feed:140',
      fixedIp: { ipv4: '198.51.100.23', interfaceId: '::feed', updateUrl: 'http://update.transix.jp/request', ...FIXED, userParam: 'username', passwordParam: 'password', providerSideBroken: false },
    },
    notice: { serviceId: 'transix-fixed', fixedIpv4: '198.51.100.23', interfaceId: '::feed', br: '2404:8e00::feed:140', ...FIXED },
  },
};

/** Factory defaults (LAN 192.168.100.1/24, DHCP) plus the IPv6 side a user sets up first, on the model's ports. */
function factoryConfig(m: RtxModel, delivery: 'pd' | 'ra'): string {
  const { lan, wan } = m.ports.value;
  const kind = delivery === 'pd' ? 'dhcp-prefix' : 'ra-prefix';
  return [
    `ip ${lan} address 192.168.100.1/24`,
    `ngn type ${wan} ntt`,
    `ipv6 prefix 1 ${kind}@${wan}::/64`,
    `ipv6 ${lan} address ${kind}@${wan}::1/64`,
    `ipv6 ${lan} rtadv send 1 o_flag=on`,
    `ipv6 ${lan} dhcp service server`,
    `ipv6 ${wan} dhcp service client${delivery === 'ra' ? ' ir=on' : ''}`,
    `ipv6 ${wan} secure filter in 101000 101001 101002`,
    'ipv6 filter 101000 pass * * icmp6 * *',
    'ipv6 filter 101001 pass * * tcp * ident',
    'ipv6 filter 101002 pass * * udp * 546',
    'dhcp service server',
    'dhcp scope 1 192.168.100.2-192.168.100.191/24',
    'dns server dhcp lan2',
  ].join('\n') + '\n';
}

function console_(model: RtxModel, service: ServiceId, config: string): ReturnType<typeof adminConsole> {
  const line = LINES[service];
  const scenario = parseScenarioFile(
    {
      id: 'matrix',
      summary: { ja: 'x', en: 'x' },
      service,
      device: {
        model: model.model, firmware: '99.00.00', firmwareDate: 'Mon Jan  1 00:00:00 2024', bootRom: `${model.model} BootROM Ver.1.00`, hardwareVersion: '00',
        serial: 'S0', mac: ['00:a0:de:00:00:01', '00:a0:de:00:00:02'], memory: model.memory?.value ?? '256Mbytes, 2LAN', bootTime: '2026/12/01 09:00:00 +09:00', uptimeSeconds: 60,
      },
      console: { character: 'ascii', loginPassword: '', adminPassword: '' },
      world: { ...line.world, wan: model.ports.value.wan },
    },
    config,
  );
  return adminConsole(scenario, new Date('2026-12-01T00:10:00Z'));
}

const cases = RTX_MODELS.flatMap((m) => SERVICES.map((s) => [m.model, s.id, m, s] as const));

describe('set-up plans: every service on every model in the table', () => {
  it.each(cases)('%s × %s', (_model, _service, model, service) => {
    const line = LINES[service.id];
    const config = factoryConfig(model, line.world.delivery);
    const cfg = parseRtxConfig(config);
    const lines = config.split('\n');
    const mapE = line.world.kind === 'map-e' ? calculateMapE(line.world.prefix) : null;
    const result = buildSetupPlan({
      service,
      model: model.model,
      config: cfg,
      lineText: (n) => lines[n - 1] ?? '',
      wan: model.ports.value.wan,
      prefix: mapE?.userPrefix ?? line.world.prefix,
      mape: mapE,
      notice: line.notice ?? null,
      aftrAddress: line.world.kind === 'ds-lite' ? line.world.br : null,
    });
    const cannot = service.encapsulation.value === 'map-e' && model.features['map-e']?.support === 'no';
    if (cannot) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.refusal).toMatchObject({ code: 'feature-unsupported', feature: 'map-e' });
      return;
    }
    expect(result.ok, result.ok ? '' : result.refusal.detail.en).toBe(true);
    if (!result.ok) return;
    const plan = result.plan;
    // DS-Lite by name where the table says the model can; by the resolved address elsewhere.
    if (service.encapsulation.value === 'ds-lite') {
      const byName = model.features['endpoint-name']?.support === 'yes';
      expect(plan.commands).toContain(byName ? ` tunnel endpoint name ${line.world.aftrName} fqdn` : ` tunnel endpoint address ${line.world.br}`);
    }
    expect(plan.commands.join('\n')).not.toMatch(/matrix-user-1|matrix-pass-2/);
    if (service.update) expect(plan.secrets).toEqual(['updateUser', 'updatePassword']);

    const { rtx, type } = console_(model, service.id, config);
    for (const c of plan.commands) expect(type(fillSecrets(c, FIXED)), c).not.toMatch(/Error:/);
    const tunnel = rtx.network.state().tunnels.find((t) => t.id === plan.tunnel);
    expect(tunnel?.reasons ?? 'no tunnel').toEqual([]);
    expect(tunnel?.receives).toBe(true);
    expect(rtx.runningConfigText()).not.toContain(SECRET_SLOTS.updatePassword);

    for (const c of plan.inverse) expect(type(c), c).not.toMatch(/Error:/);
    expect(rtx.runningConfigText()).toBe(config);
  });
});
