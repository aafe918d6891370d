import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { connectTwin } from '../../../main/simulator/host/twin-transport.js';
import { loadScenario, type Scenario } from '../../../main/simulator/host/scenario-files.js';
import { openTwin } from './twin-helpers.js';

function withCharacter(s: Scenario, character: Scenario['console']['character']): Scenario {
  return { ...s, console: { ...s.console, character } };
}

/** Drive the console with raw bytes and collect exactly what the wire carries. */
function rawConsole(s: Scenario) {
  const t = connectTwin(s);
  const out: Buffer[] = [];
  t.onData((c) => out.push(Buffer.from(c)));
  return {
    t,
    type: (text: string) => t.console.input(Buffer.from(text, 'latin1')),
    bytes: () => Buffer.concat(out),
    reset: () => void (out.length = 0),
  };
}

function login(c: ReturnType<typeof rawConsole>, s: Scenario): void {
  c.type('\r');
  if (s.console.loginUser) c.type(`${s.console.loginUser}\r`);
  c.type(`${s.console.loginPassword}\r`);
  c.type(`administrator\r${s.console.adminPassword}\r`);
}

describe('console bytes', () => {
  it('pages a long show config at 24 lines with the Japanese marker on a ja.utf8 console', () => {
    const s = loadScenario('fixed-ip-br-typo');
    const c = rawConsole(s);
    login(c, s);
    c.reset();
    c.type('show config\r');
    const first = c.bytes().toString('utf8');
    expect(first.endsWith('---つづく---')).toBe(true);
    // The echo line, then 23 lines of output, then the marker.
    expect(first.split('\r\n')).toHaveLength(1 + 23 + 1);
    c.reset();
    c.type(' ');
    expect(c.bytes().toString('utf8').endsWith('---つづく---')).toBe(true);
    c.type('q');
    expect(c.bytes().toString('utf8').endsWith('# ')).toBe(true);
  });

  it('uses ---more--- on an ascii console', () => {
    const s = loadScenario('v6plus-rtx830');
    const c = rawConsole(s);
    login(c, s);
    c.reset();
    c.type('show config\r');
    expect(c.bytes().toString('latin1').endsWith('---more---')).toBe(true);
  });

  it('sends real Shift_JIS on a ja.sjis console', () => {
    const s = withCharacter(loadScenario('transix-dslite'), 'ja.sjis');
    const c = rawConsole(s);
    login(c, s);
    c.reset();
    c.type('show status tunnel 1\r');
    const bytes = c.bytes();
    const sjis = iconv.encode('トンネルインタフェースは接続されています', 'cp932');
    expect(bytes.includes(sjis)).toBe(true);
    expect(bytes.includes(Buffer.from('トンネル', 'utf8'))).toBe(false);
    c.reset();
    c.type('frobnicate\r');
    expect(c.bytes().includes(iconv.encode('エラー： コマンド名を確認してください', 'cp932'))).toBe(true);
  });

  it('decodes the Shift_JIS console through RtxSession', async () => {
    const { session } = await openTwin('transix-dslite');
    const r = await session.run('show status tunnel 1');
    expect(r.output).toContain('  インタフェースの種類: IPIP');
    expect(r.output).toContain('  トンネルインタフェースは接続されています');
    await session.close();
  });

  it('holds typed input while a ping runs and replays it afterwards', async () => {
    const s = loadScenario('v6plus-rtx830');
    const t = connectTwin(s, { pingIntervalMs: 5 });
    const out: Buffer[] = [];
    t.onData((c) => out.push(Buffer.from(c)));
    t.console.input(Buffer.from('\r\rping -c 2 8.8.8.8\rshow status tunnel 1\r', 'latin1'));
    await new Promise((r) => setTimeout(r, 200));
    const text = Buffer.concat(out).toString('latin1');
    const summary = text.indexOf('2 packets transmitted, 2 packets received');
    expect(summary).toBeGreaterThan(0);
    expect(text.indexOf('Interface type: MAP-E')).toBeGreaterThan(summary);
    await t.close();
  });
});
