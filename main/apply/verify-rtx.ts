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

/** Read a tunnel's IPv4 counters from `show status tunnel N` (any encapsulation), or `show status ipip`. */
export async function readTunnelCounters(session: RtxSession, tunnel: string): Promise<CounterSample | null> {
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
      const r = await session.run(check.command);
      const passed = !r.error && r.output.includes(check.text);
      return { check, passed, detail: say(passed ? 'msg.check.outputShows' : 'msg.check.outputMissing', { command: check.command, text: check.text }), samples };
    }
  }
}
