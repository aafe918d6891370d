/**
 * The host that becomes the CE, reached over a local `sh` or SSH, with the helpers the datapath needs on top of
 * LinuxShellSession: root through `sudo -n` when not root, and file upload that survives any content.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { LinuxShellSession, type ShellResult } from '../devices/linux-shell-session.js';
import type { HostKeyInfo, KnownHosts } from '../transports/known-hosts.js';
import { openLocalShell } from '../transports/local-shell.js';
import { openSsh } from '../transports/ssh-transport.js';
import type { Transport } from '../transports/transport.js';
import { MessageError, type Message, type MessageParam } from '../../shared/i18n/message.js';
import { shq } from '../../shared/linux/datapath/sh.js';
import { ceText } from '../../shared/linux/datapath/text.js';

/**
 * The password sudo asks for when the login user is not root and has no NOPASSWD rule: a value, or a function
 * asked only when sudo turns out to need one (the CLI prompts then).
 */
export type SudoPassword = string | (() => Promise<string | undefined>);

export type TargetRequest = (
  /** `shell`: another local shell program (tests wrap one in a throwaway network namespace). */
  | { kind: 'local'; shell?: string }
  | {
      kind: 'ssh';
      username: string;
      host: string;
      port: number;
      privateKeyPath?: string | undefined;
      password?: string | undefined;
      knownHosts: KnownHosts;
      confirmHostKey?: (info: HostKeyInfo) => Promise<boolean>;
    }
) & { sudoPassword?: SudoPassword | undefined };

export interface Target {
  readonly label: string;
  /** Runs as the login user. */
  run(command: string, opts?: { timeoutMs?: number }): Promise<ShellResult>;
  /** `sudo -n ` when the login user is not root, '' when it is (known after `init`). */
  sudo: string;
  /**
   * root: no sudo needed; passwordless: NOPASSWD; password: sudo accepted the password given and keeps it for
   * this session (re-validated as it runs); unavailable: sudo is missing, refused, or wants a password nobody gave.
   */
  sudoMode: 'root' | 'passwordless' | 'password' | 'unavailable';
  /** Runs a command as root (through `sudo -n sh -c` when needed). */
  runRoot(command: string, opts?: { timeoutMs?: number }): Promise<ShellResult>;
  /** Writes a file as root, mode given in octal (e.g. '600'); the content may be anything. */
  writeRootFile(path: string, content: string, mode: string): Promise<void>;
  close(): Promise<void>;
}

export class TargetError extends MessageError {
  override name = 'TargetError';
  constructor(text: Message) {
    super('ce-target', text);
  }
}

export async function openTarget(req: TargetRequest): Promise<Target> {
  let transport: Transport;
  let label: string;
  if (req.kind === 'local') {
    transport = openLocalShell(req.shell ? { shell: req.shell } : {});
    label = 'this host';
  } else {
    const privateKey = req.privateKeyPath
      ? await readFile(req.privateKeyPath).catch(() => {
          throw new TargetError(ceText('KEY_UNREADABLE', { path: req.privateKeyPath ?? '' }));
        })
      : undefined;
    transport = await openSsh({
      host: req.host,
      port: req.port,
      username: req.username,
      password: req.password,
      privateKey,
      knownHosts: req.knownHosts,
      ...(req.confirmHostKey ? { confirmHostKey: req.confirmHostKey } : {}),
    });
    label = `${req.username}@${req.host}${req.port === 22 ? '' : `:${req.port}`}`;
  }
  const session = new LinuxShellSession(transport);
  let sudo: string;
  let auth: Awaited<ReturnType<typeof sudoAuth>> = { mode: 'root', keepAlive: async () => undefined };
  try {
    if (req.kind === 'ssh') await plainShellOverPty(transport);
    const uid = await session.run('id -u');
    sudo = uid.output.trim() === '0' ? '' : 'sudo -n ';
    if (sudo) auth = await sudoAuth(session, req.kind === 'local' ? ceText('THIS_HOST') : label, req.sudoPassword);
  } catch (err) {
    // The caller never gets a target, so nothing else would close this connection.
    await session.close().catch(() => undefined);
    throw err;
  }
  const target: Target = {
    label,
    sudo,
    sudoMode: auth.mode,
    run: (command, opts) => session.run(command, opts),
    // A subshell either way, so an `exit` in the command ends it, not the session's shell.
    async runRoot(command, opts) {
      await auth.keepAlive();
      return session.run(sudo ? `${sudo}sh -c ${shq(command)}` : `(\n${command}\n)`, opts);
    },
    async writeRootFile(path, content, mode) {
      await auth.keepAlive();
      // base64 in short lines: no quoting issue, and no line longer than a terminal's 4095-byte limit.
      const b64 = Buffer.from(content, 'utf8').toString('base64').replace(/(.{76})/g, '$1\n');
      const tag = `IPOE_B64_${randomBytes(4).toString('hex')}`;
      const dir = path.replace(/\/[^/]*$/, '') || '/';
      const r = await session.run(
        `${sudo}mkdir -p ${shq(dir)} && base64 -d <<'${tag}' | ${sudo}sh -c ${shq(`umask 077; cat > ${shq(path)}.tmp && chmod ${mode} ${shq(path)}.tmp && mv ${shq(path)}.tmp ${shq(path)}`)}\n${b64}\n${tag}`,
      );
      if (r.exitCode !== 0) throw new TargetError(ceText('WRITE_FAILED', { path, said: r.output.trim() }));
    },
    close: () => session.close(),
  };
  return target;
}

