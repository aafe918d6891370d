import type { CliCommand } from '../command.js';

/**
 * Every CLI command, in the order `--help` lists them. Modules load on demand, so `simulate` under
 * socat or sshd starts without pulling in the diagnosis engine, and one broken module cannot take
 * the others down.
 */
export const commandLoaders: readonly (readonly [string, () => Promise<CliCommand>])[] = [
  ['probe', () => import('./probe.js').then((m) => m.probe)],
  ['diagnose', () => import('./diagnose.js').then((m) => m.diagnoseCommand)],
  ['fix', () => import('./fix.js').then((m) => m.fixCommand)],
  ['recover', () => import('./recover.js').then((m) => m.recoverCommand)],
  ['report', () => import('./report.js').then((m) => m.reportCommand)],
  ['discover', () => import('./discover.js').then((m) => m.discoverCommand)],
  ['line-check', () => import('./line-check.js').then((m) => m.lineCheckCommand)],
  ['calc', () => import('./calc.js').then((m) => m.calc)],
  ['simulate', () => import('./simulate.js').then((m) => m.simulate)],
  ['linux-ce', () => import('./linux-ce.js').then((m) => m.linuxCe)],
];
