import type { Transport } from '../transports/transport.js';
import { errorDetail, MessageError, say, type Message } from '../../shared/i18n/message.js';
import { bothEncodings, decodeConsole, stripAnsi, type ConsoleCharset } from './console-decoder.js';

export interface RtxCredentials {
  username?: string | undefined;
  password?: string | undefined;
  adminPassword?: string | undefined;
}

export interface RtxSessionOptions extends RtxCredentials {
  /** Base timeout per command; long outputs get extra time at line speed. */
  commandTimeoutMs?: number;
  loginTimeoutMs?: number;
  charset?: ConsoleCharset;
  /** Quiet time that confirms a prompt really ended the output (a `#` can start a config line). */
  settleMs?: number;
  /** After the pager's `q`, how long to wait for the prompt before reading on (a console that ignores `q`). */
  quitWaitMs?: number;
  /**
   * The far end prints its login prompt by itself (a Telnet server does): wait for it before pressing Enter, so
   * an Enter is never taken for an empty password. Enter follows only if nothing came within the login timeout.
   */
  waitForGreeting?: boolean;
}

export interface CommandResult {
  command: string;
  output: string;
  /** Bytes received for this command, pager and echo included: what the wire carried. */
  bytes: number;
  elapsedMs: number;
  /** The console's own error line (`Error: …` / `エラー：…`), when it printed one. */
  error: string | null;
  /** Reading stopped at the pager (`q`): `output` is the first part of what the command prints. */
  stopped: boolean;
}

export interface RunOptions {
  timeoutMs?: number;
  expectBytes?: number;
  onBytes?: (bytesSoFar: number) => void;
  /**
   * Read page by page and stop (the pager's `q`) once this holds for the output lines read so far: the rest is
   * never sent. Paging needs user mode (in administrator mode `console lines` would change the configuration),
   * so the session leaves administrator mode first.
   */
  stopWhen?: (lines: readonly string[]) => boolean;
  /** Lines per page for a `stopWhen` read (default PAGE_LINES): about what is expected before it can stop. */
  pageLines?: number;
}

/** What the console offers beyond the basic show commands (model table: shared/rtx/console-features.ts). */
export interface SessionFeatures {
  /** `show … | grep`; false once the console refused it. */
  grep: boolean;
}

/** Lines per page for reads that may stop early: a few kB a page at 9600 bit/s between decisions. */
export const PAGE_LINES = 40;
/** `console lines` takes 1–100 (command reference; the twin checks the same range). */
const MAX_PAGE_LINES = 100;

/** Commands that leave the running configuration as it was. */
function readOnly(command: string, admin: boolean): boolean {
  if (/^(?:show|ping6?|traceroute6?|administrator|exit|quit|help)\b/.test(command)) return true;
  // In user mode console settings last for the session only; in administrator mode they are config lines.
  return !admin && /^(?:no\s+)?console\b/.test(command);
}

export class RtxSessionError extends MessageError {
  override name = 'RtxSessionError';
  constructor(
    override readonly code:
      | 'timeout'
      | 'login-failed'
      | 'admin-failed'
      | 'username-required'
      | 'disconnected'
      | 'no-prompt'
      | 'busy',
    message: Message,
  ) {
    super(code, message);
  }
}