/** sudo's own cache lasts 15 minutes by default; refresh well before, so a long apply never meets a prompt. */
const SUDO_REFRESH_MS = 4 * 60_000;

/**
 * How this session gets root through sudo. With a password, `sudo -v` reads it on stdin once (never on a command
 * line: printf is a shell builtin, so it is in no process's argv) and sudo's per-terminal (or, without one,
 * per-parent-process) cache lets every later `sudo -n` from this same shell through.
 */
async function sudoAuth(session: LinuxShellSession, who: MessageParam, given: SudoPassword | undefined): Promise<{ mode: Target['sudoMode']; keepAlive: () => Promise<void> }> {
  const probe = await session.run('sudo -n true');
  if (probe.exitCode === 0) return { mode: 'passwordless', keepAlive: async () => undefined };
  if (!/password is required|terminal is required/i.test(probe.output)) return { mode: 'unavailable', keepAlive: async () => undefined };
  const password = typeof given === 'function' ? await given() : given;
  if (!password) return { mode: 'unavailable', keepAlive: async () => undefined };
  let validatedAt = 0;
  const validate = async () => {
    let r: ShellResult;
    try {
      r = await session.run(`printf '%s\n' ${shq(password)} | sudo -S -p '' -v`, { timeoutMs: 30_000 });
    } catch {
      // The error would quote the command, and with it the password.
      throw new TargetError(ceText('SUDO_TIMEOUT', { host: who }));
    }
    if (r.exitCode !== 0) {
      const why = r.output.split(password).join('***').trim().split('\n').filter(Boolean).pop() ?? `exit ${r.exitCode}`;
      throw new TargetError(ceText('SUDO_REFUSED', { host: who, said: why }));
    }
    validatedAt = Date.now();
  };
  await validate();
  return {
    mode: 'password',
    keepAlive: async () => {
      if (Date.now() - validatedAt > SUDO_REFRESH_MS) await validate();
    },
  };
}

/**
 * An SSH shell comes with a terminal: it echoes input, adds CR to every newline and may print prompts, all of
 * which would land in command output. Switch echo and output processing off and hand every further line to a
 * non-interactive `sh` reading from a pipe (no prompts, no line editing), then wait until it answers.
 */
async function plainShellOverPty(transport: Transport): Promise<void> {
  const nonce = randomBytes(6).toString('hex');
  let seen = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TargetError(ceText('SHELL_TIMEOUT', { said: JSON.stringify(seen.slice(-300)) }))), 15_000);
    const off = transport.onData((chunk) => {
      seen += Buffer.from(chunk).toString('latin1');
      // The marker is built by printf, so the echoed command line itself never matches.
      if (seen.includes(`__IPOE_READY_${nonce}__`)) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
    transport.onClose(() => reject(new TargetError(ceText('SHELL_CLOSED'))));
  });
  // The new sh sets the terminal up itself (the login shell may restore its own settings when it execs), then
  // prints the marker. Lines are relayed by the shell's own `read`, not `cat`: busybox cat may copy with
  // sendfile, which holds a line back until more input arrives.
  await transport.write(
    `exec sh -c 'stty raw -echo 2>/dev/null; printf "__IPOE_READY_%s__\\n" ${nonce}; while IFS= read -r l; do printf "%s\\n" "$l"; done | LC_ALL=C exec sh'\n`,
  );
  await ready;
  // Let anything the login shell still prints arrive before the first framed command.
  await new Promise((r) => setTimeout(r, 100));
}
