/**
 * What the twin's world needs to judge a new set-up: the line's DNS (AFTR names, and only with a DNS server to ask),
 * the fixed-IP update script run at once (`lua emfs:/…`) and the update server's verdict, and a MAP-E NAT that
 * strays out of the port set.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../main/simulator/host/scenario-files.js';
import { adminConsole } from './console-driver.js';
import type { Scenario } from '../../../main/simulator/twin/scenario.js';
import { updateScriptBody, UPDATE_SCRIPT_NAME } from '../../../shared/rtx/setup/update-script.js';
import { serviceById } from '../../../shared/services/index.js';

const admin = (s: Scenario) => adminConsole(s, new Date('2026-12-01T00:31:00Z'));

const logOf = (type: (t: string) => string) => type('show log');

describe('the line\u2019s DNS on the twin', () => {
  it('resolves the line\u2019s own AFTR name, says so before pinging, and refuses another VNE\u2019s name', () => {
    const { type } = admin(loadScenario('factory-transix-nvr510'));
    const ok = type('ping6 -c 1 gw.transix.jp');
    expect(ok).toContain('PING6 gw.transix.jp (2404:8e00::feed:100)');
    expect(ok).toContain('1 packets transmitted, 1 packets received');
    expect(type('ping6 -c 1 dgw.xpass.jp')).toContain('Error: Cannot resolve host name');
  });

  it('without a DNS server to ask, nothing resolves, and a tunnel aimed at the name stays without a remote', () => {
    const s = loadScenario('factory-transix-nvr510');
    const { rtx, type } = admin({ ...s, config: s.config.replace('dns server dhcp lan2\n', '') });
    expect(type('ping6 -c 1 gw.transix.jp')).toContain('Error: Cannot resolve host name');
    for (const c of ['tunnel select 1', 'tunnel encapsulation ipip', 'tunnel endpoint name gw.transix.jp fqdn', 'tunnel enable 1']) type(c);
    const t = rtx.network.state().tunnels[0]!;
    expect(t.remote).toBeNull();
    expect(t.reasons.map((r) => r.detail).join(' ')).toMatch(/does not resolve: the router has none of the line's DNS servers/);
  });
});

describe('the fixed-IP update script started at once', () => {
  const service = serviceById('v6plus-fixed');
  const script = (user: string, password: string) => [
    `embedded file ${UPDATE_SCRIPT_NAME} <<EOF`,
    ...updateScriptBody({ service, lan: 'lan1' }).map((l) => l.replace('<update-user>', user).replace('<update-password>', password)),
    'EOF',
  ];

  it('with the contract\u2019s user and password: the server says OK, and from then on the provider routes the fixed IP here', () => {
    const s = loadScenario('factory-v6plus-fixed-rtx1300');
    const { rtx, type } = admin(s);
    for (const l of script(s.world.fixedIp!.updateUser, s.world.fixedIp!.updatePassword)) type(l);
    expect(rtx.network.registration.ok).toBe(false);
    expect(type(`lua emfs:/${UPDATE_SCRIPT_NAME}`)).not.toMatch(/Error/);
    expect(rtx.network.registration).toEqual({ attempted: true, ok: true });
    const log = logOf(type);
    expect(log).toContain('[v6plus] Notified IPv6 address to the update server.');
    expect(log).toContain('[v6plus] OK to update IPv6 address. (code=200, body=OK)');
    expect(type('terminate lua file emfs:/' + UPDATE_SCRIPT_NAME)).not.toMatch(/Error/);
  });

  it('with a wrong password: NG is logged and nothing is registered', () => {
    const s = loadScenario('factory-v6plus-fixed-rtx1300');
    const { rtx, type } = admin(s);
    for (const l of script(s.world.fixedIp!.updateUser, 'not-the-password')) type(l);
    type(`lua emfs:/${UPDATE_SCRIPT_NAME}`);
    expect(rtx.network.registration.ok).toBe(false);
    expect(logOf(type)).toContain('[v6plus] NG to update IPv6 address. (code=401');
  });

  it('a script that is not in the config cannot be started; Yamaha\u2019s own script waits for a prefix change and does nothing yet', () => {
    const { rtx, type } = admin(loadScenario('fixed-ip-healthy'));
    expect(type('lua emfs:/nothing.lua')).toContain('Error: No such file');
    const before = logOf(type);
    type('lua emfs:/v6plus_address_notification.lua');
    expect(logOf(type)).toBe(before);
    expect(rtx.network.registration.ok).toBe(true);
  });
});

describe('MAP-E NAT outside the port set', () => {
  it('a masquerade port range outside the CE\u2019s port set is dropped by the BR: no RX', () => {
    const s = loadScenario('v6plus-rtx830');
    const { rtx, type } = admin(s);
    const nat = rtx.network.state().tunnels[0]!.natDescriptor!;
    expect(rtx.network.state().tunnels[0]!.receives).toBe(true);
    type(`nat descriptor masquerade port range ${nat} 60000-64095`);
    const t = rtx.network.state().tunnels[0]!;
    expect(t.receives).toBe(false);
    expect(t.reasons.map((r) => r.code)).toEqual(['ports-outside']);
  });
});
