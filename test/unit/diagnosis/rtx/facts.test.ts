/** RtxFacts: lazily parsed, undefined when not run, garbage turned into a note, device taken from the outputs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../../shared/diagnosis/context.js';
import { diagnose } from '../../../../shared/diagnosis/engine.js';
import { RTX_COMMANDS } from '../../../../shared/diagnosis/rtx/facts.js';
import { loadCase, transcriptInput } from './fixtures.js';

const ctxOf = (outputs: Record<string, string>) => createContext(transcriptInput(outputs));

describe('createRtxFacts', () => {
  it('reads nothing it was not given: every fact is undefined (unknown)', () => {
    const ctx = ctxOf({});
    const r = ctx.rtx;
    expect([r.config, r.environment, r.ipip, r.dhcp6, r.ipv6Address, r.ipRoute, r.ipv6Route, r.nat, r.log]).toEqual(Array(9).fill(undefined));
    expect(r.tunnelStatus(1)).toBeUndefined();
    expect(r.pings6).toEqual([]);
    expect(r.device).toBeNull();
    expect(ctx.notes).toEqual([]);
  });

  it('turns garbage into a note and an unknown fact, never an exception', () => {
    const ctx = ctxOf({ 'show status ipip': 'Error: Invalid command name\n', 'show config': '\u0000\u0001 garbage \uFFFD\n', 'show environment': 'hello' });
    expect(ctx.rtx.ipip).toBeUndefined();
    expect(ctx.rtx.config).toBeUndefined();
    expect(ctx.rtx.environment).toBeUndefined();
    expect(ctx.notes.join('\n')).toMatch(/show status ipip/);
    expect(ctx.notes.join('\n')).toMatch(/show config/);
    expect(ctx.notes.join('\n')).toMatch(/show environment/);
  });

  it('parses each output once', () => {
    const ctx = ctxOf(loadCase('field-000'));
    expect(ctx.rtx.config).toBe(ctx.rtx.config);
    expect(ctx.rtx.log).toBe(ctx.rtx.log);
  });

  it('fills ctx.device from show environment, else the config header, else the boot log line', () => {
    const env = 'RTX830 BootROM Ver.1.01\nRTX830 Rev.15.02.31 (Fri Jul  5 10:40:25 2024)\n';
    const a = ctxOf({ ...loadCase('field-000'), 'show environment': env });
    expect(a.rtx.device).toMatchObject({ model: 'RTX830', firmware: '15.02.31', source: 'show environment' });
    expect(a.device).toEqual({ model: 'RTX830', firmware: '15.02.31' });
    const b = ctxOf(loadCase('field-000'));
    void b.line;
    expect(b.device).toEqual({ model: 'RTX1300', firmware: '23.00.04' });
    const c = ctxOf({ 'show log': loadCase('field-000')['show log'] ?? '' });
    expect(c.rtx.device).toMatchObject({ model: 'RTX1300', source: 'show log' });
  });

  it('keeps a device the input names', () => {
    const input = transcriptInput(loadCase('field-000'));
    input.device = { model: 'RTX1300', firmware: '23.00.06' };
    const ctx = createContext(input);
    void ctx.line;
    expect(ctx.device).toEqual({ model: 'RTX1300', firmware: '23.00.06' });
  });

  it('prefers show status tunnel N over the ipip block, and reads ping6 targets behind options', () => {
    const tunnel = 'TUNNEL[1]:\n  Current status is Online.\n  Received:    (IPv4) 5 packets [500 octets]\n  Transmitted: (IPv4) 6 packets [600 octets]\n';
    const ctx = ctxOf({ ...loadCase('field-000'), 'show status tunnel 1': tunnel, 'ping6 -c 3 2404:9200:225:100::65': '3 packets transmitted, 3 packets received, 0.0% packet loss\n' });
    expect(ctx.rtx.tunnelStatus(1)?.command).toBe('show status tunnel 1');
    expect(ctx.rtx.tunnelStatus(1)?.status.received.ipv4?.packets).toBe(5);
    expect(ctx.rtx.pings6.map((p) => p.target)).toEqual(['2404:9200:225:100::65']);
  });

  it('accepts show log reverse (turned round) and show nat descriptor address N', () => {
    const log = (loadCase('field-000')['show log'] ?? '').trim().split('\n').reverse().join('\n');
    const nat = loadCase('healthy-v6plus-fixed-rtx1300')['show nat descriptor address'] ?? '';
    const ctx = ctxOf({ 'show log reverse': log, 'show nat descriptor address 1': nat });
    expect(ctx.rtx.cmd.log).toBe('show log reverse');
    expect(ctx.rtx.cmd.nat).toBe('show nat descriptor address 1');
    const events = ctx.rtx.log?.events ?? [];
    expect(events[0]?.kind).toBe('restart');
    expect(events[events.length - 1]).toMatchObject({ kind: 'update-notification', outcome: 'ok' });
    expect(ctx.rtx.nat?.descriptors[0]?.outerAddresses[0]?.value).toBe('27.89.54.24');
  });

  it('survives any text in any RTX output (no rule fails, nothing throws)', () => {
    const commands = [...Object.values(RTX_COMMANDS), 'show status tunnel 1', 'ping6 2404:9200:225:100::64', 'ping 8.8.8.8'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...commands), fc.string({ maxLength: 300 })), { maxLength: 6 }), (pairs) => {
        const base = loadCase('field-000');
        for (const [c, t] of pairs) base[c] = t;
        const input = transcriptInput(base);
        const r = diagnose(input);
        expect(r.notes.filter((n) => n.startsWith('rule '))).toEqual([]);
        // Whatever is found quotes the outputs it names, line for line.
        for (const e of r.findings.flatMap((f) => f.evidence)) {
          const o = input.outputs.find((x) => x.command === e.command);
          const text = (o?.output ?? '').replace(/\r\n?/g, '\n').split('\n');
          e.lines.forEach((l, i) => expect(o ? text[l - o.firstLine] : undefined).toBe(e.excerpt[i]));
        }
      }),
      { numRuns: 150 },
    );
  });
});
