import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { appResources } from '../../paths.js';
import { MessageError, say } from '../../../shared/i18n/message.js';
import { parseScenarioFile, type Scenario } from '../twin/scenario.js';

export type { Scenario, ScenarioWorld } from '../twin/scenario.js';

/** The scenario files: a twin's router and its provider world, read from the install directory. */
export function scenariosDir(): string {
  return appResources().scenarios;
}

export function listScenarioIds(): string[] {
  return readdirSync(scenariosDir(), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(scenariosDir(), d.name, 'scenario.json')))
    .map((d) => d.name)
    .sort();
}

export class UnknownScenarioError extends MessageError {
  constructor(id: string) {
    super('unknown-scenario', say('msg.scenario.unknown', { id, known: listScenarioIds().join(', ') }));
  }
}

export function loadScenario(id: string): Scenario {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id) || !listScenarioIds().includes(id)) throw new UnknownScenarioError(id);
  const dir = join(scenariosDir(), id);
  const json: unknown = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8'));
  const file = parseScenarioFile(json, readFileSync(join(dir, 'config.txt'), 'utf8'));
  if (file.id !== id) throw new Error(`scenario ${id}: scenario.json says id "${file.id}"`);
  return file;
}

/** The scenario's contract notice (`notice.json` beside it), as JSON, or null when the scenario has none. */
export function loadScenarioNotice(id: string): unknown {
  loadScenario(id);
  const file = join(scenariosDir(), id, 'notice.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : null;
}
