/**
 * The Telnet protocol (RFC 854) as a pure byte-level codec, for both ends: our client transport and the twin's
 * Telnet server. It splits the wire into application bytes and commands, answers option negotiation by the
 * Q method of RFC 1143 (so two polite ends never loop: a request that confirms the current state gets no
 * answer), does the subnegotiations we agree to (NAWS, RFC 1073; TERMINAL-TYPE, RFC 1091), and keeps the
 * NVT end-of-line rules: CR NUL is a bare CR, CR LF a new line, IAC in data is doubled.
 */

export const IAC = 255;
export const DONT = 254;
export const DO = 253;
export const WONT = 252;
export const WILL = 251;
export const SB = 250;
export const SE = 240;
const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;

/** Option codes (IANA telnet-options registry). */
export const OPT = {
  BINARY: 0,
  ECHO: 1,
  SGA: 3,
  STATUS: 5,
  TIMING_MARK: 6,
  TTYPE: 24,
  NAWS: 31,
  LINEMODE: 34,
  NEW_ENVIRON: 39,
} as const;

const TTYPE_IS = 0;
const TTYPE_SEND = 1;

/** RFC 1143 per-side state (the queue bit is left out: we never change our mind mid-negotiation). */
type Side = 'no' | 'yes' | 'wantno' | 'wantyes';

export interface TelnetPolicy {
  /** Options this end performs itself when asked (DO → WILL); any other is refused with WONT. */
  local: readonly number[];
  /** Options this end wants the peer to perform (WILL → DO); any other is refused with DONT. */
  remote: readonly number[];
  /** Sent as TERMINAL-TYPE IS when the peer asks (client). */
  terminalType?: string;
  /** Sent as NAWS once we agree to it (client). */
  windowSize?: { columns: number; rows: number };
  /**
   * Received CR LF and CR NUL both become one CR (a server reading keystrokes: either is one Enter); without it
   * CR LF stays a new line and only CR NUL becomes a bare CR (a client reading output).
   */
  enterIsCr?: boolean;
}

/** What the peer told us in a subnegotiation. */
export type TelnetEvent = { kind: 'terminal-type'; name: string } | { kind: 'window-size'; columns: number; rows: number };

export interface Received {
  /** Application bytes, commands and NVT padding removed. */
  data: Uint8Array;
  /** Negotiation answers to write back to the peer. */
  reply: Uint8Array;
  events: TelnetEvent[];
}

type ParseState = 'data' | 'iac' | 'will' | 'wont' | 'do' | 'dont' | 'sb' | 'sb-iac';

export class TelnetCodec {
  private readonly us = new Map<number, Side>();
  private readonly him = new Map<number, Side>();
  private parse: ParseState = 'data';
  private sb: number[] = [];
  /** The last application byte was a CR: a NUL (or, for a server, an LF) right after it belongs to it. */
  private afterCr = false;

  constructor(private readonly policy: TelnetPolicy) {}

  /** Is the option on, on our side (`local`) or the peer's (`remote`)? */
  enabled(side: 'local' | 'remote', option: number): boolean {
    return (side === 'local' ? this.us : this.him).get(option) === 'yes';
  }

  /** Ask the peer to perform an option (DO), unless it is already on or asked for. */
  askRemote(option: number): Uint8Array {
    if ((this.him.get(option) ?? 'no') !== 'no') return new Uint8Array(0);
    this.him.set(option, 'wantyes');
    return Uint8Array.of(IAC, DO, option);
  }

  /** Offer to perform an option ourselves (WILL), unless it is already on or offered. */
  offerLocal(option: number): Uint8Array {
    if ((this.us.get(option) ?? 'no') !== 'no') return new Uint8Array(0);
    this.us.set(option, 'wantyes');
    return Uint8Array.of(IAC, WILL, option);
  }

  /** Ask the peer for its terminal type (a server, once the peer agreed to TTYPE). */
  askTerminalType(): Uint8Array {
    return this.him.get(OPT.TTYPE) === 'yes' ? Uint8Array.of(IAC, SB, OPT.TTYPE, TTYPE_SEND, IAC, SE) : new Uint8Array(0);
  }

  /** Bytes from the wire, split into application data, answers to send back and subnegotiation news. */
  receive(bytes: Uint8Array): Received {
    const data: number[] = [];
    const reply: number[] = [];
    const events: TelnetEvent[] = [];
    for (const b of bytes) {
      switch (this.parse) {
        case 'data':
          if (b === IAC) this.parse = 'iac';
          else this.dataByte(b, data);
          break;
        case 'iac':
          this.parse = 'data';
          if (b === IAC) this.dataByte(IAC, data);
          else if (b === WILL) this.parse = 'will';
          else if (b === WONT) this.parse = 'wont';
          else if (b === DO) this.parse = 'do';
          else if (b === DONT) this.parse = 'dont';
          else if (b === SB) {
            this.sb = [];
            this.parse = 'sb';
          }
          // NOP, GA, DM, AYT, BRK and the rest carry nothing a console session needs.
          break;
        case 'will':
          this.parse = 'data';
          reply.push(...this.onWill(b));
          break;
        case 'wont':
          this.parse = 'data';
          reply.push(...this.onWont(b));
          break;
        case 'do':
          this.parse = 'data';
          reply.push(...this.onDo(b));
          break;
        case 'dont':
          this.parse = 'data';
          reply.push(...this.onDont(b));
          break;
        case 'sb':
          if (b === IAC) this.parse = 'sb-iac';
          else if (this.sb.length < 512) this.sb.push(b);
          break;
        case 'sb-iac':
          if (b === IAC) {
            if (this.sb.length < 512) this.sb.push(IAC);
            this.parse = 'sb';
          } else {
            // IAC SE ends it (and so, leniently, does any other command).
            this.parse = 'data';
            reply.push(...this.onSubnegotiation(this.sb, events));
          }
          break;
      }
    }
    return { data: Uint8Array.from(data), reply: Uint8Array.from(reply), events };
  }

