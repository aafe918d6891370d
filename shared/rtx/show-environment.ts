import { unwrapConsoleLines, type NumberedLine } from './console-lines.js';

export interface EnvironmentFacts {
  model: string | null;
  firmware: string | null;
  firmwareDate: string | null;
  serial: string | null;
  uptime: string | null;
  /** Lines each fact was read from. */
  lines: { model?: NumberedLine; serial?: NumberedLine; uptime?: NumberedLine };
}

// "RTX1300 Rev.23.00.04 (Wed Aug 10 11:40:27 2022)"; the date may have two spaces before a one-digit day.
const REVISION = /^\s*#?\s*((?:RTX|NVR|RT|FWX|SRT)\d+[A-Z]*)\s+Rev\.(\d+\.\d+\.\d+)\s*(?:\(([^)]*)\))?/;
const MAIN = /main:\s+(\S+)\s+ver=\S+\s+serial=(\S+)/;
const ELAPSED = /^Elapsed time from boot:\s*(.+?)\s*$/;

/** Parse `show environment` (and the same header lines at the top of `show config`). */
export function parseShowEnvironment(output: string, columns = 80): EnvironmentFacts {
  const facts: EnvironmentFacts = { model: null, firmware: null, firmwareDate: null, serial: null, uptime: null, lines: {} };
  for (const l of unwrapConsoleLines(output, columns)) {
    const rev = REVISION.exec(l.text);
    if (rev && !facts.model) {
      facts.model = rev[1]!;
      facts.firmware = rev[2]!;
      facts.firmwareDate = rev[3]?.replace(/\s+/g, ' ') ?? null;
      facts.lines.model = l;
      continue;
    }
    const main = MAIN.exec(l.text);
    if (main && !facts.serial) {
      facts.serial = main[2]!;
      facts.lines.serial = l;
      continue;
    }
    const elapsed = ELAPSED.exec(l.text);
    if (elapsed) {
      facts.uptime = elapsed[1]!;
      facts.lines.uptime = l;
    }
  }
  return facts;
}
