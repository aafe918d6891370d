/**
 * Host detection over a shell (local or SSH): distribution, kernel, root/sudo, tools, ip6tnl and nftables NAT
 * (each tried in a throwaway network namespace, so nothing on the host changes), the WAN, its prefix (RA or PD)
 * and DNS. The interpretation is in shared/linux/host-facts.ts.
 */
import { interpretDetection, type DetectKey, type DetectOutputs, type HostFacts, type InterpretOptions } from '../../shared/linux/host-facts.js';
import type { Target } from './target.js';
import { LINE_DNS_FUNCTIONS } from '../../shared/linux/datapath/line-dns.js';
import { shq } from '../../shared/linux/datapath/sh.js';

const TOOLS = ['nft', 'sysctl', 'curl', 'nc', 'socat', 'ping', 'systemctl', 'base64', 'resolvectl', 'modprobe'];

/** iproute2's `ip` by full path, never busybox's applet (see shared/linux/datapath/script-prelude.ts). */
const FIND_IPROUTE2 = 'for d in /usr/sbin /sbin /usr/bin /bin /usr/local/sbin; do if [ -x "$d/ip" ] && "$d/ip" -V 2>&1 | grep -q iproute2; then echo "iproute2 $d/ip"; break; fi; done';

/**
 * A namespace named for this shell's PID, deleted whatever happens. Exit 3 means no namespace could be made,
 * so the feature was not tested at all (host-facts tells that apart from "missing").
 */
function inThrowawayNamespace(ip: string, body: string): string {
  return [
    `ns=ipoe-probe-$$`,
    `${ip} netns add "$ns" 2>&1 || exit 3`,
    `( ${body} ) 2>&1; rc=$?`,
    `${ip} netns del "$ns"`,
    'exit $rc',
  ].join('\n');
}

export interface DetectOptions extends InterpretOptions {
  onProgress?: (what: string) => void;
}

export async function detectHost(target: Target, opts: DetectOptions = {}): Promise<{ facts: HostFacts; outputs: DetectOutputs }> {
  const outputs: DetectOutputs = {};
  const run = async (key: DetectKey, command: string, asRoot = false) => {
    opts.onProgress?.(key);
    const r = asRoot ? await target.runRoot(command, { timeoutMs: 30_000 }) : await target.run(command, { timeoutMs: 30_000 });
    outputs[key] = { output: r.output, exitCode: r.exitCode };
    return r;
  };
  await run('os', 'cat /etc/os-release');
  await run('kernel', 'uname -r');
  await run('uid', 'id -u');
  if (target.sudo) await run('sudo', 'sudo -n true');
  const tools = await run('tools', `for t in ${TOOLS.join(' ')}; do p=$(command -v "$t" 2>/dev/null) && echo "$t $p"; done; ${FIND_IPROUTE2}`);
  await run('systemd', '[ -d /run/systemd/system ] && echo yes || echo no');
  const ip = /^iproute2 (\S+)$/m.exec(tools.output)?.[1];
  const nft = /^nft (\S+)$/m.exec(tools.output)?.[1];
  if (ip) {
    await run('ip6tnl', inThrowawayNamespace(ip, `${ip} netns exec "$ns" ${ip} -6 tunnel add ipoe-t0 mode ip4ip6 remote ::1 local ::1`), true);
    if (nft) {
      const table = 'table ip ipoe_probe { chain c { type nat hook postrouting priority srcnat; policy accept; }; }';
      await run('nftNat', inThrowawayNamespace(ip, `echo '${table}' | ${ip} netns exec "$ns" ${nft} -f -`), true);
    }
    await run('addr6', `${ip} -j -6 addr show`);
    await run('route6', `${ip} -j -6 route show`);
    await run('tunnels', `${ip} -6 tunnel show`);
  }
  await run('dns', '{ resolvectl dns 2>/dev/null; grep -E "^nameserver" /etc/resolv.conf 2>/dev/null; } | cat');
  // The line's own DNS (RA RDNSS / DHCPv6 on the WAN) and the search domains: the same function the scripts use.
  const wan = opts.wan ? shq(opts.wan) : `"$(${ip ?? 'ip'} -6 route show default 2>/dev/null | sed -n 's/.* dev \\([^ ]*\\).*/\\1/p' | head -n 1)"`;
  await run('lineDns', `${LINE_DNS_FUNCTIONS.join('\n')}\nLINE_DNS_KNOWN=''; line_dns ${wan} | sed 's/^/dns /'; { sed -n 's/^search //p' /etc/resolv.conf; resolvectl domain 2>/dev/null | sed 's/^[^:]*://'; } 2>/dev/null | tr ' ' '\\n' | grep . | sed 's/^/domain /'; true`);
  await run('pdLeases', 'cat /var/lib/dhcp/dhclient6*.lease* /var/lib/dhclient/dhclient6*.lease* 2>/dev/null | grep -i iaprefix | tail -n 3; true');
  return { facts: interpretDetection(outputs, { ...opts, sudoWithPassword: target.sudoMode === 'password' }), outputs };
}
