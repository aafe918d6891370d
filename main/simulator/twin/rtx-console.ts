import type { Scenario } from './scenario.js';
import { errorLine, consoleMessages, pagerMarker, type ConsoleLanguage, type ConsoleMessage } from './console-messages.js';
import { renderShowEnvironment, renderShowConfig } from './render-show.js';
import { RunningConfig } from './running-config.js';
import { matchConfigCommand } from './config-commands.js';
import { TwinNetwork } from './twin-network.js';
import {
  renderShowIpv6Address,
  renderShowLog,
  renderShowStatusIpip,
  renderShowStatusIpv6Dhcp,
  renderShowStatusTunnel,
  type StatusContext,
} from './render-status.js';
import { renderShowIpRoute, renderShowIpv6Route, renderShowNatDescriptorAddress } from './render-routes.js';
import { parsePingArgs, runPing } from './ping.js';
import { scriptFile } from './update-server.js';

type Mode = 'username' | 'login-password' | 'user' | 'admin-password' | 'admin' | 'paging' | 'save-confirm' | 'busy' | 'heredoc' | 'closed';
type Charset = 'ascii' | 'ja.sjis' | 'ja.utf8' | 'en.ascii';

interface ConsoleSettings {
  lines: number | 'infinity';
  columns: number;
  character: Charset;
  prompt: string;
}

export interface RtxConsoleOptions {
  /** Time source for the router's clock, counters and ping pacing; tests inject a fixed one. */
  clock?: () => Date;
  /** Real time between ping echoes (default 20 ms): short, so a ping never holds the console for long. */
  pingIntervalMs?: number;
  /** The stored config when it differs from the one in force (a router another session changed without saving). */
  savedConfig?: string;
  /** A network login (Telnet) ends the connection at logout; a serial console shows its login prompt again. */
  hangUpOnLogout?: boolean;
}

/**
 * What the console needs from the platform it runs on (main/simulator/host gives Node's): the console itself
 * is pure, so it can be driven in any runtime and stepped by hand in a test.
 */
export interface RtxConsoleHost {
  /** Runs `fn` after `ms` of real time: ping replies arrive one by one, as on the router. */
  after(ms: number, fn: () => void): void;
  /** The Shift_JIS (cp932) bytes of a text, for a console set to `console character ja.sjis`. */
  encodeSjis(text: string): Uint8Array;
}

/** An operational command (not part of the config): `show …`, `ping`, `save`, `administrator` … */
interface OpCommand {
  words: string[];
  adminOnly?: boolean;
  /** A `show` command: its output may be piped to `grep`. */
  show?: boolean;
  run: (args: string[]) => void;
}

/**
 * The RTX console as a byte stream: what a terminal on the serial port or an SSH shell sees.
 * It models login, administrator mode, the pager, console character sets, line wrapping, the save prompt,
 * a config model edited by commands (running vs saved) and the provider world that decides what the
 * line does. Session-only console settings made in user mode never reach the config.
 */
export class RtxConsole {
  private mode: Mode;
  private line = '';
  private pendingLines: string[] = [];
  private settings: ConsoleSettings;
  private savedSettings: ConsoleSettings;
  private dirty = false;
  private loginAttempts = 0;
  private readonly listeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<() => void>();
  private readonly changeListeners = new Set<() => void>();
  private readonly running: RunningConfig;
  private saved: string;
  private selectedTunnel: number | null = null;
  private heredoc: { name: string; terminator: string; lines: string[] } | null = null;
  private queuedInput: number[] = [];
  private readonly clock: () => Date;
  private readonly pingIntervalMs: number;
  readonly network: TwinNetwork;
  private readonly ops: OpCommand[];

