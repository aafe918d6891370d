import { describe, expect, it } from 'vitest';
import { CLIENT_POLICY, DO, DONT, IAC, OPT, SB, SE, SERVER_POLICY, TelnetCodec, WILL, WONT } from '../../../main/transports/telnet-protocol.js';

const bytes = (...parts: (number | string | number[])[]): number[] =>
  parts.flatMap((p) => (typeof p === 'number' ? [p] : typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p));
const u8 = (...parts: (number | string | number[])[]) => Uint8Array.from(bytes(...parts));
const list = (a: Uint8Array) => [...a];

describe('Telnet negotiation, client side (byte for byte)', () => {
  it("answers busybox telnetd's opening exactly: no local echo, window size, server echo, no go-ahead", () => {
    const c = new TelnetCodec(CLIENT_POLICY);
    // busybox telnetd's first bytes: DO ECHO, DO NAWS, WILL ECHO, WILL SGA.
    const r = c.receive(u8(IAC, DO, OPT.ECHO, IAC, DO, OPT.NAWS, IAC, WILL, OPT.ECHO, IAC, WILL, OPT.SGA));
    expect(list(r.reply)).toEqual(
      bytes(IAC, WONT, OPT.ECHO, IAC, WILL, OPT.NAWS, IAC, SB, OPT.NAWS, 0, 200, 0, 24, IAC, SE, IAC, DO, OPT.ECHO, IAC, DO, OPT.SGA),
    );
    expect(list(r.data)).toEqual([]);
    expect(c.enabled('remote', OPT.ECHO)).toBe(true);
    expect(c.enabled('local', OPT.NAWS)).toBe(true);
    expect(c.enabled('local', OPT.ECHO)).toBe(false);
  });

  it('sends its terminal type when asked, and only after agreeing to TTYPE', () => {
    const c = new TelnetCodec(CLIENT_POLICY);
    expect(list(c.receive(u8(IAC, SB, OPT.TTYPE, 1, IAC, SE)).reply)).toEqual([]);
    expect(list(c.receive(u8(IAC, DO, OPT.TTYPE)).reply)).toEqual(bytes(IAC, WILL, OPT.TTYPE));
    expect(list(c.receive(u8(IAC, SB, OPT.TTYPE, 1, IAC, SE)).reply)).toEqual(bytes(IAC, SB, OPT.TTYPE, 0, 'VT100', IAC, SE));
  });

  it('refuses everything else cleanly (DONT / WONT), and never answers a request that confirms the state', () => {
    const c = new TelnetCodec(CLIENT_POLICY);
    expect(list(c.receive(u8(IAC, WILL, OPT.BINARY, IAC, DO, OPT.NEW_ENVIRON, IAC, DO, OPT.LINEMODE, IAC, WILL, OPT.STATUS)).reply)).toEqual(
      bytes(IAC, DONT, OPT.BINARY, IAC, WONT, OPT.NEW_ENVIRON, IAC, WONT, OPT.LINEMODE, IAC, DONT, OPT.STATUS),
    );
    // A refused option asked again is refused again (the peer's state is still "no": not a loop, an answer).
    expect(list(c.receive(u8(IAC, WILL, OPT.BINARY)).reply)).toEqual(bytes(IAC, DONT, OPT.BINARY));
    // WONT / DONT for something already off: silence.
    expect(list(c.receive(u8(IAC, WONT, OPT.BINARY, IAC, DONT, OPT.NEW_ENVIRON)).reply)).toEqual([]);
    // ECHO is on; WILL ECHO again confirms it: silence (RFC 854's loop rule).
    c.receive(u8(IAC, WILL, OPT.ECHO));
    expect(list(c.receive(u8(IAC, WILL, OPT.ECHO)).reply)).toEqual([]);
    // Turned off by the peer: acknowledged once, then silence.
    expect(list(c.receive(u8(IAC, WONT, OPT.ECHO)).reply)).toEqual(bytes(IAC, DONT, OPT.ECHO));
    expect(list(c.receive(u8(IAC, WONT, OPT.ECHO)).reply)).toEqual([]);
    c.receive(u8(IAC, DO, OPT.NAWS));
    expect(list(c.receive(u8(IAC, DONT, OPT.NAWS)).reply)).toEqual(bytes(IAC, WONT, OPT.NAWS));
  });

  it('reads a command split over several reads, and ignores NOP, GA and unknown subnegotiations', () => {
    const c = new TelnetCodec(CLIENT_POLICY);
    expect(list(c.receive(u8('ab', IAC)).data)).toEqual(bytes('ab'));
    expect(list(c.receive(u8(WILL)).reply)).toEqual([]);
    const r = c.receive(u8(OPT.SGA, 'c', IAC, 241, IAC, 249, IAC, SB, 99, 1, 2, IAC, IAC, 3, IAC, SE, 'd'));
    expect(list(r.reply)).toEqual(bytes(IAC, DO, OPT.SGA));
    expect(list(r.data)).toEqual(bytes('cd'));
  });

  it('keeps CR LF as a line end, takes CR NUL as a bare CR and IAC IAC as the byte 255 (also across reads)', () => {
    const c = new TelnetCodec(CLIENT_POLICY);
    expect(list(c.receive(u8('line', 13, 10, 'x', 13, 0, 'y', IAC, IAC, 13)).data)).toEqual(bytes('line', 13, 10, 'x', 13, 'y', 255, 13));
    expect(list(c.receive(u8(0, 'z')).data)).toEqual(bytes('z'));
    // Shift_JIS and UTF-8 bytes pass untouched (neither uses 0xFF).
    const sjis = Buffer.from([0x83, 0x65, 0x83, 0x58, 0x83, 0x67]);
    expect(list(c.receive(sjis).data)).toEqual([...sjis]);
  });

  it('encodes what the session types: CR as CR NUL, CR LF kept, IAC doubled', () => {
    const c = new TelnetCodec(CLIENT_POLICY);
    expect(list(c.encode(u8('show config', 13)))).toEqual(bytes('show config', 13, 0));
    expect(list(c.encode(u8('a', 13, 10, 'b', 255)))).toEqual(bytes('a', 13, 10, 'b', 255, 255));
    expect(list(c.encode(u8('N')))).toEqual(bytes('N'));
  });

  it("escapes 255 inside the NAWS subnegotiation", () => {
    const c = new TelnetCodec({ ...CLIENT_POLICY, windowSize: { columns: 255, rows: 511 } });
    expect(list(c.receive(u8(IAC, DO, OPT.NAWS)).reply)).toEqual(bytes(IAC, WILL, OPT.NAWS, IAC, SB, OPT.NAWS, 0, IAC, IAC, 1, IAC, IAC, IAC, SE));
  });
});

