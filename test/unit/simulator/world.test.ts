import { describe, expect, it } from 'vitest';
import { parseRtxConfig } from '../../../shared/rtx/config/parse.js';
import { loadScenario } from '../../../main/simulator/host/scenario-files.js';
import { evaluateWorld } from '../../../main/simulator/twin/world.js';
import { openTwin, runAll, rxPackets, txPackets } from './twin-helpers.js';

function worldOf(id: string, edit: (config: string) => string = (c) => c, registered = true) {
  const s = loadScenario(id);
  return evaluateWorld(s.world, parseRtxConfig(edit(s.config)), { attempted: true, ok: registered }, s.device.mac);
}

describe('the provider world decides what the tunnel receives', () => {
  it('fixed-ip-br-typo: nothing comes back, and the reason is the BR', () => {
    const t = worldOf('fixed-ip-br-typo').tunnels[0]!;
    expect(t.up).toBe(true);
    expect(t.receives).toBe(false);
    expect(t.local).toBe('240b:11:b901:1800:1b:5936:1800:0');
    expect(t.reasons.map((r) => r.code)).toEqual(['wrong-br']);
  });

  it('field report 000 after the BR fix: RX moves, but the IPv4 filter for 192.168.100.0/24 still drops the ping replies', async () => {
    const { session } = await openTwin('fixed-ip-br-typo', { admin: true });
    const before = await session.run('show status ipip');
    const p0 = await session.run('ping 8.8.8.8');
    expect(p0.output).toContain('3 packets transmitted, 0 packets received, 100.0% packet loss');
    const mid = await session.run('show status ipip');
    expect(txPackets(mid.output)).toBe(txPackets(before.output) + 3);
    expect(rxPackets(mid.output)).toBe(0);

    await runAll(session, ['tunnel select 1', 'tunnel endpoint address 2404:9200:225:100::65', 'tunnel select none']);
    const p1 = await session.run('ping 8.8.8.8');
    // The replies reach the tunnel (RX moves) but `ip filter 200030 pass * 192.168.100.0/24 icmp` does not
    // cover the router's LAN 192.168.182.0/24, so `200039 reject *` drops them (twin decision, see world.ts).
    expect(p1.output).toContain('3 packets transmitted, 0 packets received, 100.0% packet loss');
    const after = await session.run('show status ipip');
    expect(rxPackets(after.output)).toBe(3);
    expect(after.output).toContain('Remote endpoint address: 2404:9200:225:100::65');

    await runAll(session, ['ip filter 200030 pass * 192.168.182.0/24 icmp * *']);
    const p2 = await session.run('ping 8.8.8.8');
    expect(p2.output).toContain('3 packets transmitted, 3 packets received, 0.0% packet loss');
    expect(rxPackets((await session.run('show status ipip')).output)).toBe(6);
    await session.close();
  });

  it('ocn-mape-proto4-filtered: nothing comes back until protocol 4 is passed on the WAN secure filter in', async () => {
    expect(worldOf('ocn-mape-proto4-filtered').tunnels[0]!.reasons.map((r) => r.code)).toEqual(['protocol-4-filtered']);
    const { session } = await openTwin('ocn-mape-proto4-filtered', { admin: true });
    await session.run('ping 8.8.8.8');
    expect(rxPackets((await session.run('show status tunnel 1')).output)).toBe(0);
    // Defining the filter is not enough: the WAN's list must name it before the reject.
    await runAll(session, ['ipv6 filter 200031 pass * * 4']);
    await session.run('ping 8.8.8.8');
    expect(rxPackets((await session.run('show status tunnel 1')).output)).toBe(0);
    await runAll(session, ['ipv6 lan2 secure filter in 200030 200031 200038 200039']);
    const p = await session.run('ping 8.8.8.8');
    expect(p.output).toContain('3 packets transmitted, 3 packets received');
    expect(rxPackets((await session.run('show status tunnel 1')).output)).toBe(3);
    await session.close();
  });

  it('a reject placed before the pass still wins (first match)', () => {
    const t = worldOf('v6plus-rtx830', (c) => c.replace('ipv6 lan2 secure filter in 200030 200031 200038 200039', 'ipv6 lan2 secure filter in 200030 200039 200031')).tunnels[0]!;
    expect(t.reasons.map((r) => r.code)).toEqual(['protocol-4-filtered']);
    expect(t.reasons[0]!.detail).toContain('ipv6 filter 200039');
  });

  it('healthy scenarios receive', () => {
    for (const id of ['v6plus-rtx830', 'transix-dslite', 'fixed-ip-healthy']) {
      const t = worldOf(id).tunnels[0]!;
      expect({ id, receives: t.receives, reasons: t.reasons }).toEqual({ id, receives: true, reasons: [] });
    }
  });

  it('ra-line-dhcp-prefix: the config waits for a PD lease the line never gives, so MAP-E has no prefix', () => {
    const w = worldOf('ra-line-dhcp-prefix');
    expect(w.pdPrefix).toBeNull();
    expect(w.tunnels[0]!.up).toBe(false);
    expect(w.tunnels[0]!.reasons[0]!.code).toBe('no-prefix');
    expect(w.prefixProblem).toContain('dhcp-prefix@lan2');
    const fixed = worldOf('ra-line-dhcp-prefix', (c) => c.replaceAll('dhcp-prefix@lan2', 'ra-prefix@lan2').replace('ipv6 lan2 dhcp service client', 'ipv6 lan2 dhcp service client ir=on'));
    expect(fixed.tunnels[0]!.receives).toBe(true);
  });

  it('biglobe-wrong-br: the v6plus DMR as endpoint gets nothing; the BIGLOBE BR (or the rule\'s own BR) does', () => {
    expect(worldOf('biglobe-wrong-br').tunnels[0]!.reasons.map((r) => r.code)).toEqual(['wrong-br']);
    const fixed = worldOf('biglobe-wrong-br', (c) => c.replace(' tunnel endpoint address 2404:9200:225:100::64\n', ''));
    expect(fixed.tunnels[0]!.remote).toBe('2001:260:700:1::1:275');
    expect(fixed.tunnels[0]!.receives).toBe(true);
  });

  it('fixed-ip-fix-fails: even the corrected BR gets no reply', async () => {
    const { session } = await openTwin('fixed-ip-fix-fails', { admin: true });
    await runAll(session, ['tunnel select 1', 'tunnel endpoint address 2404:9200:225:100::65']);
    const p = await session.run('ping 8.8.8.8');
    expect(p.output).toContain('0 packets received');
    expect(rxPackets((await session.run('show status ipip')).output)).toBe(0);
    await session.close();
  });

  it('fixed-ip-not-registered: the update server said NG, so nothing is routed back', () => {
    const s = loadScenario('fixed-ip-not-registered');
    const w = evaluateWorld(s.world, parseRtxConfig(s.config), { attempted: true, ok: false }, s.device.mac);
    expect(w.tunnels[0]!.reasons.map((r) => r.code)).toEqual(['not-registered']);
  });

  it('fixed IP: a CE built from the wrong interface ID or a NAT outer that is not the fixed IPv4 gets nothing', () => {
    const wrongIid = worldOf('fixed-ip-healthy', (c) => c.replace('dhcp-prefix@lan2::cb:71:a00:0/64', 'dhcp-prefix@lan2::1/64'));
    expect(wrongIid.tunnels[0]!.reasons.map((r) => r.code)).toEqual(['no-ce-address']);
    const wrongNat = worldOf('fixed-ip-healthy', (c) => c.replace('nat descriptor address outer 1 203.0.113.10', 'nat descriptor address outer 1 primary'));
    expect(wrongNat.tunnels[0]!.reasons.map((r) => r.code)).toEqual(['nat-outer-mismatch']);
  });

  it('background traffic moves TX with the clock, RX only when the world answers', async () => {
    let now = new Date('2026-11-22T00:00:00Z').getTime();
    const clock = () => new Date(now);
    const broken = await openTwin('fixed-ip-br-typo', { clock });
    const tx0 = txPackets((await broken.session.run('show status ipip')).output);
    now += 60_000; // six packets at one every 10 s
    const r = await broken.session.run('show status ipip');
    expect(txPackets(r.output)).toBe(tx0 + 6);
    expect(rxPackets(r.output)).toBe(0);
    await broken.session.close();
  });
});