  constructor(
    readonly scenario: Scenario,
    private readonly host: RtxConsoleHost,
    opts: RtxConsoleOptions = {},
  ) {
    this.clock = opts.clock ?? (() => new Date());
    this.pingIntervalMs = opts.pingIntervalMs ?? 20;
    const prompt = scenario.console.prompt ?? '';
    this.settings = { lines: 24, columns: 80, character: scenario.console.character, prompt };
    this.savedSettings = { ...this.settings };
    this.mode = scenario.console.loginUser ? 'username' : 'login-password';
    this.running = new RunningConfig(scenario.config);
    this.saved = opts.savedConfig === undefined ? this.running.text() : new RunningConfig(opts.savedConfig).text();
    this.dirty = this.saved !== this.running.text();
    this.hangUpOnLogout = opts.hangUpOnLogout ?? false;
    this.network = new TwinNetwork(scenario, () => this.running.text(), this.clock);
    this.ops = this.operationalCommands();
  }

  get language(): ConsoleLanguage {
    return this.settings.character.startsWith('ja') ? 'ja' : 'en';
  }

  get isAdmin(): boolean {
    return this.mode === 'admin' || (this.mode === 'paging' && this.adminBeforePaging);
  }

  /** The configuration in force now, as `show config` prints its body. */
  runningConfigText(): string {
    return this.running.text();
  }

  /** The configuration stored by the last `save` (what the router boots with). */
  savedConfigText(): string {
    return this.saved;
  }

  /** Changes made in administrator mode that no `save` has stored yet. */
  get hasUnsavedChanges(): boolean {
    return this.dirty;
  }

  private adminBeforePaging = false;
  private readonly hangUpOnLogout: boolean;