describe('Telnet negotiation, server side (the twin)', () => {
  it('offers echo and SGA, asks for NAWS and TTYPE, and hears the answers', () => {
    const s = new TelnetCodec(SERVER_POLICY);
    const opening = [...s.offerLocal(OPT.ECHO), ...s.offerLocal(OPT.SGA), ...s.askRemote(OPT.NAWS), ...s.askRemote(OPT.TTYPE)];
    expect(opening).toEqual(bytes(IAC, WILL, OPT.ECHO, IAC, WILL, OPT.SGA, IAC, DO, OPT.NAWS, IAC, DO, OPT.TTYPE));
    // Asking twice sends nothing twice.
    expect(list(s.offerLocal(OPT.ECHO))).toEqual([]);
    // The client's answers to our offers are not answered again.
    const r = s.receive(u8(IAC, DO, OPT.ECHO, IAC, DO, OPT.SGA, IAC, WILL, OPT.NAWS, IAC, SB, OPT.NAWS, 0, 200, 0, 24, IAC, SE, IAC, WILL, OPT.TTYPE));
    expect(list(r.reply)).toEqual([]);
    expect(r.events).toEqual([{ kind: 'window-size', columns: 200, rows: 24 }]);
    expect(list(s.askTerminalType())).toEqual(bytes(IAC, SB, OPT.TTYPE, 1, IAC, SE));
    expect(s.receive(u8(IAC, SB, OPT.TTYPE, 0, 'XTERM', IAC, SE)).events).toEqual([{ kind: 'terminal-type', name: 'XTERM' }]);
    // A client that turns our echo off: acknowledged.
    expect(list(s.receive(u8(IAC, DONT, OPT.ECHO)).reply)).toEqual(bytes(IAC, WONT, OPT.ECHO));
  });

  it('reads one Enter from CR LF, CR NUL or a bare CR, as a console should', () => {
    const s = new TelnetCodec(SERVER_POLICY);
    expect(list(s.receive(u8('a', 13, 10, 'b', 13, 0, 'c', 13)).data)).toEqual(bytes('a', 13, 'b', 13, 'c', 13));
    expect(list(s.receive(u8(10, 'd')).data)).toEqual(bytes('d'));
    // A lone LF (some clients in line mode) is still an Enter for the console.
    expect(list(s.receive(u8('e', 10)).data)).toEqual(bytes('e', 10));
  });
});
