import { connect } from 'node:net';
import { readSshBanner } from '../transports/ssh-probe.js';

/** The ports a router's console answers on: Telnet (23, on by default on an RTX), SSH (22, once turned on), the web GUI (80). */
export const CONSOLE_PORTS = { telnet: 23, ssh: 22, http: 80 } as const;

export interface PortAnswers {
  telnet: boolean;
  ssh: boolean;
  http: boolean;
  /** The SSH server's identification line, when it sent one. */
  sshBanner: string | null;
}

/** Does something accept a TCP connection on host:port within the time? */
export function tcpAnswers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Which of the console ports answer on one address (the three at once). */
export async function probeConsolePorts(host: string, timeoutMs = 2000): Promise<PortAnswers> {
  const [telnet, http, ssh, sshBanner] = await Promise.all([
    tcpAnswers(host, CONSOLE_PORTS.telnet, timeoutMs),
    tcpAnswers(host, CONSOLE_PORTS.http, timeoutMs),
    tcpAnswers(host, CONSOLE_PORTS.ssh, timeoutMs),
    readSshBanner(host, CONSOLE_PORTS.ssh, timeoutMs),
  ]);
  return { telnet, ssh: ssh || sshBanner !== null, http, sshBanner };
}