  onOutput(listener: (chunk: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Called after the config in force or the stored one changed (the host shares them between sessions). */
  onConfigChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private markDirty(): void {
    this.dirty = true;
    for (const l of this.changeListeners) l();
  }

  /** Bytes typed by the user (or the app). */
  input(bytes: Uint8Array): void {
    for (const byte of bytes) {
      if (this.mode === 'closed') return;
      // While a command runs (ping), typed bytes wait, as in the real console's input buffer.
      if (this.mode === 'busy') {
        this.queuedInput.push(byte);
        continue;
      }
      this.key(byte);
    }
  }

  private key(byte: number): void {
    const isCr = byte === 0x0d;
    const isLf = byte === 0x0a;
    if (this.mode === 'paging') return this.pagerKey(byte);
    if (this.mode === 'save-confirm') return this.saveKey(byte);
    if (isCr || isLf) {
      // Both CR and LF are Enter, so CR+LF really is two Enters (peers learned this the hard way).
      const line = this.line;
      this.line = '';
      this.emitRaw('\r\n');
      this.enter(line);
      return;
    }
    if (byte === 0x08 || byte === 0x7f) {
      if (this.line.length > 0) {
        this.line = this.line.slice(0, -1);
        if (this.echoes()) this.emitRaw('\b \b');
      }
      return;
    }
    if (byte === 0x03) {
      this.line = '';
      this.emitRaw('\r\n');
      if (this.mode === 'heredoc') {
        this.heredoc = null;
        this.mode = 'admin';
      }
      this.prompt();
      return;
    }
    if (byte < 0x20) return; // other control bytes (line noise) are ignored, like the real console
    const ch = String.fromCharCode(byte);
    if (this.line.length < 4096) this.line += ch;
    if (this.echoes()) this.emitRaw(ch);
  }

  private echoes(): boolean {
    return this.mode === 'user' || this.mode === 'admin' || this.mode === 'username' || this.mode === 'heredoc';
  }

  /** Called when the console is first attached: a real console prints nothing until woken. */
  attach(): void {
    // Nothing: the app must wake the console with Enter, as a person would.
  }

  private enter(rawLine: string): void {
    const line = rawLine.trim();
    switch (this.mode) {
      case 'username':
        this.pendingUser = line;
        if (line === '') return this.askUsername();
        this.emitRaw('Password: ');
        this.mode = 'login-password';
        return;
      case 'login-password':
        return this.checkLogin(rawLine);
      case 'admin-password':
        if (rawLine === this.scenario.console.adminPassword) {
          this.mode = 'admin';
        } else {
          this.mode = 'user';
          this.say(errorLine(this.language, 'incorrectPassword'));
        }
        return this.prompt();
      case 'heredoc':
        return this.heredocLine(rawLine);
      case 'user':
      case 'admin':
        return this.command(line);
      default:
        return;
    }
  }

  private pendingUser: string | null = null;
  private woken = false;

  private askUsername(): void {
    this.emitRaw('\r\nUsername: ');
  }

  private checkLogin(password: string): void {
    const expectUser = this.scenario.console.loginUser;
    if (!this.woken && password === '' && (expectUser === undefined || this.pendingUser === null)) {
      // First Enter on an idle console only wakes it up.
      this.woken = true;
      if (expectUser) {
        this.mode = 'username';
        return this.askUsername();
      }
      this.emitRaw('\r\nPassword: ');
      return;
    }
    const userOk = expectUser === undefined || this.pendingUser === expectUser;
    if (userOk && password === this.scenario.console.loginPassword) {
      this.loginAttempts = 0;
      return this.loggedIn();
    }
    this.loginAttempts++;
    this.emitRaw(`${errorLine(this.language, 'incorrectPassword')}\r\n`);
    if (this.loginAttempts >= 3) {
      // Real consoles lock out after repeated failures; the app must never storm.
      this.emitRaw('Too many login failures.\r\n');
      this.close();
      return;
    }
    if (expectUser) {
      this.mode = 'username';
      this.pendingUser = null;
      return this.askUsername();
    }
    this.emitRaw('Password: ');
  }

  /**
   * A console reached over SSH: the user authenticated at the SSH layer, so it greets at once with the
   * banner and the prompt, without a Password: step.
   */
  greetLoggedIn(): void {
    this.woken = true;
    this.loggedIn();
  }

  /**
   * A console reached over Telnet: the router's Telnet server prints its login prompt at once (the user name
   * first on models with named login), with no Enter needed to wake it.
   */
  greetLogin(): void {
    if (this.woken || (this.mode !== 'username' && this.mode !== 'login-password')) return;
    this.woken = true;
    if (this.scenario.console.loginUser) {
      this.mode = 'username';
      return this.askUsername();
    }
    this.emitRaw('\r\nPassword: ');
  }

  private loggedIn(): void {
    this.mode = 'user';
    this.emitRaw(`\r\n${this.scenario.device.model} ${this.revisionLine()}\r\n`);
    this.emitRaw('Copyright (c) 1994-2026 Yamaha Corporation. All Rights Reserved.\r\n\r\n');
    this.prompt();
  }

  private revisionLine(): string {
    return `Rev.${this.scenario.device.firmware} (${this.scenario.device.firmwareDate})`;
  }

  private promptText(): string {
    const admin = this.mode === 'admin';
    // `tunnel1` is shown while a tunnel is selected (RT simulator message table); the space between a
    // `console prompt` name and it is the twin's guess.
    const selected = admin && this.selectedTunnel !== null ? `tunnel${this.selectedTunnel}` : '';
    const name = this.settings.prompt;
    return `${name}${name && selected ? ' ' : ''}${selected}${admin ? '#' : '>'} `;
  }

  private prompt(): void {
    this.emitRaw(this.promptText());
  }

  /** The operational command table: anything here is not a config line. */
  private operationalCommands(): OpCommand[] {
    const show = (words: string[], render: (args: string[]) => string[] | null, adminOnly = false): OpCommand => ({
      words: ['show', ...words],
      adminOnly,
      show: true,
      run: (args) => {
        const lines = render(args);
        if (lines === null) return this.error('invalidCommand');
        this.network.settle();
        this.page(lines);
      },
    });
    return [
      { words: ['administrator'], run: () => this.administrator() },
      { words: ['exit'], run: () => this.exit() },
      { words: ['quit'], run: () => this.exit() },
      { words: ['console'], run: (a) => this.consoleCommand(a, false) },
      { words: ['no', 'console'], run: (a) => this.consoleCommand(a, true) },
      { words: ['save'], adminOnly: true, run: () => this.save() },
      { words: ['tunnel', 'select'], adminOnly: true, run: (a) => this.tunnelSelect(a) },
      { words: ['embedded', 'file'], adminOnly: true, run: (a) => this.embeddedFile(a) },
      { words: ['no', 'embedded', 'file'], adminOnly: true, run: (a) => this.removeEmbeddedFile(a) },
      { words: ['lua'], adminOnly: true, run: (a) => this.lua(a) },
      { words: ['terminate', 'lua'], adminOnly: true, run: (a) => this.terminateLua(a) },
      { words: ['ping'], run: (a) => this.ping('ipv4', a) },
      { words: ['ping6'], run: (a) => this.ping('ipv6', a) },
      show(['environment'], () => renderShowEnvironment(this.scenario, this.network.routerNow(), this.network.uptimeSeconds())),
      show(['config'], () => renderShowConfig(this.scenario, this.network.routerNow(), this.running.text()), true),
      show(['status', 'ipip'], () => renderShowStatusIpip(this.statusContext())),
      show(['status', 'tunnel'], (a) => (a.length === 1 && /^\d+$/.test(a[0]!) ? renderShowStatusTunnel(this.statusContext(), Number(a[0])) : null)),
      show(['status', 'ipv6', 'dhcp'], () => renderShowStatusIpv6Dhcp(this.statusContext())),
      show(['ipv6', 'address'], () => renderShowIpv6Address(this.statusContext())),
      show(['ip', 'route'], () => renderShowIpRoute(this.statusContext())),
      show(['ipv6', 'route'], () => renderShowIpv6Route(this.statusContext())),
      show(['nat', 'descriptor', 'address'], (a) => {
        // `show nat descriptor address N`: one descriptor's table.
        if (a.length > 1 || (a[0] !== undefined && !/^\d+$/.test(a[0]))) return null;
        return renderShowNatDescriptorAddress(this.statusContext(), a[0] === undefined ? null : Number(a[0]));
      }),
      show(['log'], (a) => {
        // `show log reverse`: newest first (seen in public captures since Rev.8.03).
        if (a.length === 0) return renderShowLog(this.network.logEntries());
        return a.length === 1 && a[0] === 'reverse' ? renderShowLog(this.network.logEntries()).reverse() : null;
      }),
    ];
  }

  private statusContext(): StatusContext {
    this.network.settle();
    return {
      scenario: this.scenario,
      config: this.network.config(),
      world: this.network.state(),
      lang: this.language,
      now: this.network.routerNow(),
      counters: (id) => this.network.countersOf(id),
      upSince: (id) => this.network.tunnelUpSince(id),
    };
  }

  private command(input: string): void {
    if (input === '') return this.prompt();
    const piped = splitPipe(input);
    const line = piped.command;
    const words = line.split(/\s+/);
    // The longest operational command whose words lead the line; exact words, so `show` alone is invalid.
    let op: OpCommand | null = null;
    for (const c of this.ops) {
      if (c.words.length <= words.length && c.words.every((w, i) => words[i] === w) && (!op || c.words.length > op.words.length)) op = c;
    }
    if (piped.pipe !== null) {
      // Only a show command's output goes through a pipe, and only on firmware that has one.
      if (!op?.show || !this.scenario.console.grep) return this.error('illegalKeyword');
      const grep = parseGrep(piped.pipe);
      if (typeof grep === 'string') return this.error(grep);
      if (op.adminOnly && this.mode !== 'admin') return this.error('adminOnly');
      this.lineFilter = grep;
      try {
        return op.run(words.slice(op.words.length));
      } finally {
        this.lineFilter = null;
      }
    }
    if (op) {
      if (op.adminOnly && this.mode !== 'admin') return this.error('adminOnly');
      return op.run(words.slice(op.words.length));
    }
    return this.configCommand(words);
  }

  /** `| grep …` on the show command being run (its lines are filtered before paging and wrapping). */
  private lineFilter: ((line: string) => boolean) | null = null;

  /** A config line typed at the console: it edits the running config (administrator mode only). */
  private configCommand(words: string[]): void {
    const negate = words[0] === 'no';
    const w = negate ? words.slice(1) : words;
    const m = matchConfigCommand(w);
    if (!m) return this.error('invalidCommand');
    if (this.mode !== 'admin') return this.error('adminOnly');
    const spec = m.spec;
    if (!negate) {
      if (m.args.length < spec.minArgs || (spec.maxArgs !== undefined && m.args.length > spec.maxArgs)) return this.error('parameterCount');
      const invalid = spec.validate?.(m.args);
      if (invalid) return this.error(invalid);
    } else if (m.partialKey && spec.identityExtra === undefined) {
      return this.error('parameterCount');
    }
    // Time before the change counts under the old state.
    this.network.settle();
    const text = w.join(' ');
    if (spec.scope === 'tunnel-named') {
      const id = Number(w[2]);
      if (negate || w[1] === 'disable') this.running.removeInTunnel(id, m);
      else this.running.setInTunnel(id, text, m);
    } else if (spec.scope === 'tunnel') {
      if (this.selectedTunnel === null) return this.error('selectTunnelFirst');
      if (negate) this.running.removeInTunnel(this.selectedTunnel, m);
      else this.running.setInTunnel(this.selectedTunnel, text, m);
    } else if (negate) this.running.removeGlobal(m);
    else this.running.setGlobal(text, m);
    this.markDirty();
    return this.prompt();
  }

  private administrator(): void {
    if (this.mode === 'admin') return this.prompt();
    this.mode = 'admin-password';
    this.emitRaw('Password: ');
  }

  private exit(): void {
    if (this.mode !== 'admin') return this.logout();
    this.selectedTunnel = null;
    if (this.dirty) {
      this.mode = 'save-confirm';
      this.emitRaw(this.encodeText(this.language === 'ja' ? consoleMessages.saveConfirm.ja : consoleMessages.saveConfirm.en));
      return;
    }
    this.mode = 'user';
    return this.prompt();
  }

  private save(): void {
    this.storeConfig();
    this.say(this.language === 'ja' ? 'セーブ中... CONFIG0 終了' : 'Saving ... CONFIG0 Done ');
    return this.prompt();
  }

  private storeConfig(): void {
    this.dirty = false;
    this.saved = this.running.text();
    this.savedSettings = { ...this.settings };
    for (const l of this.changeListeners) l();
  }

  private tunnelSelect(args: string[]): void {
    const [id] = args;
    if (args.length !== 1) return this.error('parameterCount');
    if (id === 'none') this.selectedTunnel = null;
    else if (id && /^\d+$/.test(id) && +id >= 1 && +id <= 3000) this.selectedTunnel = +id;
    else return this.error('outOfRange');
    return this.prompt();
  }

  /** `embedded file NAME <<EOF`: the following lines, up to the terminator, are the file. */
  private embeddedFile(args: string[]): void {
    const text = args.join(' ');
    const m = /^(\S+?)\s*<<\s*["']?([^"'\s]+)["']?$/.exec(text);
    if (!m) return this.error('parameterCount');
    this.heredoc = { name: m[1]!, terminator: m[2]!, lines: [`embedded file ${m[1]} <<${m[2]}`] };
    this.mode = 'heredoc';
  }

  private heredocLine(raw: string): void {
    const doc = this.heredoc!;
    doc.lines.push(raw);
    if (raw.trim() !== doc.terminator) return;
    this.network.settle();
    this.running.setHeredoc(doc.name, doc.lines);
    this.heredoc = null;
    this.markDirty();
    this.mode = 'admin';
    this.prompt();
  }

  private removeEmbeddedFile(args: string[]): void {
    if (args.length !== 1) return this.error('parameterCount');
    if (this.running.removeHeredoc(args[0]!) > 0) this.markDirty();
    this.prompt();
  }

  /** Lua scripts running now, by the path they were started with (`emfs:/NAME`). */
  private readonly luaTasks = new Set<string>();

  /**
   * `lua emfs:/NAME`: start a script kept in the config. The twin runs only what it models, the fixed-IP update
   * notification (update-server.ts); other scripts start and do nothing. Output formats are the twin's.
   */
  private lua(args: string[]): void {
    const [path] = args;
    if (!path || path.startsWith('-')) return this.error('parameterCount');
    const name = path.replace(/^emfs:\/?/, '');
    if (!path.startsWith('emfs:') || !this.network.config().embeddedFiles.some((f) => f.name === name)) return this.error('noSuchFile');
    this.luaTasks.add(path);
    this.network.settle();
    const script = scriptFile(this.network.config(), path);
    if (script) this.network.runNotification(script);
    return this.prompt();
  }

  /** `terminate lua file PATH` (or a task number): stop a running script; what it already did stays done. */
  private terminateLua(args: string[]): void {
    if (args[0] === 'file' && args[1]) this.luaTasks.delete(args[1]);
    else if (args.length !== 1) return this.error('parameterCount');
    return this.prompt();
  }

  private ping(family: 'ipv4' | 'ipv6', args: string[]): void {
    const req = parsePingArgs(family, args);
    if (typeof req === 'string') return this.error(req);
    this.network.settle();
    const result = runPing(this.network, req);
    if (result.error) return this.error(result.error);
    for (const l of result.header ?? []) this.say(l);
    const resume = this.mode as 'user' | 'admin';
    this.mode = 'busy';
    let i = 0;
    const step = (): void => {
      if (this.mode === 'closed') return;
      if (i < result.replies.length) {
        const reply = result.replies[i++];
        if (reply) this.say(reply);
        this.host.after(this.pingIntervalMs, step);
        return;
      }
      for (const l of result.summary) this.say(l);
      this.mode = resume;
      this.prompt();
      const queued = this.queuedInput;
      this.queuedInput = [];
      if (queued.length > 0) this.input(Uint8Array.from(queued));
    };
    this.host.after(this.pingIntervalMs, step);
  }

  private consoleCommand(args: string[], negate: boolean): void {
    const [what, value] = args;
    const next = { ...this.settings };
    if (what === 'lines') {
      if (negate) next.lines = 24;
      else if (value === 'infinity') next.lines = 'infinity';
      else if (value && /^\d+$/.test(value) && +value >= 1 && +value <= 100) next.lines = +value;
      else return this.error('outOfRange');
    } else if (what === 'columns') {
      if (negate) next.columns = 80;
      else if (value && /^\d+$/.test(value) && +value >= 80 && +value <= 200) next.columns = +value;
      else return this.error('outOfRange');
    } else if (what === 'character') {
      if (negate) next.character = this.scenario.console.character;
      else if (value === 'ascii' || value === 'ja.sjis' || value === 'ja.utf8' || value === 'en.ascii') next.character = value;
      else return this.error('outOfRange');
    } else if (what === 'prompt') {
      next.prompt = negate ? '' : (value ?? '').slice(0, 64);
    } else {
      return this.error('invalidCommand');
    }
    this.settings = next;
    // In administrator mode console settings become part of the configuration; in user mode they last for the session only.
    if (this.mode === 'admin') {
      this.setConsoleLine(what, negate ? null : args.slice(1).join(' '));
      this.markDirty();
    }
    return this.prompt();
  }

  private setConsoleLine(what: string, value: string | null): void {
    const words = ['console', what, ...(value === null ? [] : value.split(' '))];
    const m = matchConfigCommand(words);
    if (!m) return;
    if (value === null) this.running.removeGlobal(m);
    else this.running.setGlobal(words.join(' '), m);
  }

  private error(message: ConsoleMessage): void {
    this.say(errorLine(this.language, message));
    this.prompt();
  }

  private say(text: string): void {
    for (const l of this.wrap([text])) this.emitRaw(this.encodeText(l) + '\r\n');
  }

  /** Lines longer than the console width wrap, as on the real console (`console columns`). */
  private wrap(lines: string[]): string[] {
    const out: string[] = [];
    for (const l of lines) {
      if (l.length <= this.settings.columns) out.push(l);
      else for (let i = 0; i < l.length; i += this.settings.columns) out.push(l.slice(i, i + this.settings.columns));
    }
    return out;
  }

  private page(lines: string[]): void {
    const filter = this.lineFilter;
    this.pendingLines = this.wrap(filter ? lines.filter(filter) : lines);
    this.flushPage();
  }

  private flushPage(): void {
    const limit = this.settings.lines === 'infinity' ? Infinity : this.settings.lines - 1;
    let n = 0;
    while (this.pendingLines.length > 0 && n < limit) {
      this.emitLine(this.pendingLines.shift()!);
      n++;
    }
    if (this.pendingLines.length > 0) {
      this.adminBeforePaging = this.mode === 'admin';
      this.mode = 'paging';
      this.emitRaw(this.encodeText(pagerMarker[this.language]));
      return;
    }
    this.prompt();
  }

  /** One already-wrapped line. */
  private emitLine(text: string): void {
    this.emitRaw(this.encodeText(text) + '\r\n');
  }

  private pagerKey(byte: number): void {
    this.mode = this.adminBeforePaging ? 'admin' : 'user';
    this.emitRaw('\r' + ' '.repeat(pagerMarker[this.language].length * 2) + '\r');
    if (byte === 0x71 /* q */) {
      this.pendingLines = [];
      return this.prompt();
    }
    if (byte === 0x0d || byte === 0x0a) {
      // Enter shows one more line.
      this.emitLine(this.pendingLines.shift()!);
      if (this.pendingLines.length === 0) return this.prompt();
      this.adminBeforePaging = this.mode === 'admin';
      this.mode = 'paging';
      this.emitRaw(this.encodeText(pagerMarker[this.language]));
      return;
    }
    this.flushPage();
  }

  private saveKey(byte: number): void {
    const ch = String.fromCharCode(byte).toUpperCase();
    if (ch !== 'Y' && ch !== 'N') return;
    this.emitRaw(`${ch}\r\n`);
    // N does not undo anything: the changes stay in force until a restart, they are only not stored.
    if (ch === 'Y') this.storeConfig();
    this.mode = 'user';
    this.prompt();
  }

  private logout(): void {
    if (this.hangUpOnLogout) {
      this.emitRaw('\r\n');
      return this.close();
    }
    this.settings = { ...this.savedSettings };
    this.mode = this.scenario.console.loginUser ? 'username' : 'login-password';
    this.woken = false;
    this.pendingUser = null;
    this.emitRaw('\r\n');
  }

  close(): void {
    if (this.mode === 'closed') return;
    this.mode = 'closed';
    for (const l of this.closeListeners) l();
  }

  private encodeText(text: string): string {
    // Internally we carry "binary strings" (one char per byte) so pacing and wrapping see real byte counts.
    const charset = this.settings.character;
    if (charset === 'ja.sjis') return binaryString(this.host.encodeSjis(text));
    // UTF-8 bytes as a binary string (encodeURIComponent gives UTF-8 escapes; unescape turns each into one char).
    return unescape(encodeURIComponent(text));
  }

  private emitRaw(binary: string): void {
    const chunk = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    for (const l of this.listeners) l(chunk);
  }
}

/** `show log | grep x`: the command and what follows the first `|` outside quotes (null without one). */
function splitPipe(line: string): { command: string; pipe: string | null } {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '|') return { command: line.slice(0, i).trim(), pipe: line.slice(i + 1).trim() };
  }
  return { command: line, pipe: null };
}

