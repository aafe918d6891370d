/**
 * Verification through the tunnel: the IPv4 route goes into ipoe0, a ping answers, and a TCP connection
 * opens. For MAP-E both also prove the SNAT: the BR drops anything whose port or ICMP identifier is outside
 * the set, so a reply means the translation kept it inside.
 */
import { TUNNEL } from './names.js';
import type { Message } from '../../i18n/message.js';
import { VerifyTargetError } from './errors.js';
import { shq } from './sh.js';
import { ceText } from './text.js';

export interface VerifyTarget {
  host: string;
  port: number;
}

/** 8.8.8.8 answers ping and accepts TCP on 443 (DNS over HTTPS), and is the diagnosis rules' check target too. */
export const DEFAULT_VERIFY_TARGET: VerifyTarget = { host: '8.8.8.8', port: 443 };

export function parseVerifyTarget(text: string): VerifyTarget {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/.exec(text.trim());
  const octetsOk = m?.[1]?.split('.').every((o) => Number(o) <= 255) ?? false;
  const port = m?.[2] === undefined ? DEFAULT_VERIFY_TARGET.port : Number(m[2]);
  if (!m || !octetsOk || port < 1 || port > 65535) throw new VerifyTargetError(ceText('VERIFY_TARGET_INVALID', { text }));
  return { host: m[1]!, port };
}

export interface VerifyCheck {
  id: 'route' | 'ping' | 'tcp';
  /** What is checked, for people. */
  text: Message;
  command: string;
}

export function verifyChecks(target: VerifyTarget): VerifyCheck[] {
  const { host, port } = target;
  return [
    {
      id: 'route',
      text: ceText('CHECK_ROUTE', { host, tunnel: TUNNEL }),
      command: `ip -4 route get ${host} | grep -q ${shq(`dev ${TUNNEL}`)} && ip -4 route get ${host}`,
    },
    {
      id: 'ping',
      text: ceText('CHECK_PING', { host, tunnel: TUNNEL }),
      command: `ping -c 3 -W 2 -I ${TUNNEL} ${host}`,
    },
    {
      id: 'tcp',
      text: ceText('CHECK_TCP', { host, port, tunnel: TUNNEL }),
      // Whichever client the host has. curl's exit codes 7 (refused/unreachable) and 28 (timeout) mean no TCP
      // connection; any other answer, even a protocol error on a TLS port, means the handshake completed.
      command: [
        `if command -v curl >/dev/null 2>&1; then`,
        `rc=0; curl -q -sS -o /dev/null -m 5 --interface ${TUNNEL} http://${host}:${port}/ 2>/dev/null || rc=$?;`,
        `case $rc in 7|28|45) echo "curl: no TCP connection (exit $rc)"; false ;; *) echo "TCP connection to ${host}:${port} opened (curl exit $rc)" ;; esac;`,
        `elif command -v nc >/dev/null 2>&1; then nc -z -w 5 ${host} ${port} && echo "TCP connection to ${host}:${port} opened (nc)";`,
        `elif command -v socat >/dev/null 2>&1; then socat -T 5 /dev/null TCP:${host}:${port},connect-timeout=5,so-bindtodevice=${TUNNEL} && echo "TCP connection to ${host}:${port} opened (socat)";`,
        `else echo "no TCP client (curl, nc or socat) on this host: apt-get install curl"; false; fi`,
      ].join(' '),
    },
  ];
}

export interface VerifyResult {
  id: VerifyCheck['id'];
  text: Message;
  ok: boolean;
  output: string;
}
