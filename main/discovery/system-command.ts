import { execFile } from 'node:child_process';

/** A system tool's output (`netstat`, `route`, `arp`, `ip`), or '' when it is missing or fails: a table not read is no answer. */
export function systemOutput(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve) => execFile(cmd, args, { timeout: 10_000, windowsHide: true }, (err, stdout) => resolve(err ? '' : stdout)));
}