/** Words of a console line, with `"…"` and `'…'` quoting a word that holds spaces (RTpro FAQ on special characters). */
function quotedWords(text: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of text.matchAll(re)) words.push(m[1] ?? m[2] ?? m[3] ?? '');
  return words;
}

/**
 * `grep [-i] [-v] [-w] PATTERN`: the line test, or the console error. The pattern is a regular expression (the
 * command reference's wording); the twin reads it as a JavaScript one, which agrees for the plain words and dots
 * the app sends. The option letters are the twin's reading of the reference (unconfirmed).
 */
function parseGrep(pipe: string): ((line: string) => boolean) | ConsoleMessage {
  const [name, ...rest] = quotedWords(pipe);
  if (name !== 'grep') return 'invalidCommand';
  const flags = new Set<string>();
  while (rest[0] !== undefined && /^-[ivw]$/.test(rest[0])) flags.add(rest.shift()!.slice(1));
  if (rest.length !== 1 || rest[0] === '') return 'parameterCount';
  let re: RegExp;
  try {
    const source = flags.has('w') ? `(?:^|\\W)(?:${rest[0]})(?:\\W|$)` : rest[0]!;
    re = new RegExp(source, flags.has('i') ? 'i' : '');
  } catch {
    return 'illegalKeyword';
  }
  const invert = flags.has('v');
  return (line) => re.test(line) !== invert;
}

/** Bytes as a string of one char per byte. */
function binaryString(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}