  /** Application bytes for the wire: IAC doubled, a CR not followed by LF sent as CR NUL. */
  encode(bytes: Uint8Array): Uint8Array {
    const out: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b === IAC) out.push(IAC, IAC);
      else if (b !== CR) out.push(b);
      else if (bytes[i + 1] === LF) {
        out.push(CR, LF);
        i++;
      } else out.push(CR, NUL);
    }
    return Uint8Array.from(out);
  }

  private dataByte(b: number, data: number[]): void {
    if (this.afterCr) {
      this.afterCr = false;
      if (b === NUL) return;
      if (b === LF && this.policy.enterIsCr) return;
    }
    data.push(b);
    this.afterCr = b === CR;
  }

  private onWill(option: number): number[] {
    const state = this.him.get(option) ?? 'no';
    if (state === 'yes') return [];
    if (state === 'wantyes') {
      this.him.set(option, 'yes');
      return [];
    }
    if (state === 'wantno') {
      // It answered our DONT with WILL: RFC 1143 takes it as off.
      this.him.set(option, 'no');
      return [];
    }
    if (this.policy.remote.includes(option)) {
      this.him.set(option, 'yes');
      return [IAC, DO, option];
    }
    return [IAC, DONT, option];
  }

  private onWont(option: number): number[] {
    const state = this.him.get(option) ?? 'no';
    this.him.set(option, 'no');
    return state === 'yes' ? [IAC, DONT, option] : [];
  }

  private onDo(option: number): number[] {
    const state = this.us.get(option) ?? 'no';
    if (state === 'yes') return [];
    if (state === 'wantyes') {
      this.us.set(option, 'yes');
      return this.afterLocalOn(option);
    }
    if (state === 'wantno') {
      this.us.set(option, 'no');
      return [];
    }
    if (this.policy.local.includes(option)) {
      this.us.set(option, 'yes');
      return [IAC, WILL, option, ...this.afterLocalOn(option)];
    }
    return [IAC, WONT, option];
  }

  private onDont(option: number): number[] {
    const state = this.us.get(option) ?? 'no';
    this.us.set(option, 'no');
    return state === 'yes' ? [IAC, WONT, option] : [];
  }

  /** What follows at once when an option of ours goes on: NAWS sends the window size unasked (RFC 1073). */
  private afterLocalOn(option: number): number[] {
    if (option === OPT.NAWS && this.policy.windowSize) {
      const { columns, rows } = this.policy.windowSize;
      const body = [columns >> 8, columns & 0xff, rows >> 8, rows & 0xff].flatMap((x) => (x === IAC ? [IAC, IAC] : [x]));
      return [IAC, SB, OPT.NAWS, ...body, IAC, SE];
    }
    return [];
  }

  private onSubnegotiation(sb: number[], events: TelnetEvent[]): number[] {
    const [option, ...body] = sb;
    if (option === OPT.TTYPE && body[0] === TTYPE_SEND && this.us.get(OPT.TTYPE) === 'yes') {
      const name = [...(this.policy.terminalType ?? 'VT100')].map((c) => c.charCodeAt(0) & 0x7f);
      return [IAC, SB, OPT.TTYPE, TTYPE_IS, ...name, IAC, SE];
    }
    if (option === OPT.TTYPE && body[0] === TTYPE_IS && this.him.get(OPT.TTYPE) === 'yes') {
      events.push({ kind: 'terminal-type', name: String.fromCharCode(...body.slice(1)) });
    }
    if (option === OPT.NAWS && body.length >= 4 && this.him.get(OPT.NAWS) === 'yes') {
      events.push({ kind: 'window-size', columns: (body[0]! << 8) | body[1]!, rows: (body[2]! << 8) | body[3]! });
    }
    return [];
  }
}

/** Our client's policy: the server echoes and suppresses go-ahead; we tell our window size and terminal type. */
export const CLIENT_POLICY: TelnetPolicy = {
  local: [OPT.NAWS, OPT.TTYPE, OPT.SGA],
  remote: [OPT.ECHO, OPT.SGA],
  terminalType: 'VT100',
  windowSize: { columns: 200, rows: 24 },
};

/** A router's Telnet server (the twin's): it echoes and suppresses go-ahead; it listens to NAWS and TTYPE. */
export const SERVER_POLICY: TelnetPolicy = {
  local: [OPT.ECHO, OPT.SGA],
  remote: [OPT.NAWS, OPT.TTYPE, OPT.SGA],
  enterIsCr: true,
};
