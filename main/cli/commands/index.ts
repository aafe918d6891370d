import type { CliCommand } from '../command.js';
import { calc } from './calc.js';

/** Every CLI command, in the order `--help` lists them. */
export const commands: CliCommand[] = [calc];
