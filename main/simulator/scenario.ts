import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { appRoot } from '../paths.js';

const ScenarioFileSchema = z.object({
  id: z.string(),
  summary: z.object({ ja: z.string(), en: z.string() }),
  service: z.string(),
  device: z.object({
    model: z.string(),
    firmware: z.string().regex(/^\d+\.\d+\.\d+$/),
    firmwareDate: z.string(),
    bootRom: z.string(),
    hardwareVersion: z.string(),
    serial: z.string(),
    mac: z.tuple([z.string(), z.string()]),
    memory: z.string(),
    bootTime: z.string(),
    uptimeSeconds: z.number().int().nonnegative(),
  }),
  console: z.object({
    character: z.enum(['ascii', 'ja.sjis', 'ja.utf8', 'en.ascii']),
    /** RTX1300 style named login; absent means the older password-only login. */
    loginUser: z.string().optional(),
    loginPassword: z.string(),
    adminPassword: z.string(),
    prompt: z.string().optional(),
  }),
});

export type Scenario = z.infer<typeof ScenarioFileSchema> & { config: string };

export function scenariosDir(): string {
  return join(appRoot(), 'main', 'simulator', 'scenarios');
}

export function listScenarioIds(): string[] {
  return readdirSync(scenariosDir(), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(scenariosDir(), d.name, 'scenario.json')))
    .map((d) => d.name)
    .sort();
}

export class UnknownScenarioError extends Error {
  readonly code = 'unknown-scenario';
  constructor(id: string) {
    super(`no simulated router scenario called "${id}"; known scenarios: ${listScenarioIds().join(', ')}`);
  }
}

export function loadScenario(id: string): Scenario {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id) || !listScenarioIds().includes(id)) throw new UnknownScenarioError(id);
  const dir = join(scenariosDir(), id);
  const file = ScenarioFileSchema.parse(JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')));
  const config = readFileSync(join(dir, 'config.txt'), 'utf8');
  return { ...file, config };
}
