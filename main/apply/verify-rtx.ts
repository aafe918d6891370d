import type { FixCheck } from '../../shared/diagnosis/types.js';
import { say, type Message } from '../../shared/i18n/message.js';
import { parsePing, parseShowStatusIpip, parseShowStatusTunnel } from '../../shared/rtx/show/index.js';
import type { RtxSession } from '../devices/rtx-session.js';
import { waitForSshBanner } from '../transports/ssh-probe.js';

export interface CounterSample {
  at: number;
  tunnel: string;
  rxPackets: number;
  txPackets: number;
}

export interface CheckResult {
  check: FixCheck;
  passed: boolean;
  /** What was seen, as a catalog message (counters before and after, ping replies). */
  detail: Message;
  samples: CounterSample[];
}

/**
 * The lines of `command` that may hold `text`: through `| grep` on a stretch of the text the console matches
 * literally (a line with `*` or `?` is cut before them), else the whole output. The caller checks the text itself.
 */
async function readContaining(session: RtxSession, command: string, text: string): Promise<{ output: string; error: string | null }> {
  const literal = /^[^*+?[\](){}|^$\\#"']*/.exec(text)?.[0]?.trim() ?? '';
  if (session.features.grep && literal.length >= 8) {
    const narrowed = await session.run(`${command} | grep ${/\s/.test(literal) ? `"${literal}"` : literal}`);
    if (!narrowed.error) return narrowed;
    session.features.grep = false;
  }
  return session.run(command);
}

/**
 * The IPv4 counters in the lines `show status tunnel N | grep IPv4` keeps: `Received:    (IPv4) N packets …` /
 * `受信: (IPv4) N パケット …` and the transmitted one, told apart by their label (both console languages).
 */
export function countersFromGrep(output: string): { rx: number; tx: number } | null {
  let rx: number | null = null;
  let tx: number | null = null;
  for (const line of output.split('\n')) {
    const n = /\(IPv4\)\s*(\d+)/.exec(line)?.[1];
    if (n === undefined) continue;
    if (/Received|受信/.test(line)) rx = Number(n);
    else if (/Transmitted|送信/.test(line)) tx = Number(n);
  }
  return rx !== null && tx !== null ? { rx, tx } : null;
}

/** Read a tunnel's IPv4 counters from `show status tunnel N` (any encapsulation), or `show status ipip`. */
export async function readTunnelCounters(session: RtxSession, tunnel: string): Promise<CounterSample | null> {
  // The two counter lines are all a sample needs: a tenth of the status at 9600 bit/s.
  if (session.features.grep) {
    const narrowed = await session.run(`show status tunnel ${tunnel} | grep IPv4`);
    const counters = narrowed.error ? null : countersFromGrep(narrowed.output);
    if (counters) return { at: Date.now(), tunnel, rxPackets: counters.rx, txPackets: counters.tx };
    if (narrowed.error) session.features.grep = false;
  }
  const r = await session.run(`show status tunnel ${tunnel}`);
  let status = r.error ? null : parseShowStatusTunnel(r.output).tunnels?.find((t) => String(t.id) === tunnel) ?? null;
  if (!status) {
    const ipip = await session.run('show status ipip');
    status = ipip.error ? null : (parseShowStatusIpip(ipip.output).tunnels.find((t) => String(t.id) === tunnel) ?? null);
  }
  if (!status) return null;
  return { at: Date.now(), tunnel, rxPackets: status.received.ipv4?.packets ?? 0, txPackets: status.transmitted.ipv4?.packets ?? 0 };
}

/**
 * Prove a fix the way the issue asks: tunnel counters rise AND an IPv4 ping through the tunnel succeeds.
 * `onSample` feeds the live RX/TX chart.
 */
export async function runCheck(
  session: RtxSession,
  check: FixCheck,
  opts: { pingTarget: string; onSample?: (s: CounterSample) => void },
): Promise<CheckResult> {
  const samples: CounterSample[] = [];
  const sample = async (tunnel: string) => {
    const s = await readTunnelCounters(session, tunnel);
    if (s) {
      samples.push(s);
      opts.onSample?.(s);
    }
    return s;
  };
  const ping = async (family: 4 | 6, target: string) => {
    const r = await session.run(`${family === 6 ? 'ping6' : 'ping'} -c 3 ${target}`, { timeoutMs: 20_000 });
    const parsed = parsePing(r.output, family === 6 ? 'ping6' : 'ping');
    const received = parsed.summary?.received ?? parsed.replies.length;
    // The router's own error line is quoted as it printed it.
    const result: Message | string = parsed.summary
      ? say('msg.check.pingReplies', { received: parsed.summary.received, transmitted: parsed.summary.transmitted })
      : (r.error ?? say('msg.check.pingNoReplies'));
    return { ok: received > 0 && !r.error, result };
  };

  switch (check.kind) {
    case 'tunnel-rx': {
      const before = await sample(check.tunnel);
      const p = await ping(4, opts.pingTarget);
      const after = await sample(check.tunnel);
      const rose = before !== null && after !== null && after.rxPackets > before.rxPackets;
      return {
        check,
        passed: rose && p.ok,
        detail: say('msg.check.tunnelRx', { tunnel: check.tunnel, before: before?.rxPackets ?? '?', after: after?.rxPackets ?? '?', target: opts.pingTarget, ping: p.result }),
        samples,
      };
    }
    case 'ping': {
      const p = await ping(check.family, check.target);
      return { check, passed: p.ok, detail: say('msg.check.ping', { target: check.target, ping: p.result }), samples };
    }
    case 'ssh-answers': {
      // Seen from this computer, as the user will connect next time; a router generating its key takes a while.
      const banner = await waitForSshBanner(check.host, check.port, 60_000);
      return {
        check,
        passed: banner !== null,
        detail: banner ? say('msg.check.sshAnswers', { host: check.host, port: check.port, banner }) : say('msg.check.sshSilent', { host: check.host, port: check.port }),
        samples,
      };
    }
    case 'output-contains': {
      const r = await readContaining(session, check.command, check.text);
      const passed = !r.error && r.output.includes(check.text);
      return { check, passed, detail: say(passed ? 'msg.check.outputShows' : 'msg.check.outputMissing', { command: check.command, text: check.text }), samples };
    }
  }
}
