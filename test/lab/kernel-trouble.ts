/**
 * The lab VM's kernel reports a hang or a crash only on its console. A failed lab test has to show that report,
 * not just the console's last lines: by the time a test gives up, the tail is a repeat of the watchdog's one-line
 * "stuck for Ns" and the first report, with its stack, has scrolled away.
 */

/** The lines that say the guest will not answer again: a hung task, an oops, a panic. */
const FATAL = /INFO: task \S+ blocked for more than|BUG: (?:kernel NULL pointer|unable to handle)|general protection fault|Kernel panic|kernel BUG at|Oops: /;

/** The lines that open a kernel report worth a failure: those, lockups and RCU stalls. */
const REPORT_START = new RegExp(`watchdog: BUG: soft lockup|rcu: INFO: rcu_\\w+ (?:self-)?detected stalls?|${FATAL.source}`);

/** The guest kernel's first report of trouble and the `lines` console lines from it on; null when there is none. */
export function kernelTrouble(consoleText: string, lines = 60): string | null {
  const all = consoleText.split('\n');
  const first = all.findIndex((l) => REPORT_START.test(l));
  return first < 0 ? null : all.slice(first, first + lines).join('\n');
}

/**
 * A console line saying the guest will not answer again: a CPU stuck for a minute or more, a task blocked past the
 * hung-task timeout, an oops or a panic. (A lockup report of 20–40 s alone can be a loaded host starving the
 * emulator for a while; the guest may recover, so that alone stops nothing.)
 */
export function kernelHang(consoleText: string): string | null {
  for (const line of consoleText.split('\n')) {
    const stuck = /soft lockup - CPU#\d+ stuck for (\d+)s/.exec(line);
    if ((stuck && Number(stuck[1]) >= 60) || FATAL.test(line)) return line.trim();
  }
  return null;
}

/** What a failed lab test prints of the console: the kernel's first report (if any), then the last lines. */
export function consoleForFailure(consoleText: string, tailLines = 30): string {
  const tail = consoleText.split('\n').slice(-tailLines).join('\n');
  const report = kernelTrouble(consoleText);
  return report ? `the VM's kernel reported trouble; its first report:\n${report}\n[…] the console ends:\n${tail}` : `the VM's console ends:\n${tail}`;
}
