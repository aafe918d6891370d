/**
 * Which parser reads a command's output: from the command line when there is one (`sudo /sbin/ip -j -6 r`),
 * otherwise from the look of the output. Unknown commands are not an error: the transcript just skips them.
 */
import type { Family } from './ip-route.js';

export type ParserKind = 'ip-link' | 'ip-tunnel' | 'ip-addr' | 'ip-route' | 'nft' | 'sysctl' | 'vyos-config';

export interface CommandInfo {
  kind: ParserKind;
  json: boolean;
  /** `ip -6 …` / `-f inet6`. */
  family?: Family;
  /** `ip route show dev eth1`: the output leaves `dev eth1` out of every line. */
  dev?: string;
  /** Why the output cannot be read although the command is known (`ip -br`, `ip -o`). */
  unsupported?: string;
}

/** iproute2 matches objects by prefix, first entry of its table winning (`ip a`, `ip r`, `ip l`, `ip t`). */
const IP_OBJECTS: [string, ParserKind][] = [
  ['address', 'ip-addr'],
  ['route', 'ip-route'],
  ['link', 'ip-link'],
  ['tunnel', 'ip-tunnel'],
];
const IP_OPTIONS_WITH_ARGUMENT = new Set(['-f', '-family', '-n', '-netns', '-b', '-batch', '-rc', '-rcvbuf', '-l', '-loops']);

/** Strip `sudo`, `doas`, VyOS `run`, `LANG=C`, paths and the part after a pipe. */
export function normaliseCommand(command: string): string[] {
  const firstSegment = command.split(/\s\|\s?|\s?\|\s/)[0] ?? '';
  const w = firstSegment.trim().split(/\s+/).filter((x) => x !== '');
  let i = 0;
  for (;;) {
    const x = w[i];
    if (x === undefined) break;
    if (x === 'sudo' || x === 'doas') {
      i++;
      // `sudo -E`, `sudo -u root`
      while (w[i]?.startsWith('-')) i += w[i] === '-u' || w[i] === '-g' ? 2 : 1;
    } else if (x === 'run' || x === 'command' || x === 'exec' || /^[A-Z_][A-Z0-9_]*=/.test(x)) i++;
    else break;
  }
  const out = w.slice(i);
  if (out[0] !== undefined) out[0] = out[0].replace(/^.*\//, '');
  // `2>&1`, `2>/dev/null`: redirections are not arguments.
  return out.filter((x) => !/^\d?>/.test(x));
}

export function classifyCommand(command: string): CommandInfo | null {
  const w = normaliseCommand(command);
  const prog = w[0];
  if (prog === 'ip') return classifyIp(w.slice(1));
  if (prog === 'nft') {
    const json = w.includes('-j') || w.includes('--json');
    return w.includes('list') ? { kind: 'nft', json } : null;
  }
  if (prog === 'sysctl') return { kind: 'sysctl', json: false };
  if (prog === 'show' && w[1] === 'configuration' && w[2] === 'commands') return { kind: 'vyos-config', json: false };
  return null;
}

function classifyIp(args: string[]): CommandInfo | null {
  let json = false;
  let family: Family | undefined;
  let unsupported: string | undefined;
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const o = args[i]!.replace(/^--/, '-');
    if (o === '-j' || o === '-json') json = true;
    else if (o === '-6') family = 'inet6';
    else if (o === '-4') family = 'inet';
    else if (/^-br(ief)?$/.test(o)) unsupported = 'The brief form (`ip -br`) leaves out the details IPoE Doctor needs; run the command without -br.';
    else if (/^-o(neline)?$/.test(o)) unsupported = 'The one-line form (`ip -o`) is not read; run the command without -o.';
    else if (IP_OPTIONS_WITH_ARGUMENT.has(o)) {
      if (o === '-f' || o === '-family') family = args[i + 1] === 'inet6' ? 'inet6' : args[i + 1] === 'inet' ? 'inet' : family;
      i++;
    }
  }
  const object = args[i];
  if (object === undefined) return null;
  const match = IP_OBJECTS.find(([name]) => name.startsWith(object));
  if (!match) return null;
  const sub = args[i + 1];
  // `ip route add …`, `ip link set …` change state and print nothing to read.
  if (sub !== undefined && /^(add|del|delete|set|change|replace|flush|append|prepend|monitor|save|restore|test)$/.test(sub)) return null;
  const info: CommandInfo = { kind: match[1], json };
  if (family) info.family = family;
  if (unsupported) info.unsupported = unsupported;
  const devAt = args.indexOf('dev', i + 1);
  if (match[1] === 'ip-route' && devAt >= 0 && args[devAt + 1] !== undefined) info.dev = args[devAt + 1]!;
  return info;
}

/** Guess the parser from the output alone (a paste with no command line). Looks at the first lines only. */
export function sniffKind(output: string): CommandInfo | null {
  const head = output.slice(0, 64 * 1024);
  const trimmed = head.replace(/^[\s\ufeff]+/, '');
  if (trimmed.startsWith('{')) return /"nftables"\s*:/.test(head) ? { kind: 'nft', json: true } : null;
  if (trimmed.startsWith('[')) {
    if (/"addr_info"\s*:/.test(head)) return { kind: 'ip-addr', json: true };
    if (/"ifname"\s*:/.test(head)) return { kind: 'ip-link', json: true };
    if (/"dst"\s*:/.test(head)) return { kind: 'ip-route', json: true };
    return null;
  }
  const lines = head.split(/\r?\n|\r/).filter((l) => l.trim() !== '').slice(0, 60);
  const any = (re: RegExp): boolean => lines.some((l) => re.test(l));
  if (any(/^\s*table\s+(?:(?:ip|ip6|inet|arp|bridge|netdev)\s+)?\S+\s*\{/)) return { kind: 'nft', json: false };
  if (any(/^set\s+(?:interfaces|nat|protocols|system|service|firewall|policy)\s/)) return { kind: 'vyos-config', json: false };
  if (any(/^\d+:\s+\S+:\s+</)) return { kind: any(/^\s+inet6?\s/) ? 'ip-addr' : 'ip-link', json: false };
  if (any(/^\S+:\s+(?:ip|ipv6|any|gre)\/ipv?6?\s/)) return { kind: 'ip-tunnel', json: false };
  if (any(/^net\.[\w./-]+\s*=/)) return { kind: 'sysctl', json: false };
  if (any(/^(?:(?:unreachable|blackhole|prohibit|local|broadcast)\s+)?(?:default|[0-9a-f:.]+(?:\/\d+)?)\s+(?:via|dev|from|proto)\s/i)) return { kind: 'ip-route', json: false };
  return null;
}
