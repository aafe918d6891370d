/**
 * How the router can be reached over the network: its SSH and Telnet servers and login users, as config lines
 * (the RTX command reference's `sshd …`, `telnetd …` and `login user …` commands), and what they add up to.
 * Factory state, widely reported and unconfirmed per model: Telnet on, SSH off until `sshd host key generate`
 * and `sshd service on` (../shared/reference/access-provisioning-packaging.md §2).
 */
import type { ConsoleMessage } from './console-messages.js';

/** The shape of config-commands.ts's specs (spelled out here, so the two modules do not import each other). */
interface AccessCommandSpec {
  words: string[];
  identityExtra?: number;
  scope: 'global';
  minArgs: number;
  maxArgs?: number;
  validate?: (args: string[]) => ConsoleMessage | null;
}

const onOff = (args: string[]): ConsoleMessage | null => (args[0] === 'on' || args[0] === 'off' ? null : 'illegalKeyword');
const port = (args: string[]): ConsoleMessage | null => {
  const n = Number(args[0]);
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? null : 'outOfRange';
};

export const ACCESS_COMMANDS: readonly AccessCommandSpec[] = [
  { words: ['sshd', 'service'], scope: 'global', minArgs: 1, maxArgs: 1, validate: onOff },
  // Whether the stored line carries a `*` in place of the key is unconfirmed: the twin keeps what was typed.
  { words: ['sshd', 'host', 'key', 'generate'], scope: 'global', minArgs: 0, maxArgs: 1 },
  { words: ['sshd', 'host'], scope: 'global', minArgs: 1 },
  { words: ['sshd', 'listen'], scope: 'global', minArgs: 1, maxArgs: 1, validate: port },
  { words: ['telnetd', 'service'], scope: 'global', minArgs: 1, maxArgs: 1, validate: onOff },
  { words: ['telnetd', 'host'], scope: 'global', minArgs: 1 },
  { words: ['telnetd', 'listen'], scope: 'global', minArgs: 1, maxArgs: 1, validate: port },
  { words: ['login', 'user'], identityExtra: 1, scope: 'global', minArgs: 1, maxArgs: 3 },
];

export interface AccessServices {
  ssh: { service: boolean; hostKey: boolean; hosts: string; port: number; answers: boolean };
  telnet: { service: boolean; hosts: string; port: number; answers: boolean };
}

/** The servers the config turns on. A server limited to `none` answers nobody. */
export function accessServices(configText: string): AccessServices {
  const lines = configText.split('\n').map((l) => l.trim());
  const value = (prefix: string): string | null => {
    const l = lines.find((x) => x.startsWith(`${prefix} `) || x === prefix);
    return l === undefined ? null : l.slice(prefix.length).trim();
  };
  const sshService = value('sshd service') === 'on';
  const hostKey = value('sshd host key generate') !== null;
  const sshHosts = lines.find((l) => /^sshd host (?!key )/.test(l))?.slice('sshd host '.length) ?? 'any';
  const telnetService = value('telnetd service') !== 'off';
  const telnetHosts = value('telnetd host') ?? 'any';
  return {
    ssh: {
      service: sshService,
      hostKey,
      hosts: sshHosts,
      port: Number(value('sshd listen') ?? 22),
      answers: sshService && hostKey && sshHosts !== 'none',
    },
    telnet: { service: telnetService, hosts: telnetHosts, port: Number(value('telnetd listen') ?? 23), answers: telnetService && telnetHosts !== 'none' },
  };
}
