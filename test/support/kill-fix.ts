import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './web-process.js';

/** The apply journal's record kinds so far, over every transaction in the data dir (a torn line is 'torn'). */
export function journalKinds(dataDir: string): string[] {
  const dir = join(dataDir, 'journal');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => {
          try {
            return (JSON.parse(l) as { kind: string }).kind;
          } catch {
            return 'torn';
          }
        }),
    );
}

/**
 * `ipoe-doctor fix … --yes` from source, killed (SIGKILL: a crash, a closed laptop) once the journal in `dataDir`
 * shows `until`; the process gets no say in it. Returns the journal's record kinds after the kill.
 */
export async function killFixWhen(args: string[], env: Record<string, string>, dataDir: string, until: (kinds: string[]) => boolean): Promise<string[]> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'ipoe-doctor.mjs'), 'fix', ...args, '--yes'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, IPOE_DOCTOR_FROM_SOURCE: '1', IPOE_DOCTOR_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`fix ended before the cut (${child.exitCode}):\n${out}`);
    if (until(journalKinds(dataDir))) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGKILL');
  await exited;
  return journalKinds(dataDir);
}
