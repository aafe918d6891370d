import { describe, expect, it } from 'vitest';
import { consoleForFailure, kernelHang, kernelTrouble } from '../../lab/kernel-trouble.js';

// Shaped like the CI run's lab console (stop 22): the first report, its stack, then the watchdog repeating itself.
const hung = [
  '[    9.100000] LAB READY',
  '[   35.512345] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [ping:519]',
  '[   35.512399] CPU: 1 PID: 519 Comm: ping Not tainted 6.1.0-57-cloud-amd64 #1  Debian 6.1.158-1',
  '[   35.512401] RIP: 0010:native_queued_spin_lock_slowpath+0x5e/0x2e0',
  '[   35.512500] Call Trace:',
  '[   35.512501]  <TASK>',
  '[   35.512502]  _raw_spin_lock_bh+0x2a/0x30',
  ...Array.from({ length: 80 }, (_, i) => `[  ${132 + i}.653945] watchdog: BUG: soft lockup - CPU#1 stuck for ${97 + i}s! [ping:519]`),
].join('\n');

describe('the lab console: the guest kernel’s first report of trouble', () => {
  it('finds the first lockup report with its stack, which the tail has lost', () => {
    const report = kernelTrouble(hung);
    expect(report?.split('\n')[0]).toContain('stuck for 22s! [ping:519]');
    expect(report).toContain('_raw_spin_lock_bh');
    const shown = consoleForFailure(hung);
    expect(shown).toContain('native_queued_spin_lock_slowpath');
    expect(shown.split('\n').at(-1)).toContain('stuck for 176s!');
  });

  it.each([
    '[ 115.325783] rcu: INFO: rcu_preempt self-detected stall on CPU',
    '[ 115.325783] rcu: INFO: rcu_sched detected stalls on CPUs/tasks:',
    '[ 242.1] INFO: task nft:411 blocked for more than 120 seconds.',
    '[ 3.2] BUG: kernel NULL pointer dereference, address: 0000000000000008',
    '[ 3.2] general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1] SMP NOPTI',
    '[ 3.3] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000100',
  ])('opens a report at %s', (line) => {
    expect(kernelTrouble(`[ 1.0] booting\n${line}\n[ 1.1] next`)?.split('\n')[0]).toBe(line);
  });

  it('says nothing of a healthy boot, whose log merely mentions the words', () => {
    const healthy = '[ 0.2] rcu: Hierarchical SRCU implementation.\n[ 0.3] NMI watchdog: Perf NMI watchdog permanently disabled\n[ 9.1] LAB READY';
    expect(kernelTrouble(healthy)).toBeNull();
    expect(consoleForFailure(healthy)).toBe(`the VM's console ends:\n${healthy}`);
  });

  it('calls it a hang only when the guest will not come back: a CPU stuck a minute or more, an oops, a panic', () => {
    expect(kernelHang(hung)).toBe('[  132.653945] watchdog: BUG: soft lockup - CPU#1 stuck for 97s! [ping:519]');
    // A loaded host can starve the emulator for half a minute; the guest recovers from that.
    const starved = '[ 40.1] watchdog: BUG: soft lockup - CPU#0 stuck for 23s! [kworker/0:1:33]\n[ 40.2] rcu: INFO: rcu_preempt self-detected stall on CPU';
    expect(kernelTrouble(starved)).not.toBeNull();
    expect(kernelHang(starved)).toBeNull();
    expect(kernelHang('[ 3.3] Kernel panic - not syncing: Fatal exception in interrupt')).toContain('Kernel panic');
    expect(kernelHang('[ 9.1] LAB READY')).toBeNull();
  });
});
