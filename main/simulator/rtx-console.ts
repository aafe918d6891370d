import iconv from 'iconv-lite';
import type { Scenario } from './scenario.js';
import { errorLine, consoleMessages, pagerMarker, type ConsoleLanguage, type ConsoleMessage } from './console-messages.js';
import { renderShowEnvironment, renderShowConfig } from './render-show.js';

type Mode = 'username' | 'login-password' | 'user' | 'admin-password' | 'admin' | 'paging' | 'save-confirm' | 'closed';
type Charset = 'ascii' | 'ja.sjis' | 'ja.utf8' | 'en.ascii';

interface ConsoleSettings {
  lines: number | 'infinity';
  columns: number;
  character: Charset;
  prompt: string;
}

/**
 * The RTX console as a byte stream: what a terminal on the serial port or an SSH shell sees.
 * It models login, administrator mode, the pager, console character sets, line wrapping and
 * the save prompt. Session-only console settings made in user mode never reach the config.
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

  constructor(
    readonly scenario: Scenario,
    private readonly clock: () => Date = () => new Date(),
  ) {
    const prompt = scenario.console.prompt ?? '';
    this.settings = { lines: 24, columns: 80, character: scenario.console.character, prompt };
    this.savedSettings = { ...this.settings };
    this.mode = scenario.console.loginUser ? 'username' : 'login-password';
  }

  get language(): ConsoleLanguage {
    return this.settings.character.startsWith('ja') ? 'ja' : 'en';
  }

  get isAdmin(): boolean {
    return this.mode === 'admin' || (this.mode === 'paging' && this.adminBeforePaging);
  }

  private adminBeforePaging = false;

  onOutput(listener: (chunk: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Bytes typed by the user (or the app). */
  input(bytes: Uint8Array): void {
    for (const byte of bytes) {
      if (this.mode === 'closed') return;
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
      this.prompt();
      return;
    }
    if (byte < 0x20) return; // other control bytes (line noise) are ignored, like the real console
    const ch = String.fromCharCode(byte);
    if (this.line.length < 4096) this.line += ch;
    if (this.echoes()) this.emitRaw(ch);
  }

  private echoes(): boolean {
    return this.mode === 'user' || this.mode === 'admin' || this.mode === 'username';
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
      this.mode = 'user';
      this.emitRaw(`\r\n${this.scenario.device.model} ${this.revisionLine()}\r\n`);
      this.emitRaw('Copyright (c) 1994-2026 Yamaha Corporation. All Rights Reserved.\r\n\r\n');
      return this.prompt();
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

  private revisionLine(): string {
    return `Rev.${this.scenario.device.firmware} (${this.scenario.device.firmwareDate})`;
  }

  private promptText(): string {
    return `${this.settings.prompt}${this.mode === 'admin' ? '#' : '>'} `;
  }

  private prompt(): void {
    this.emitRaw(this.promptText());
  }

  private command(line: string): void {
    if (line === '') return this.prompt();
    const words = line.split(/\s+/);
    const [verb] = words;
    const rest = words.slice(1).join(' ');
    switch (verb) {
      case 'administrator':
        if (this.mode === 'admin') return this.prompt();
        this.mode = 'admin-password';
        this.emitRaw('Password: ');
        return;
      case 'exit':
      case 'quit':
        if (this.mode === 'admin') {
          if (this.dirty) {
            this.mode = 'save-confirm';
            this.emitRaw(this.encodeText(this.language === 'ja' ? consoleMessages.saveConfirm.ja : consoleMessages.saveConfirm.en));
            return;
          }
          this.mode = 'user';
          return this.prompt();
        }
        return this.logout();
      case 'console':
        return this.consoleCommand(words.slice(1), false);
      case 'no':
        if (words[1] === 'console') return this.consoleCommand(words.slice(2), true);
        break;
      case 'show':
        return this.show(rest);
      case 'save':
        if (this.mode !== 'admin') return this.error('adminOnly');
        this.dirty = false;
        this.savedSettings = { ...this.settings };
        this.say(this.language === 'ja' ? 'セーブ中... CONFIG0 終了' : 'Saving ... CONFIG0 Done ');
        return this.prompt();
    }
    return this.error('invalidCommand');
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
    if (this.mode === 'admin') this.dirty = true;
    return this.prompt();
  }

  private show(what: string): void {
    if (what === 'environment') return this.page(renderShowEnvironment(this.scenario, this.clock()));
    if (what === 'config') {
      if (this.mode !== 'admin') return this.error('adminOnly');
      return this.page(renderShowConfig(this.scenario, this.clock()));
    }
    return this.error('invalidCommand');
  }

  private error(message: ConsoleMessage): void {
    this.say(errorLine(this.language, message));
    this.prompt();
  }

  private say(text: string): void {
    this.emitRaw(this.encodeText(text) + '\r\n');
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
    this.pendingLines = this.wrap(lines);
    this.flushPage();
  }

  private flushPage(): void {
    const limit = this.settings.lines === 'infinity' ? Infinity : this.settings.lines - 1;
    let n = 0;
    while (this.pendingLines.length > 0 && n < limit) {
      this.say(this.pendingLines.shift()!);
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

  private pagerKey(byte: number): void {
    this.mode = this.adminBeforePaging ? 'admin' : 'user';
    this.emitRaw('\r' + ' '.repeat(pagerMarker[this.language].length * 2) + '\r');
    if (byte === 0x71 /* q */) {
      this.pendingLines = [];
      return this.prompt();
    }
    if (byte === 0x0d || byte === 0x0a) {
      // Enter shows one more line.
      this.say(this.pendingLines.shift()!);
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
    if (ch === 'Y') {
      this.dirty = false;
      this.savedSettings = { ...this.settings };
    } else {
      this.settings = { ...this.savedSettings };
      this.dirty = false;
    }
    this.mode = 'user';
    this.prompt();
  }

  private logout(): void {
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
    if (charset === 'ja.sjis') return iconv.encode(text, 'cp932').toString('latin1');
    return Buffer.from(text, 'utf8').toString('latin1');
  }

  private emitRaw(binary: string): void {
    const chunk = Buffer.from(binary, 'latin1');
    for (const l of this.listeners) l(chunk);
  }
}
