import { RtxSession } from '../../../main/devices/rtx-session.js';
import { connectTwin, type TwinTransport } from '../../../main/simulator/host/twin-transport.js';
import { loadScenario, type Scenario } from '../../../main/simulator/host/scenario-files.js';
import type { RouterState } from '../../../main/simulator/twin/router-state.js';

/** The moment field report 000's TECH LOG was taken: 2022/12/13 01:47:08 JST. */
export const REPORT_000_TIME = new Date('2022-12-12T16:47:08Z');

export interface OpenTwin {
  twin: TwinTransport;
  session: RtxSession;
  scenario: Scenario;
}

/** A logged-in session on a twin with a frozen clock (no background traffic, stable timestamps). */
export async function openTwin(id: string | Scenario, opts: { admin?: boolean; clock?: () => Date; router?: RouterState } = {}): Promise<OpenTwin> {
  const scenario = typeof id === 'string' ? loadScenario(id) : id;
  const twin = connectTwin(scenario, { clock: opts.clock ?? (() => REPORT_000_TIME), pingIntervalMs: 1, ...(opts.router ? { router: opts.router } : {}) });
  const session = new RtxSession(twin, {
    username: scenario.console.loginUser,
    password: scenario.console.loginPassword,
    adminPassword: scenario.console.adminPassword,
  });
  await session.open();
  if (opts.admin) await session.enterAdmin();
  return { twin, session, scenario };
}

/** Run commands in order; throws on a console error line so a typo in a test fails loudly. */
export async function runAll(session: RtxSession, commands: string[]): Promise<void> {
  for (const c of commands) {
    const r = await session.run(c);
    if (r.error) throw new Error(`${c}: ${r.error}`);
  }
}

/** RX (IPv4 packets) from `show status ipip` / `show status tunnel`. */
export function rxPackets(output: string): number {
  const m = /(?:Received:|受信:)\s+\(IPv4\) (\d+)/.exec(output);
  if (!m) throw new Error(`no Received line in:\n${output}`);
  return Number(m[1]);
}

export function txPackets(output: string): number {
  const m = /(?:Transmitted:|送信:)\s+\(IPv4\) (\d+)/.exec(output);
  if (!m) throw new Error(`no Transmitted line in:\n${output}`);
  return Number(m[1]);
}
