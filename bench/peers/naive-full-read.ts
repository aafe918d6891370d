// The peer IPoE Doctor is measured against: what a Tera Term user or a generic expect/Netmiko-style script does
// on an RTX console (../shared/reference/peer-tools.md): log in, `administrator`, `console lines infinity`, then
// read everything that might matter in full and look at it afterwards. It waits for the prompt after each command
// the way those tools do (the last line ends in `>` or `#`) and knows nothing of what the diagnosis needs.
//
// As a script: `npx tsx bench/peers/naive-full-read.ts /dev/ttyUSB0` (passwords from IPOE_DOCTOR_PASSWORD /
// IPOE_DOCTOR_ADMIN_PASSWORD, user from IPOE_DOCTOR_USER), printing bytes and seconds.
import { openSerial } from '../../main/transports/serial-transport.js';
import type { Transport } from '../../main/transports/transport.js';

export interface NaiveReadResult {
  bytes: number;
  seconds: number;
  /** Bytes per command, in the order read. */
  commands: { command: string; bytes: number; seconds: number }[];
}

/** What the peer reads once logged in: environment, config, tunnel, addresses, routes, NAT and the whole log. */
export const NAIVE_COMMANDS = [
  'show environment',
  'show config',
  'show status tunnel 1',
  'show ipv6 address',
  'show ip route',
  'show ipv6 route',
  'show nat descriptor address',
  'show log',
] as const;

const PROMPT = /[>#] ?$/;

class Expect {
  private buf = '';
  bytes = 0;
  private waiting: { test: (t: string) => boolean; resolve: () => void; timer: NodeJS.Timeout; reject: (e: Error) => void } | null = null;

  constructor(private readonly t: Transport) {
    t.onData((chunk) => {
      this.bytes += chunk.length;
      this.buf += Buffer.from(chunk).toString('latin1');
      const w = this.waiting;
      if (w && w.test(this.buf)) {
        this.waiting = null;
        clearTimeout(w.timer);
        w.resolve();
      }
    });
  }

  /** Send a line (CR only: CR+LF is two Enters on an RTX) and wait until the text read so far satisfies `test`. */
  async send(line: string, test: (text: string) => boolean, timeoutMs = 600_000): Promise<string> {
    this.buf = '';
    await this.t.write(`${line}\r`);
    await new Promise<void>((resolve, reject) => {
      if (test(this.buf)) return resolve();
      const timer = setTimeout(() => reject(new Error(`no answer to "${line}" within ${timeoutMs} ms`)), timeoutMs);
      this.waiting = { test, resolve, timer, reject };
    });
    return this.buf;
  }
}

const lastLine = (t: string): string => t.slice(t.lastIndexOf('\n') + 1);

export async function naiveFullRead(path: string, login: { username?: string; password: string; adminPassword: string }): Promise<NaiveReadResult> {
  const t = await openSerial({ path, baudRate: 9600 });
  const started = performance.now();
  const x = new Expect(t);
  const commands: NaiveReadResult['commands'] = [];
  try {
    let text = await x.send('', (b) => /(Username|Login|Password):\s*$/i.test(b) || PROMPT.test(lastLine(b)), 15_000);
    if (/(Username|Login):\s*$/i.test(text)) text = await x.send(login.username ?? '', (b) => /Password:\s*$/i.test(b));
    if (/Password:\s*$/i.test(text)) await x.send(login.password, (b) => PROMPT.test(lastLine(b)));
    await x.send('administrator', (b) => /Password:\s*$/i.test(b));
    // Like Netmiko's set_base_prompt: the prompt as it now reads (`OFFICE-RTX# `) ends every later output.
    const prompt = lastLine(await x.send(login.adminPassword, (b) => /#\s?$/.test(lastLine(b)))).trimEnd();
    const atPrompt = (b: string): boolean => b.includes('\n') && lastLine(b).trimEnd() === prompt;
    await x.send('console lines infinity', atPrompt);
    for (const command of NAIVE_COMMANDS) {
      const before = x.bytes;
      const t0 = performance.now();
      await x.send(command, atPrompt);
      commands.push({ command, bytes: x.bytes - before, seconds: (performance.now() - t0) / 1000 });
    }
    return { bytes: x.bytes, seconds: (performance.now() - started) / 1000, commands };
  } finally {
    await t.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2];
  if (!path) {
    console.error('usage: naive-full-read.ts SERIAL_PORT');
    process.exit(2);
  }
  const r = await naiveFullRead(path, {
    ...(process.env.IPOE_DOCTOR_USER ? { username: process.env.IPOE_DOCTOR_USER } : {}),
    password: process.env.IPOE_DOCTOR_PASSWORD ?? '',
    adminPassword: process.env.IPOE_DOCTOR_ADMIN_PASSWORD ?? '',
  });
  for (const c of r.commands) console.log(`${c.command.padEnd(30)} ${String(c.bytes).padStart(8)} B ${c.seconds.toFixed(1).padStart(7)} s`);
  console.log(`total ${r.bytes} B in ${r.seconds.toFixed(1)} s`);
}
