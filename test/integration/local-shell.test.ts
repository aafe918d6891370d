import { describe, expect, it } from 'vitest';
import { openLocalShell } from '../../main/transports/local-shell.js';
import { LinuxShellSession } from '../../main/devices/linux-shell-session.js';

describe('local shell session (a real /bin/sh)', () => {
  it('frames output and exit status exactly, including stderr and output without a final newline', async () => {
    const s = new LinuxShellSession(openLocalShell());
    const a = await s.run('echo one; echo two >&2; exit_code() { return 3; }; exit_code');
    expect(a).toMatchObject({ output: 'one\ntwo\n', exitCode: 3 });
    const b = await s.run("printf 'no newline'");
    expect(b).toMatchObject({ output: 'no newline', exitCode: 0 });
    // A command that prints something marker-like cannot confuse the framing.
    const c = await s.run("echo '__IPOE_END_fake_0__'");
    expect(c.output).toBe('__IPOE_END_fake_0__\n');
    await s.close();
  });

  it('times out a command that hangs, and can be cancelled', async () => {
    const s = new LinuxShellSession(openLocalShell());
    await expect(s.run('sleep 5', { timeoutMs: 200 })).rejects.toMatchObject({ code: 'timeout' });
    await s.close();
    const s2 = new LinuxShellSession(openLocalShell());
    const ac = new AbortController();
    const p = s2.run('sleep 5', { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    await s2.close();
  });
});
