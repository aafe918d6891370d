/** Detection outputs that between them raise every gap in every wording (shared/linux/host-facts.ts). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DetectOutputs, InterpretOptions } from '../../../../shared/linux/host-facts.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'datapath');
export const loadDetect = (): DetectOutputs => JSON.parse(readFileSync(join(dir, 'detect-no-ip6tnl.json'), 'utf8')) as DetectOutputs;
const route6Pd = () => readFileSync(join(dir, 'route6-pd.json'), 'utf8');

function variant(change: (o: DetectOutputs) => void, opts: InterpretOptions = {}): { outputs: DetectOutputs; opts: InterpretOptions } {
  const o = loadDetect();
  change(o);
  return { outputs: o, opts };
}

const bare = (o: DetectOutputs) => {
  o.tools = { output: 'sysctl /usr/sbin/sysctl\n', exitCode: 0 };
  o.route6 = { output: '[]', exitCode: 0 };
  o.addr6 = { output: '[]', exitCode: 0 };
  o.dns = { output: '', exitCode: 0 };
};

export const DETECT_CASES = {
  'build-host': variant(() => undefined),
  'every-gap': variant(
    (o) => {
      bare(o);
      o.tools = { output: 'sysctl /usr/sbin/sysctl\niproute2 /usr/sbin/ip\n', exitCode: 0 };
      o.uid = { output: '1000\n', exitCode: 0 };
      o.sudo = { output: 'sudo: a password is required\n', exitCode: 1 };
    },
    { needsUpdateClient: true },
  ),
  'no-iproute2-sudo-missing-fedora': variant((o) => {
    bare(o);
    o.os = { output: 'PRETTY_NAME="Fedora Linux 40"\nID=fedora\nVERSION_ID=40\n', exitCode: 0 };
    o.uid = { output: '1000\n', exitCode: 0 };
    o.sudo = { output: 'sh: 1: sudo: not found\n', exitCode: 127 };
  }),
  'alpine-no-ping-no-curl': variant((o) => {
    o.os = { output: 'PRETTY_NAME="Alpine Linux v3.20"\nID=alpine\nVERSION_ID=3.20.0\n', exitCode: 0 };
    o.tools = { output: 'nft /usr/sbin/nft\niproute2 /sbin/ip\n', exitCode: 0 };
    o.systemd = { output: 'yes\n', exitCode: 0 };
  }),
  'arch-no-ping': variant((o) => {
    o.os = { output: 'PRETTY_NAME="Arch Linux"\nID=arch\n', exitCode: 0 };
    o.tools = { output: 'nft /usr/sbin/nft\ncurl /usr/bin/curl\niproute2 /usr/bin/ip\n', exitCode: 0 };
  }),
  'untested-probes-nat-refused': variant((o) => {
    o.ip6tnl = { output: 'mount --make-shared /run/netns failed: Operation not permitted\n', exitCode: 3 };
    o.nftNat = { output: 'Error: Could not process rule: No such file or directory\n', exitCode: 1 };
    o.kernel = { output: '', exitCode: 1 };
  }),
  'ip6tnl-missing-unknown-kernel': variant((o) => {
    o.kernel = { output: '', exitCode: 1 };
    o.ip6tnl = { output: '', exitCode: 2 };
  }),
  'wan-eth0-no-route': variant(() => undefined, { wan: 'eth0' }),
  'pd-prefix-with-password': variant(
    (o) => {
      o.route6 = { output: route6Pd(), exitCode: 0 };
      o.uid = { output: '1000\n', exitCode: 0 };
      o.sudo = { output: '', exitCode: 0 };
    },
    { sudoWithPassword: true },
  ),
  'prefix-given-tunnel-without-dev': variant(
    (o) => {
      o.addr6 = { output: '[]', exitCode: 0 };
      o.tunnels = { output: 'mape: ip/ipv6 remote 2404:9200:225:100::64 local any ttl 64 encaplimit 4\nipoe0: ip/ipv6 remote 2001:260:700:1::1:275 local 2404:7a82:4d02:4100:85:d10d:200:4100 dev eth1 encaplimit none\n', exitCode: 0 };
    },
    { prefixGiven: true },
  ),
  'no-prefix-no-wan': variant((o) => {
    o.addr6 = { output: '[]', exitCode: 0 };
    o.route6 = { output: '[]', exitCode: 0 };
  }),
} as const;
