import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** A home LAN made of two network namespaces: the user's PC and the router, joined by a veth pair. */
export interface TestLan {
  pc: string;
  router: string;
  /** The router's LAN address (the PC's IPv4 default gateway). */
  routerIpv4: string;
  /** The router's MAC: a Yamaha block (IEEE MA-L 00:A0:DE by default). */
  routerMac: string;
  /** The router's EUI-64 link-local address, zoned for the PC (its IPv6 default gateway, as an RA router's would be). */
  routerLinkLocal: string;
  /** `ip netns exec <pc>` / `<router>`, to put in front of a command. */
  inPc: string[];
  inRouter: string[];
  destroy(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** The modified-EUI-64 link-local address a MAC gives (RFC 4291 Appendix A), as Linux forms it. */
function eui64LinkLocal(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  const g = [(b[0]! ^ 0x02) << 8 | b[1]!, b[2]! << 8 | 0xff, 0xfe00 | b[3]!, b[4]! << 8 | b[5]!];
  return `fe80::${g.map((x) => x.toString(16)).join(':')}`;
}

/** Root and iproute2: what making namespaces takes. */
export function netnsAvailable(): boolean {
  try {
    const probe = `ipoe-probe-${randomBytes(3).toString('hex')}`;
    ip('netns', 'add', probe);
    ip('netns', 'delete', probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * pc (192.168.100.2/24, default routes via the router for IPv4 and, to its link-local address, for IPv6) and router
 * (192.168.100.1/24, MAC 00:a0:de:…). Duplicate address detection is off so the link-local addresses are usable at
 * once. `destroy` removes both namespaces (the veth pair goes with them).
 */
export function makeTestLan(routerMac = '00:a0:de:12:34:56'): TestLan {
  const tag = randomBytes(3).toString('hex');
  const pc = `ipoe-pc-${tag}`;
  const router = `ipoe-rt-${tag}`;
  const destroy = () => {
    for (const ns of [pc, router]) {
      try {
        ip('netns', 'delete', ns);
      } catch {
        /* already gone */
      }
    }
  };
  try {
    ip('netns', 'add', pc);
    ip('netns', 'add', router);
    // Made inside the PC's namespace, so no link ever appears in the root namespace.
    ip('-n', pc, 'link', 'add', 'lan0', 'type', 'veth', 'peer', 'name', 'lan1', 'netns', router);
    for (const [ns, dev] of [
      [pc, 'lan0'],
      [router, 'lan1'],
    ] as const) {
      execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-q', '-w', `net.ipv6.conf.${dev}.accept_dad=0`, 'net.ipv6.conf.all.accept_dad=0']);
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
    ip('-n', router, 'link', 'set', 'lan1', 'address', routerMac);
    ip('-n', router, 'addr', 'add', '192.168.100.1/24', 'dev', 'lan1');
    ip('-n', pc, 'addr', 'add', '192.168.100.2/24', 'dev', 'lan0');
    ip('-n', router, 'link', 'set', 'lan1', 'up');
    ip('-n', pc, 'link', 'set', 'lan0', 'up');
    ip('-n', pc, 'route', 'add', 'default', 'via', '192.168.100.1');
    const routerLinkLocal = eui64LinkLocal(routerMac);
    ip('-n', pc, '-6', 'route', 'add', 'default', 'via', routerLinkLocal, 'dev', 'lan0');
    return {
      pc,
      router,
      routerIpv4: '192.168.100.1',
      routerMac,
      routerLinkLocal: `${routerLinkLocal}%lan0`,
      inPc: ['ip', 'netns', 'exec', pc],
      inRouter: ['ip', 'netns', 'exec', router],
      destroy,
    };
  } catch (err) {
    destroy();
    throw err;
  }
}
