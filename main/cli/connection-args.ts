import type { ConnectionRequest } from '../../shared/ipc/contract.js';
import { UsageError, flagString, type CliIo, type ParsedArgs } from './command.js';
import { ask } from './terminal-prompt.js';
import { serialPortName } from '../transports/serial-ports.js';
import { inEnglish, say } from '../../shared/i18n/message.js';

export const CONNECTION_FLAGS = {
  valued: ['serial', 'baud', 'ssh', 'telnet', 'demo', 'user', 'key', 'trust-host-key'],
  boolean: ['legacy-ssh'],
};
export const CONNECTION_USAGE =
  '--serial PORT (/dev/ttyUSB0, COM3, /dev/cu.usbserial-…) [--baud N] [--user NAME] | --ssh user@host[:port] [--key FILE] [--legacy-ssh] [--trust-host-key SHA256:…] | --telnet host[:port] [--user NAME] | --demo SCENARIO';

/**
 * Build a connection request from `--serial`, `--ssh` or `--demo`. Passwords come from
 * IPOE_DOCTOR_PASSWORD / IPOE_DOCTOR_ADMIN_PASSWORD or are asked on the terminal without echo.
 */
export async function connectionFromArgs(parsed: ParsedArgs, io: CliIo): Promise<ConnectionRequest> {
  const serial = flagString(parsed, 'serial');
  const ssh = flagString(parsed, 'ssh');
  const telnet = flagString(parsed, 'telnet');
  const demo = flagString(parsed, 'demo');
  const chosen = [serial, ssh, telnet, demo].filter((x) => x !== undefined).length;
  if (chosen !== 1) throw new UsageError('choose exactly one of --serial PORT, --ssh user@host[:port], --telnet host[:port] or --demo SCENARIO');
  if (demo !== undefined) return { kind: 'demo', scenario: demo };

  const secrets = async () => {
    const password = io.env.IPOE_DOCTOR_PASSWORD ?? (await ask('Router login password (Enter if none): ', { secret: true })) ?? undefined;
    const adminPassword = io.env.IPOE_DOCTOR_ADMIN_PASSWORD ?? (await ask('Administrator password (Enter if none): ', { secret: true })) ?? undefined;
    return { ...(password ? { password } : {}), ...(adminPassword !== undefined ? { adminPassword } : {}) };
  };

  if (serial !== undefined) {
    const port = serialPortName(serial, process.platform);
    if (!port.ok) throw new UsageError(`--serial: ${port.message}`);
    const baud = Number(flagString(parsed, 'baud') ?? '9600');
    if (!Number.isInteger(baud) || baud < 300) throw new UsageError('--baud needs a bit rate such as 9600');
    const user = flagString(parsed, 'user');
    return { kind: 'serial', path: port.path, baudRate: baud, ...(user ? { username: user } : {}), ...(await secrets()) };
  }
  if (telnet !== undefined) {
    const t = /^(\[[0-9a-f:.]+(?:%[\w.-]+)?\]|[^:@\s[\]]+)(?::(\d+))?$/i.exec(telnet);
    if (!t) throw new UsageError('--telnet takes host or host:port (IPv6: [addr]:port, a link-local one with its zone: [fe80::1%eth0])');
    const port = t[2] ? Number(t[2]) : 23;
    if (port < 1 || port > 65535) throw new UsageError('the Telnet port must be 1–65535');
    // Said before anything is typed: the password is about to cross the LAN unencrypted.
    io.err(`${inEnglish(say('telnet.cleartextWarning'))}\n`);
    const user = flagString(parsed, 'user');
    return { kind: 'telnet', host: t[1]!.replace(/^\[|\]$/g, ''), port, ...(user ? { username: user } : {}), ...(await secrets()) };
  }
  const m = /^([^@\s]+)@(\[[0-9a-f:.]+\]|[^:\s]+)(?::(\d+))?$/i.exec(ssh!);
  if (!m) throw new UsageError('--ssh takes user@host or user@host:port (IPv6: user@[addr]:port)');
  const port = m[3] ? Number(m[3]) : 22;
  if (port < 1 || port > 65535) throw new UsageError('the SSH port must be 1–65535');
  const key = flagString(parsed, 'key');
  return {
    kind: 'ssh',
    username: m[1]!,
    host: m[2]!.replace(/^\[|\]$/g, ''),
    port,
    ...(key ? { privateKeyPath: key } : {}),
    ...(parsed.flags.has('legacy-ssh') ? { legacyAlgorithms: true } : {}),
    ...(await secrets()),
  };
}
