import { RtxConsole, type RtxConsoleHost } from '../../../main/simulator/twin/rtx-console.js';
import type { Scenario } from '../../../main/simulator/twin/scenario.js';

/**
 * The twin's console driven by hand, with no Node host: time passes only inside the console (ping replies come at
 * once), logged in as its scenario says and in administrator mode. `type` sends a line and returns what it printed.
 */
export function adminConsole(s: Scenario, now: Date): { rtx: RtxConsole; type: (line: string) => string } {
  const host: RtxConsoleHost = { after: (_ms, fn) => fn(), encodeSjis: () => new Uint8Array() };
  const rtx = new RtxConsole(s, host, { clock: () => now });
  let out = '';
  rtx.onOutput((c) => (out += new TextDecoder().decode(c)));
  const type = (text: string): string => {
    out = '';
    rtx.input(Uint8Array.from(text + '\r', (c) => c.charCodeAt(0)));
    return out;
  };
  type('');
  if (s.console.loginUser) type(s.console.loginUser);
  type(s.console.loginPassword);
  type('administrator');
  type(s.console.adminPassword);
  return { rtx, type };
}
