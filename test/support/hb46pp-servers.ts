/**
 * The provider's side of HB46PP for tests, from real parts: a lab CA and server certificate (openssl), a DNS server
 * answering the 4over6.info TXT and AFTR names (dnsmasq), and the provisioning server (socat OPENSSL-LISTEN running
 * the lab's own handler, test/lab/vm/hb46pp-handler.sh, whose mode file picks the answer). Each can run in a
 * network namespace (the shell I/O needs port 53) or on loopback with a free port (Node's resolver takes one).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lab/lab.js';

export const HANDLER = join(repoRoot, 'test', 'lab', 'vm', 'hb46pp-handler.sh');

export interface LabCa {
  caPem: string;
  caPath: string;
  certPath: string;
  keyPath: string;
}

/** A CA and a server certificate for `names` and `ips` (subjectAltName), made by openssl in `dir`. */
export function makeCa(dir: string, names: readonly string[], ips: readonly string[]): LabCa {
  mkdirSync(dir, { recursive: true });
  const o = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  o(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=IPoE Doctor test CA']);
  o(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${names[0] ?? ips[0]}`]);
  writeFileSync(join(dir, 'san.ext'), `subjectAltName=${[...names.map((n) => `DNS:${n}`), ...ips.map((i) => `IP:${i}`)].join(',')}\n`);
  o(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext']);
  return { caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'), caPath: join(dir, 'ca.pem'), certPath: join(dir, 'server.pem'), keyPath: join(dir, 'server.key') };
}

const inNs = (netns: string | undefined, cmd: string[]) => (netns ? ['ip', ['netns', 'exec', netns, ...cmd]] : [cmd[0]!, cmd.slice(1)]) as [string, string[]];

async function waitListening(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not start listening`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function listening(netns: string | undefined, port: number, udp: boolean): boolean {
  const [c, a] = inNs(netns, ['ss', '-Hln', udp ? '-u' : '-t', `sport = :${port}`]);
  try {
    return execFileSync(c, a, { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

export interface Running {
  process: ChildProcess;
  stop(): Promise<void>;
}

function running(child: ChildProcess): Running {
  return {
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        // The whole group: socat's forked children (a handler that never answers, in `slow` mode) go too.
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
      }),
  };
}

/** dnsmasq answering `txt` records and AAAA `hosts` (authoritative for their domains: anything else is NXDOMAIN). */
export async function startDns(o: { dir: string; port: number; listen: string; netns?: string; txt?: Record<string, string>; hosts?: Record<string, string>; local?: string[] }): Promise<Running> {
  const conf = join(o.dir, `dnsmasq-${o.port}.conf`);
  writeFileSync(
    conf,
    [
      'no-resolv', 'no-hosts', 'bind-interfaces', `listen-address=${o.listen}`, `port=${o.port}`, 'keep-in-foreground', 'log-facility=-',
      ...Object.entries(o.txt ?? {}).map(([n, v]) => `txt-record=${n},"${v}"`),
      ...Object.entries(o.hosts ?? {}).map(([n, a]) => `host-record=${n},${a}`),
      ...(o.local ?? []).map((d) => `local=/${d}/`),
      '',
    ].join('\n'),
  );
  const [c, a] = inNs(o.netns, ['dnsmasq', '-C', conf]);
  const child = spawn(c, a, { stdio: 'ignore', detached: true });
  await waitListening(() => listening(o.netns, o.port, true), 'dnsmasq');
  return running(child);
}

/** The provisioning server: HTTPS with the CA's certificate, answers as $dir/mode says (see the handler). */
export async function startHb46pp(o: { dir: string; port: number; bind: string; ca: LabCa; netns?: string; answer: object }): Promise<Running & { mode(m: string): void; requests(): string }> {
  mkdirSync(o.dir, { recursive: true });
  writeFileSync(join(o.dir, 'answer.json'), JSON.stringify(o.answer));
  writeFileSync(join(o.dir, 'mode'), 'ok\n');
  writeFileSync(join(o.dir, 'requests.log'), '');
  const listen = `OPENSSL-LISTEN:${o.port},pf=ip6,bind=${o.bind},reuseaddr,fork,cert=${o.ca.certPath},key=${o.ca.keyPath},verify=0`;
  const [c, a] = inNs(o.netns, ['env', `HB46PP_DIR=${o.dir}`, 'socat', listen, `EXEC:${HANDLER}`]);
  const child = spawn(c, a, { stdio: 'ignore', detached: true });
  await waitListening(() => listening(o.netns, o.port, false), 'the HB46PP server');
  return {
    ...running(child),
    mode: (m) => writeFileSync(join(o.dir, 'mode'), `${m}\n`),
    requests: () => readFileSync(join(o.dir, 'requests.log'), 'utf8'),
  };
}
