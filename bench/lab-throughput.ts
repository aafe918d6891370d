// Issue 7: TCP throughput LAN → Internet through the MAP-E tunnel of a Linux CE, and the ratio to plain IPv4
// forwarding measured in the same VM run (qemu TCG, so absolute figures are the emulator's, the ratio is
// what matters). Skips, saying why, where the lab cannot be built.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { LAB_TOPOLOGY as T, labAvailable, repoRoot, startLab, type Lab } from '../test/lab/lab.js';

const BYTES = 8_000_000;
const PORT = 9100;

async function download(lab: Lab, address: string): Promise<{ bytes: number; seconds: number }> {
  const r = await lab.vmExec(
    'lan',
    `s=$EPOCHREALTIME; n=$(socat -u TCP4:${address}:${PORT},connect-timeout=10 - 2>/dev/null | head -c ${BYTES} | wc -c); e=$EPOCHREALTIME; echo "$n $s $e"`,
    { timeoutMs: 120_000 },
  );
  const [n, s, e] = r.output.trim().split(/\s+/).map(Number);
  if (!n || n < BYTES) throw new Error(`download from ${address} got ${n} bytes: ${r.output}`);
  return { bytes: n, seconds: e! - s! };
}

if (!labAvailable()) {
  console.log('lab throughput: skipped (the provider lab is not built: run bash test/lab/build-lab.sh as root first)');
} else {
  const lab = await startLab({ service: 'v6plus' });
  try {
    // The CE as the project's calculator configures it: tunnel, CE /128, SNAT over every block, MSS clamp.
    const script = execFileSync(process.execPath, [join(repoRoot, 'bin', 'ipoe-doctor.mjs'), 'calc', lab.params.prefix, '--format', 'linux', '--wan', T.wanIf], {
      cwd: repoRoot,
      env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1' },
      encoding: 'utf8',
    });
    const waitDad = `for i in $(seq 50); do [ -z "$(ip -6 addr show dev ${T.wanIf} tentative)" ] && break; sleep 0.1; done`;
    const applied = await lab.exec(`bash <<'__CALC__'\n${script}\n${waitDad}\n__CALC__`);
    if (applied.exitCode !== 0) throw new Error(`CE setup failed: ${applied.output}`);
    // Plain IPv4 forwarding for comparison: a direct veth from the CE to the Internet host, no tunnel, no NAT.
    await lab.exec(
      [
        'ip link add pf0 type veth peer name pf1',
        'ip link set pf1 netns inet',
        'ip addr add 10.254.0.1/30 dev pf0 && ip link set pf0 up',
        'ip netns exec inet ip addr add 10.254.0.2/30 dev pf1',
        'ip netns exec inet ip link set pf1 up',
        'ip netns exec inet ip route add 192.168.1.0/24 via 10.254.0.1',
      ].join(' && '),
    );
    // The server streams zeros; the client stops after BYTES (head closes the pipe).
    await lab.vmExec('inet', `setsid socat -u OPEN:/dev/zero TCP4-LISTEN:${PORT},reuseaddr,fork </dev/null >/dev/null 2>&1 & sleep 0.3`);
    const rounds = 3;
    const tunnel: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = await download(lab, T.inetHost);
      tunnel.push((t.bytes * 8) / t.seconds / 1e6);
      const p = await download(lab, '10.254.0.2');
      plain.push((p.bytes * 8) / p.seconds / 1e6);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const drops = await lab.brCounters();
    console.log(`TCP LAN → Internet, ${BYTES / 1e6} MB per run, ${rounds} runs each, qemu TCG (software emulation)`);
    console.log(`  through the MAP-E tunnel   ${median(tunnel).toFixed(1)} Mbit/s (runs: ${tunnel.map((x) => x.toFixed(1)).join(', ')})`);
    console.log(`  plain IPv4 forwarding      ${median(plain).toFixed(1)} Mbit/s (runs: ${plain.map((x) => x.toFixed(1)).join(', ')})`);
    console.log(`  ratio tunnel / plain       ${(median(tunnel) / median(plain)).toFixed(2)}`);
    console.log(`  BR drops                   ${Object.entries(drops).filter(([k, v]) => k.endsWith('_drop') && v.packets > 0).map(([k, v]) => `${k}=${v.packets}`).join(', ') || 'none'}`);
  } finally {
    await lab.stop();
  }
}
