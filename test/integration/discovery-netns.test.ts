import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryView } from '../../shared/ipc/views.js';
import { missing } from '../support/real-parts.js';
import { makeTestLan, netnsAvailable, type TestLan } from '../support/netns-lan.js';
import { startTwinRouter, type TwinRouterProcess } from '../support/telnet.js';
import { runCli } from '../support/cli.js';

/** v6plus-rtx830: an RTX830 still at its factory login (the password is empty), as a home user's often is. */
const noPassword = { IPOE_DOCTOR_PASSWORD: '', IPOE_DOCTOR_ADMIN_PASSWORD: '' };

describe.skipIf(missing('network namespaces', netnsAvailable()))('finding the router on a LAN the test made (network namespaces, a veth pair)', () => {
  let lan: TestLan;
  let router: TwinRouterProcess;
  beforeAll(async () => {
    lan = makeTestLan();
    // The twin on the router's side of the LAN: Telnet on 23 and SSH on 22, on every address it has.
    router = await startTwinRouter('v6plus-rtx830', ['--telnet-port', '23', '--ssh-port', '22', '--listen', '::'], {}, lan.inRouter);
  });
  afterAll(async () => {
    await router?.stop();
    lan?.destroy();
  });

  it('discover --json lists the default gateways (IPv4 and the IPv6 link-local one) with their ports and the Yamaha MAC, and the typed address; nothing else', async () => {
    const r = await runCli(['discover', '--json', '--no-serial', '--address', '192.168.100.77'], { prefix: lan.inPc });
    expect(r.code, r.stderr).toBe(0);
    const found = JSON.parse(r.stdout) as DiscoveryView;
    expect(found.serialPorts).toEqual([]);
    expect(found.hosts.map((h) => h.address)).toEqual(['192.168.100.1', lan.routerLinkLocal, '192.168.100.77']);
    const [v4, v6, typed] = found.hosts;
    expect(v4).toMatchObject({
      family: 4, source: 'gateway', interface: 'lan0', mac: lan.routerMac, macSource: 'neighbour', vendor: 'Yamaha Corporation', yamaha: true,
      ports: { telnet: true, ssh: true, http: false }, suggested: 'ssh',
    });
    expect(v4!.sshBanner).toMatch(/^SSH-2\.0-/);
    expect(v6).toMatchObject({ family: 6, source: 'gateway', interface: 'lan0', mac: lan.routerMac, yamaha: true, ports: { telnet: true, ssh: true, http: false } });
    expect(typed).toMatchObject({ source: 'typed', mac: null, vendor: null, yamaha: false, ports: { telnet: false, ssh: false, http: false }, suggested: null });
  });

  it('the text form says how to connect; with nothing answering the exit code says so', async () => {
    const r = await runCli(['discover', '--no-serial'], { prefix: lan.inPc });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('192.168.100.1  (default gateway via lan0)  MAC 00:a0:de:12:34:56 (Yamaha Corporation)');
    expect(r.stdout).toContain('telnet 23 answers, ssh 22 answers, http 80 closed');
    expect(r.stdout).toContain('connect: ipoe-doctor probe --ssh USER@192.168.100.1');
    const none = await runCli(['discover', '--no-serial'], { prefix: lan.inRouter });
    // The router's own namespace has no default route: no candidate, exit 1.
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('none: no default gateway');
  });

  it('probe --telnet reaches the discovered router at its IPv4 address and at its link-local IPv6 address', async () => {
    for (const target of ['192.168.100.1', `[${lan.routerLinkLocal}]`]) {
      const r = await runCli(['probe', '--telnet', target, '--json'], { prefix: lan.inPc, env: noPassword });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ connection: `telnet://${target.startsWith('[') ? target : target}:23`, device: { model: 'RTX830', firmware: '15.02.31' } });
    }
  });
});
