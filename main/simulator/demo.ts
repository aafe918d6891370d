import type { Transport } from '../transports/transport.js';
import type { ScenarioInfo } from '../../shared/ipc/contract.js';
import { connectTwin } from './host/twin-transport.js';
import { listScenarioIds, loadScenario, loadScenarioNotice } from './host/scenario-files.js';
import { parseNotice } from '../../shared/diagnosis/notice.js';
import type { ContractNotice } from '../../shared/diagnosis/input.js';

/** How to log in to a demo router: the login its scenario sets, as a user would type it. */
export interface DemoLogin {
  username?: string;
  password: string;
  adminPassword: string;
}

/**
 * The demo router as the app sees it: a `Transport` like a serial port or an SSH shell, and the login it
 * expects. Nothing of the twin (its console, world or renderers) reaches the app through here.
 */
export function openDemo(scenarioId: string): { transport: Transport; login: DemoLogin } {
  const login = demoLogin(scenarioId);
  const twin: Transport = connectTwin(scenarioId);
  return { transport: twin, login };
}

/** The demo's login (throws UnknownScenarioError, code `unknown-scenario`, for a scenario that does not exist). */
export function demoLogin(scenarioId: string): DemoLogin {
  const c = loadScenario(scenarioId).console;
  return { ...(c.loginUser !== undefined ? { username: c.loginUser } : {}), password: c.loginPassword, adminPassword: c.adminPassword };
}

/** The demo routers to choose from. */
export function demoScenarios(): ScenarioInfo[] {
  return listScenarioIds().map((id) => {
    const s = loadScenario(id);
    return { id, model: s.device.model, service: s.service, summary: s.summary };
  });
}

/** The contract notice a demo scenario comes with (its `notice.json`), or null. */
export function demoNotice(scenarioId: string): ContractNotice | null {
  // An unknown scenario is said by the connect step (unknown-scenario); here it simply has no notice.
  if (!listScenarioIds().includes(scenarioId)) return null;
  const json = loadScenarioNotice(scenarioId);
  return json === null ? null : parseNotice(json);
}