const PAGER_MARKERS = [...bothEncodings('---つづく---'), Buffer.from('---more---'), Buffer.from('--More--')];
const PASSWORD_PROMPT = /(?:^|\n)[^\n]*Password:\s*$/i;
const USERNAME_PROMPT = /(?:^|\n)\s*(?:Username|Login):\s*$/i;
const SAVE_PROMPT = /\(Y\/N\)\s*$/;
// A prompt is the last line: an optional `console prompt` name, an optional `tunnel1`/`pp1` suffix, then > or #.
const PROMPT = /(?:^|\n)([^\n]{0,80}?)([>#]) ?$/;
const ERROR_LINE = /^(?:Error:|エラー[：:]).*$/m;

type Waiter = { test: () => boolean; resolve: () => void };

/**
 * A logged-in RTX console over any transport: wakes it, logs in, finds the prompt, pages through
 * output, decodes the character set, strips echo and escape sequences, spots error lines, and puts
 * back the console settings it changed. It never saves the configuration on its own.
 */
export class RtxSession {
  private buf = Buffer.alloc(0);
  private waiters: Waiter[] = [];
  private closeReason: Error | null = null;
  private closedByPeer = false;
  private busy = false;
  private lastDataAt = 0;
  private restore: string[] = [];
  prompt = '';
  admin = false;
  features: SessionFeatures = { grep: true };
  /** Counts commands that may have changed the running config (anything but show, ping, console in user mode …). */
  configEpoch = 0;
  /** The last whole `show config` this session read, and when: a backup taken before any change may reuse it. */
  private lastConfig: { output: string; epoch: number; at: number } | null = null;
  /** `console lines` as this session last set it. */
  private consoleLines: number | 'infinity' | 'default' = 'default';
  charset: ConsoleCharset;
  /** The console width: output lines exactly this long were wrapped by the console and are rejoined. */
  columns = 80;
  /** The character set the console's output turned out to use (auto-detected per response). */
  detectedCharset: 'utf8' | 'cp932' | null = null;
  private readonly offData: () => void;
  private readonly offClose: () => void;

  constructor(
    readonly transport: Transport,
    private readonly opts: RtxSessionOptions = {},
  ) {
    this.charset = opts.charset ?? 'auto';
    this.offData = transport.onData((chunk) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      this.lastDataAt = Date.now();
      this.poke();
    });
    this.offClose = transport.onClose((reason) => {
      this.closedByPeer = true;
      this.closeReason = reason;
      this.poke();
    });
  }

  private poke(): void {
    for (const w of [...this.waiters]) {
      if (w.test()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  private text(): string {
    // latin1 keeps one char per byte: ASCII patterns match whatever the console charset is.
    return this.buf.toString('latin1');
  }

  private wait(test: () => boolean, timeoutMs: number, what: Message): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { test, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new RtxSessionError('timeout', say('msg.session.timeout', { what, ms: timeoutMs })));
      }, timeoutMs);
      this.waiters.push(waiter);
    }).then(() => {
      if (this.closedByPeer && !test()) throw this.disconnectedError();
    });
  }

  private disconnectedError(): RtxSessionError {
    return new RtxSessionError(
      'disconnected',
      this.closeReason ? say('msg.session.lostBecause', { cause: errorDetail(this.closeReason) }) : say('msg.session.lost'),
    );
  }

  /** Resolves when the buffer ends in something the session must act on. */
  private async waitForAttention(timeoutMs: number, what: Message): Promise<'prompt' | 'password' | 'username' | 'pager' | 'save'> {
    const settle = this.opts.settleMs ?? 60;
    for (;;) {
      await this.wait(() => this.closedByPeer || this.classify() !== null, timeoutMs, what);
      if (this.closedByPeer && this.classify() === null) throw this.disconnectedError();
      const kind = this.classify()!;
      if (kind !== 'prompt') return kind;
      // Confirm the prompt by a short silence: mid-output a line can briefly end in `#` or `>`.
      const before = this.buf.length;
      await new Promise((r) => setTimeout(r, settle));
      if (this.buf.length === before) return 'prompt';
    }
  }

  private classify(): 'prompt' | 'password' | 'username' | 'pager' | 'save' | null {
    const tail = this.buf.subarray(Math.max(0, this.buf.length - 200));
    for (const m of PAGER_MARKERS) if (endsWithTrimmed(tail, m)) return 'pager';
    const t = tail.toString('latin1');
    if (PASSWORD_PROMPT.test(t)) return 'password';
    if (USERNAME_PROMPT.test(t)) return 'username';
    if (SAVE_PROMPT.test(t)) return 'save';
    if (PROMPT.test(t)) return 'prompt';
    return null;
  }

  private async send(text: string): Promise<void> {
    if (this.closedByPeer) throw this.disconnectedError();
    await this.transport.write(text);
  }

  private lineTimeout(extraBytes: number): number {
    const base = this.opts.commandTimeoutMs ?? 15_000;
    const bps = this.transport.bytesPerSecond;
    return bps ? base + Math.ceil((extraBytes / bps) * 1000) : base;
  }

  /** Wake the console and log in. Never retries a refused password: lockouts are worse than an error. */
  async open(): Promise<void> {
    const timeout = this.opts.loginTimeoutMs ?? 10_000;
    let sentPassword = false;
    let sentUsername = false;
    // Send CR only: CR+LF is two Enters on an RTX console.
    if (!this.opts.waitForGreeting) await this.send('\r');
    for (let round = 0; round < 8; round++) {
      let kind;
      try {
        kind = await this.waitForAttention(timeout, say('msg.session.waitLogin'));
      } catch (err) {
        if (err instanceof RtxSessionError && err.code === 'timeout' && round === 0) {
          // An idle console or one showing a half-typed line may need a second Enter.
          await this.send('\r');
          continue;
        }
        if (err instanceof RtxSessionError && err.code === 'timeout') {
          throw new RtxSessionError(
            'no-prompt',
            say(this.buf.length > 0 ? 'msg.session.noPromptGarbled' : 'msg.session.noAnswer'),
          );
        }
        throw err;
      }
      const tail = this.takeAll();
      if (kind === 'prompt') {
        this.learnPrompt(tail);
        break;
      }
      if (kind === 'pager') {
        await this.send(' ');
        continue;
      }
      if (kind === 'save') {
        await this.send('N');
        continue;
      }
      if (kind === 'username') {
        if (sentUsername && sentPassword) throw loginFailed();
        if (!this.opts.username) throw new RtxSessionError('username-required', say('msg.session.usernameRequired'));
        sentUsername = true;
        await this.send(`${this.opts.username}\r`);
        continue;
      }
      if (kind === 'password') {
        if (sentPassword) throw loginFailed();
        sentPassword = true;
        await this.send(`${this.opts.password ?? ''}\r`);
        continue;
      }
    }
    if (!this.prompt) throw new RtxSessionError('no-prompt', say('msg.session.noPromptAfterLogin'));
    // Paging off and wide lines for this session only: in user mode the changes are not part of the
    // configuration. Wide lines mean fewer wrapped config lines (which the parsers would misread).
    if (!this.admin) {
      const lines = await this.run('console lines infinity');
      if (!lines.error) this.restore.push('no console lines');
      else this.consoleLines = 'default';
      const columns = await this.run('console columns 200');
      if (!columns.error) {
        this.restore.push('no console columns');
        this.columns = 200;
      }
    }
  }

  private learnPrompt(text: string): void {
    const m = PROMPT.exec(text.replace(/\r/g, ''));
    if (!m) return;
    this.prompt = `${m[1] ?? ''}${m[2]}`.trimStart();
    this.admin = m[2] === '#';
  }

  private takeAll(): string {
    const t = this.text();
    this.buf = Buffer.alloc(0);
    return t;
  }

  /**
   * Run one command and return its decoded output without echo, pager prompts or the final prompt. With
   * `stopWhen`, the output is read a page at a time and reading stops once it holds.
   */
  async run(command: string, opts: RunOptions = {}): Promise<CommandResult> {
    if (this.busy || this.running) throw new RtxSessionError('busy', say('msg.session.busy'));
    if (/[\r\n]/.test(command)) throw new Error('a console command must be a single line');
    this.running = true;
    try {
      if (opts.stopWhen) {
        const page = Math.min(Math.max(Math.round(opts.pageLines ?? PAGE_LINES), 2), MAX_PAGE_LINES);
        if (this.admin) await this.leaveAdmin();
        if (this.consoleLines !== page) await this.setConsoleLines(page);
      } else if (this.paging() && !this.admin) {
        await this.setConsoleLines('infinity');
      }
      const result = await this.exec(command, opts);
      if (!readOnly(canonical(command), this.admin)) this.configEpoch++;
      if (!result.error) this.track(canonical(command), result);
      return result;
    } finally {
      this.running = false;
    }
  }

  /** A `run` is under way (its console settings and the command itself), so another must wait. */
  private running = false;

  /** Remember what a command did to the session's own state: console lines, a whole config read. */
  private track(command: string, result: CommandResult): void {
    const lines = /^(no\s+)?console\s+lines(?:\s+(\S+))?$/.exec(command);
    // A `console lines N` typed by a caller is theirs: the session only tracks its own paging (setConsoleLines).
    if (lines && !this.admin) this.consoleLines = lines[2] === 'infinity' ? 'infinity' : 'default';
    if (command === 'show config' && this.admin && !result.stopped) this.lastConfig = { output: result.output, epoch: this.configEpoch, at: Date.now() };
  }

  /**
   * The running config as this session read it whole, when nothing has been sent since that could have changed
   * it and the read is at most `maxAgeMs` old: a backup taken now would read the same text again.
   */
  configUnchangedSince(maxAgeMs: number): string | null {
    const c = this.lastConfig;
    return c && c.epoch === this.configEpoch && Date.now() - c.at <= maxAgeMs ? c.output : null;
  }

  /** This session turned the pager on for a read that may stop early (and has not turned it off again). */
  private paging(): boolean {
    return typeof this.consoleLines === 'number';
  }

  private async setConsoleLines(lines: number | 'infinity'): Promise<void> {
    const r = await this.exec(`console lines ${lines}`, {});
    if (!r.error) this.consoleLines = lines;
  }

  private async exec(command: string, opts: RunOptions): Promise<CommandResult> {
    this.busy = true;
    const started = Date.now();
    const raw: Buffer[] = [];
    let bytes = 0;
    let stopped = false;
    try {
      this.buf = Buffer.alloc(0);
      const offProgress = opts.onBytes ? this.transport.onData(() => opts.onBytes!(bytes + this.buf.length)) : () => undefined;
      await this.send(`${command}\r`);
      const timeout = opts.timeoutMs ?? this.lineTimeout(opts.expectBytes ?? 4096);
      // After `q`, how long to wait for the prompt before deciding the console did not take it.
      const quitWait = Math.min(timeout, this.opts.quitWaitMs ?? 5000);
      let quitting = false;
      let quitRefused = false;
      try {
        for (;;) {
          let kind;
          try {
            kind = await this.waitForAttention(quitting ? quitWait : timeout, say('msg.session.waitOutput', { command }));
          } catch (err) {
            if (!quitting || !(err instanceof RtxSessionError) || err.code !== 'timeout') throw err;
            // Still at the pager: this console does not end a listing on `q`. Read on to the end instead.
            quitting = false;
            quitRefused = true;
            stopped = false;
            await this.send(' ');
            continue;
          }
          const chunk = this.buf;
          this.buf = Buffer.alloc(0);
          bytes += chunk.length;
          if (kind === 'pager') {
            // Another page right after `q`: this console took it for "next page". Read on to the end.
            if (quitting) {
              quitRefused = true;
              stopped = false;
            }
            quitting = false;
            raw.push(stripPagerMarker(chunk));
            if (opts.stopWhen && !quitRefused && opts.stopWhen(this.outputLines(Buffer.concat(raw), command))) {
              stopped = true;
              quitting = true;
              await this.send('q');
            } else await this.send(' ');
            continue;
          }
          quitting = false;
          if (kind === 'save') {
            // Never save by accident: the app saves only with an explicit `save` after verification.
            raw.push(chunk);
            await this.send('N');
            continue;
          }
          raw.push(chunk);
          break;
        }
      } finally {
        offProgress();
      }
      const all = Buffer.concat(raw);
      const lines = this.decodedLines(all, command);
      const last = lines[lines.length - 1] ?? '';
      if (PROMPT.test(last) || PASSWORD_PROMPT.test(last)) {
        this.learnPrompt(last);
        lines.pop();
      }
      const output = rejoinWrapped(lines, this.columns).join('\n');
      const error = ERROR_LINE.exec(output)?.[0]?.trim() ?? null;
      return { command, output, bytes, elapsedMs: Date.now() - started, error, stopped };
    } finally {
      this.busy = false;
    }
  }

  /** A response's lines, decoded, without escapes, pager erasures and our own echo. */
  private decodedLines(all: Buffer, command: string): string[] {
    const decoded = decodeConsole(all, this.charset);
    // Pure ASCII proves nothing; only a response with non-ASCII bytes reveals the charset.
    if (all.some((b) => b >= 0x80)) this.detectedCharset = decoded.charset;
    const clean = stripAnsi(decoded.text)
      .replace(/\r[ \t]*\r(?!\n)/g, '') // the pager erasing its own marker
      .replace(/\r\n/g, '\n')
      .replace(/\r/g, '');
    const lines = clean.split('\n');
    // The first line is our own echo; the last is the prompt.
    if (lines.length > 0 && lines[0]!.trim().endsWith(command.trim())) lines.shift();
    return lines;
  }

  /** The output lines of a response so far (for `stopWhen`): complete lines only, wrapped lines rejoined. */
  private outputLines(sofar: Buffer, command: string): string[] {
    const lines = this.decodedLines(sofar, command);
    lines.pop(); // the line still being printed (or empty after the last newline)
    return rejoinWrapped(lines, this.columns);
  }

  /**
   * Type one line the console takes without answering with a prompt: a body line of `embedded file NAME <<EOF`.
   * Waits for the line's echo (its line end) so lines never run into each other; the terminator line is `run`.
   */
  async typeLine(line: string, what: Message): Promise<void> {
    if (this.busy || this.running) throw new RtxSessionError('busy', say('msg.session.busy'));
    if (/[\r\n]/.test(line)) throw new Error('a console line must be a single line');
    this.busy = true;
    // A heredoc body line changes what the config holds: a config read before it is no backup any more.
    this.configEpoch++;
    try {
      this.buf = Buffer.alloc(0);
      await this.send(`${line}\r`);
      await this.wait(() => this.closedByPeer || /\n/.test(this.text()), this.lineTimeout(line.length + 2), what);
      if (this.closedByPeer) throw this.disconnectedError();
    } finally {
      this.busy = false;
    }
  }

  /** Enter administrator mode (needed for `show config`). */
  async enterAdmin(): Promise<void> {
    if (this.admin) return;
    // Paging back off first: in administrator mode `console lines` would be a config change.
    if (this.paging()) await this.setConsoleLines('infinity');
    const asked = await this.run('administrator');
    if (asked.error) throw new RtxSessionError('admin-failed', say('msg.session.adminRefused', { cause: asked.error }));
    this.buf = Buffer.alloc(0);
    await this.send(`${this.opts.adminPassword ?? ''}\r`);
    await this.waitForAttention(this.lineTimeout(256), say('msg.session.waitAdmin'));
    const tail = this.takeAll();
    this.learnPrompt(tail);
    if (!this.admin) {
      throw new RtxSessionError('admin-failed', say('msg.session.adminPasswordRefused'));
    }
  }

  /** Put back console settings, leave administrator mode without saving, log out, close the wire. */
  async close(): Promise<void> {
    try {
      if (!this.closedByPeer) {
        if (this.admin) await this.leaveAdmin();
        for (const cmd of this.restore.reverse()) await this.run(cmd, { timeoutMs: 5000 }).catch(() => undefined);
        this.restore = [];
      }
    } finally {
      this.offData();
      this.offClose();
      await this.transport.close();
    }
  }

  /**
   * Leave administrator mode, declining any save. Returns whether the router asked to save, i.e.
   * whether the running config had unsaved changes: after a verified `save` it must not ask.
   */
  async leaveAdmin(): Promise<{ hadUnsavedChanges: boolean }> {
    if (!this.admin) return { hadUnsavedChanges: false };
    this.buf = Buffer.alloc(0);
    await this.send('exit\r');
    const kind = await this.waitForAttention(5000, say('msg.session.waitLeaveAdmin'));
    if (kind === 'save') {
      this.buf = Buffer.alloc(0);
      // A bare N, no Enter: the console takes the key at once.
      await this.send('N');
      await this.waitForAttention(5000, say('msg.session.waitAfterSave'));
    }
    this.learnPrompt(this.takeAll());
    this.admin = false;
    return { hadUnsavedChanges: kind === 'save' };
  }

  get settingsToRestore(): readonly string[] {
    return this.restore;
  }

  get isOpen(): boolean {
    return !this.closedByPeer && !this.transport.closed;
  }
}

function canonical(command: string): string {
  return command.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Undo the console's line wrapping: a line exactly `width` long continues on the next one. */
function rejoinWrapped(lines: string[], width: number): string[] {
  const out: string[] = [];
  let continues = false;
  for (const line of lines) {
    if (continues && out.length) out[out.length - 1] += line;
    else out.push(line);
    continues = [...line].length === width;
  }
  return out;
}

function loginFailed(): RtxSessionError {
  return new RtxSessionError('login-failed', say('msg.session.loginRefused'));
}

function endsWithTrimmed(buf: Buffer, marker: Buffer): boolean {
  let end = buf.length;
  while (end > 0 && (buf[end - 1] === 0x20 || buf[end - 1] === 0x0d || buf[end - 1] === 0x0a)) end--;
  return end >= marker.length && buf.subarray(end - marker.length, end).equals(marker);
}

function stripPagerMarker(chunk: Buffer): Buffer {
  for (const m of PAGER_MARKERS) {
    const at = chunk.lastIndexOf(m);
    if (at >= 0) return chunk.subarray(0, at);
  }
  return chunk;
}
