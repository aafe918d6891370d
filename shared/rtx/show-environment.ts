import { unwrapConsoleLines, type NumberedLine } from './console-lines.js';
import { stripAnsi } from './text.js';

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
// Blank runs are matched by one unambiguous class each, so a line of nothing but spaces stays linear.
const REVISION = /^[ \t]*(?:#[ \t]*)?((?:RTX|NVR|RT|FWX|SRT)\d+[A-Z]*)[ \t]+Rev\.(\d+\.\d+\.\d+)[ \t]*(?:\(([^)]*)\))?/;
const MAIN = /main:\s+(\S+)\s+ver=\S+\s+serial=(\S+)/;
const ELAPSED_LABEL = 'Elapsed time from boot:';

/** Parse `show environment` (and the same header lines at the top of `show config`). */
export function parseShowEnvironment(output: string, columns = 80): EnvironmentFacts {
  const facts: EnvironmentFacts = { model: null, firmware: null, firmwareDate: null, serial: null, uptime: null, lines: {} };
  for (const l of unwrapConsoleLines(stripAnsi(output), columns)) {
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
    if (l.text.startsWith(ELAPSED_LABEL) && l.text.slice(ELAPSED_LABEL.length).trim()) {
      facts.uptime = l.text.slice(ELAPSED_LABEL.length).trim();
      facts.lines.uptime = l;
    }
  }
  return facts;
}
