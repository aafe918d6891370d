import { describe, expect, it } from 'vitest';
import { RtxConsole, type RtxConsoleHost } from '../../../main/simulator/twin/rtx-console.js';
import { loadScenario } from '../../../main/simulator/host/scenario-files.js';
import { REPORT_000_TIME } from './twin-helpers.js';

/** A host that runs nothing by itself: the test decides when time passes. */
function steppedHost() {
  const due: (() => void)[] = [];
  const host: RtxConsoleHost = {
    after: (_ms, fn) => void due.push(fn),
    encodeSjis: () => {
      throw new Error('this console speaks ja.utf8');
    },
  };
  return { host, step: () => due.shift()?.(), pending: () => due.length };
}

describe('the twin is pure: a console with no Node host under it', () => {
  it('logs in, answers show commands at once, and paces ping replies only as the host lets time pass', () => {
    const s = loadScenario('fixed-ip-br-typo');
    const { host, step, pending } = steppedHost();
    const rtx = new RtxConsole(s, host, { clock: () => REPORT_000_TIME });
    let out = '';
    rtx.onOutput((chunk) => (out += new TextDecoder().decode(chunk)));
    const type = (text: string) => rtx.input(Uint8Array.from(text, (c) => c.charCodeAt(0)));

    type('\r');
    if (s.console.loginUser) type(`${s.console.loginUser}\r`);
    type(`${s.console.loginPassword}\r`);
    expect(out).toMatch(/>\s*$/);
    out = '';
    type('show environment\r');
    expect(out).toContain('RTX1300 Rev.23.00.04');
    expect(pending()).toBe(0);

    out = '';
    type('ping -c 3 192.168.182.1\r');
    // Nothing happens until the host's timer fires: the console itself never waits.
    expect(out).not.toMatch(/bytes from|packets transmitted/);
    expect(pending()).toBe(1);
    while (pending() > 0) step();
    expect(out).toMatch(/3 packets transmitted/);
    expect(out).toMatch(/>\s*$/);
  });
});
