/**
 * Turning the router's SSH server on for next time, as a fix plan for safe apply: a user who reached the
 * router over Telnet (the password crossed the LAN in clear text) leaves with SSH answering. The commands are
 * the RTX command reference's `sshd host key generate`, `sshd service on` and `sshd host <lan>` (the LAN the
 * user is on), plus `sshd listen` when another port was asked for
 * (../shared/reference/access-provisioning-packaging.md §2). Each command's inverse puts back the line that was
 * there, or removes it; the proof is an SSH server answering from this computer.
 */
import type { FixPlan, Text } from '../diagnosis/parts.js';
import { say, type Message } from '../i18n/message.js';
import { parseRtxConfig } from '../rtx/config/parse.js';

export interface SshOnRequest {
  /** `show config` of the router, read in administrator mode. */
  config: string;
  /** The router's address as this computer reaches it (where the SSH check connects). */
  host: string;
  /** The SSH port to listen on; the router's current one (default 22) when absent. */
  port?: number;
}

export type SshOnPlan =
  | { kind: 'plan'; plan: FixPlan; port: number; lan: string; notes: Message[] }
  | { kind: 'already-on'; port: number };

const DEFAULT_SSH_PORT = 22;

/** The plan that makes SSH answer on `host:port`, or `already-on` when the config has it on already. */
export function planSshOn(req: SshOnRequest): SshOnPlan {
  const lines = req.config.split(/\r?\n/).map((l) => l.trim());
  const line = (re: RegExp) => lines.find((l) => re.test(l)) ?? null;
  const service = line(/^sshd service\s/);
  const hostKey = line(/^sshd host key generate\b/);
  const hosts = line(/^sshd host (?!key )/);
  const listen = line(/^sshd listen\s/);
  const currentPort = listen ? Number(listen.split(/\s+/)[2]) : DEFAULT_SSH_PORT;
  const port = req.port ?? currentPort;
  const lan = lanOf(req.config, req.host);

  const commands: string[] = [];
  const inverse: string[] = [];
  // Each change with its own undo, so a revert puts back exactly the lines that were there.
  const change = (command: string, before: string | null, removal: string) => {
    commands.push(command);
    inverse.unshift(before ?? removal);
  };
  if (!hostKey) change('sshd host key generate', null, 'no sshd host key generate');
  if (port !== currentPort) change(`sshd listen ${port}`, listen, 'no sshd listen');
  const hostsAllowLan = hosts !== null && hosts.split(/\s+/).slice(2).some((w) => w === lan || w === 'any');
  if (!hostsAllowLan) change(`sshd host ${lan}`, hosts, 'no sshd host');
  if (service !== 'sshd service on') change('sshd service on', service, 'no sshd service');
  if (commands.length === 0) return { kind: 'already-on', port };

  const notes: Message[] = [];
  // Yamaha's SSH server logs in the users of `login user` (RTX1300 users create one first); an older model with
  // only a login password may have none. Whether it then takes any SSH login at all is unconfirmed.
  if (!lines.some((l) => /^login user \S+/.test(l))) notes.push(say('sshOn.noLoginUser'));
  return {
    kind: 'plan',
    port,
    lan,
    notes,
    plan: { target: 'rtx', commands, inverse, check: { kind: 'ssh-answers', host: req.host, port }, summary: summary(lan, port) },
  };
}

function summary(lan: string, port: number): Text {
  return {
    ja: `SSH サーバーを ${lan} 側で有効にする（ポート ${port}）。次回からはパスワードが暗号化される SSH で接続できます。`,
    en: `Turn the SSH server on for ${lan} (port ${port}), so next time the connection, password included, is encrypted.`,
  };
}

/** The LAN interface whose IPv4 network holds `host` (lan1 when none does, e.g. a name or loopback). */
function lanOf(config: string, host: string): string {
  const target = ipv4Number(host);
  if (target !== null) {
    for (const [name, iface] of Object.entries(parseRtxConfig(config).interfaces)) {
      const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(iface.ipAddress?.value ?? '');
      const network = m ? ipv4Number(m[1]!) : null;
      if (!m || network === null || !/^lan\d+$/.test(name)) continue;
      const bits = Number(m[2]);
      const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
      if (((network & mask) >>> 0) === ((target & mask) >>> 0)) return name;
    }
  }
  return 'lan1';
}

function ipv4Number(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return parts.reduce((n, p) => n * 256 + p, 0);
}
