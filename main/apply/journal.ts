import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FixPlan } from '../../shared/diagnosis/types.js';
import { durableWrite, syncDirectory } from '../durable-file.js';

/**
 * Which router a transaction changed: its serial number (`show environment`), its SSH host key, and the port it
 * was reached on. The next connection to the same router finds the transaction by the first of these both know.
 */
export interface RouterIdentity {
  model: string;
  serial: string | null;
  hostKey: string | null;
  /** The connection's label: a serial port, `ssh://user@host:port`, `demo:<scenario>`. */
  port: string;
}

export function sameRouter(a: RouterIdentity, b: RouterIdentity): boolean {
  if (a.model !== b.model) return false;
  if (a.serial && b.serial) return a.serial === b.serial;
  if (a.hostKey && b.hostKey) return a.hostKey === b.hostKey;
  return a.port === b.port;
}

/** One line of the journal, written (and fsync'd) before the step it names is taken. */
export type JournalRecord =
  | {
      kind: 'begin';
      id: string;
      at: string;
      router: RouterIdentity;
      backupPath: string;
      /** SHA-256 of the backup file's text: a backup that no longer matches is a lost backup. */
      backupSha256: string;
      /** The plans as they were to be applied: commands, their inverse, the check (resume and revert need them all). */
      plans: FixPlan[];
    }
  | { kind: 'apply'; at: string; plan: number; index: number; command: string }
  | { kind: 'applied'; at: string; resultPath: string; resultSha256: string }
  | { kind: 'verify'; at: string }
  | { kind: 'verified'; at: string; passed: boolean }
  | { kind: 'save'; at: string }
  | { kind: 'saved'; at: string }
  | { kind: 'revert'; at: string; plan: number; command: string }
  | { kind: 'recover'; at: string; choice: 'revert' | 'resume' }
  | { kind: 'end'; at: string; status: 'saved' | 'reverted' | 'revert-incomplete'; runningEqualsBackup: boolean | null };

export type JournalStep = Exclude<JournalRecord, { kind: 'begin' }>;
export type Begin = Extract<JournalRecord, { kind: 'begin' }>;

/** A transaction as read back from its journal file. */
export interface JournalTransaction {
  file: string;
  begin: Begin;
  steps: JournalStep[];
  /** Its end record, or null: interrupted (a cut, a crash, a closed laptop). */
  end: Extract<JournalRecord, { kind: 'end' }> | null;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function journalDir(dataDir: string): string {
  return join(dataDir, 'journal');
}

/**
 * The PC-side journal of one apply transaction: `<dataDir>/journal/<id>.jsonl` (and `<id>-result.txt`, the planned result), one JSON record a line, each
 * appended and fsync'd before its step is sent to the router (write-ahead). After a cut it says what the router
 * may have received: the backup, each command, verification, `save`.
 */
export class Journal {
  private constructor(
    readonly file: string,
    readonly begin: Begin,
  ) {}

  static start(dataDir: string, begin: Omit<Begin, 'kind' | 'id' | 'at'>): Journal {
    const dir = journalDir(dataDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
    const record: Begin = { kind: 'begin', id, at: new Date().toISOString(), ...begin };
    const journal = new Journal(join(dir, `${id}.jsonl`), record);
    append(journal.file, record);
    syncDirectory(dir);
    return journal;
  }

  /** Carry on an interrupted transaction (recovery writes its steps into the same journal). */
  static resume(tx: JournalTransaction): Journal {
    return new Journal(tx.file, tx.begin);
  }

  record(step: JournalStep): void {
    append(this.file, step);
  }

  /** The planned result (the config once every command is in), kept beside the journal; its path. */
  keepResult(config: string): string {
    const file = this.file.replace(/\.jsonl$/, '-result.txt');
    durableWrite(file, config);
    return file;
  }
}

function append(file: string, record: JournalRecord): void {
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, JSON.stringify(record) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Every transaction in the journal, oldest first. A torn last line (a crash mid-append) is left out. */
export function readJournal(dataDir: string): JournalTransaction[] {
  const dir = journalDir(dataDir);
  if (!existsSync(dir)) return [];
  const out: JournalTransaction[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    const file = join(dir, name);
    const records: JournalRecord[] = [];
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        records.push(JSON.parse(line) as JournalRecord);
      } catch {
        break;
      }
    }
    const [begin, ...steps] = records;
    if (begin?.kind !== 'begin') continue;
    const rest = steps as JournalStep[];
    const end = rest.find((s): s is Extract<JournalRecord, { kind: 'end' }> => s.kind === 'end') ?? null;
    out.push({ file, begin, steps: rest, end });
  }
  return out;
}

/** The newest transaction on this router that never reached its end. */
export function interruptedOn(dataDir: string, router: RouterIdentity): JournalTransaction | null {
  return (
    readJournal(dataDir)
      .filter((t) => t.end === null && sameRouter(t.begin.router, router))
      .at(-1) ?? null
  );
}

/** What the journal says was reached: the last step written before the cut. */
export function stepReached(tx: JournalTransaction): JournalStep['kind'] | 'begin' {
  return tx.steps.at(-1)?.kind ?? 'begin';
}

/** The plans any of whose commands may have reached the router (a command is journalled before it is sent). */
export function plansTouched(tx: JournalTransaction): number[] {
  return [...new Set(tx.steps.filter((s) => s.kind === 'apply').map((s) => (s as Extract<JournalStep, { kind: 'apply' }>).plan))].sort((a, b) => a - b);
}
