import { describe, expect, it } from 'vitest';
import { accessServices } from '../../../main/simulator/twin/access-services.js';
import { TwinRouter } from '../../../main/simulator/host/twin-router.js';
import { loadScenario } from '../../../main/simulator/host/scenario-files.js';
import { RtxSession } from '../../../main/devices/rtx-session.js';
import { openTwin, runAll } from './twin-helpers.js';

const rtx1300 = loadScenario('fixed-ip-br-typo');
const login = { username: 'admin', password: 'rtx-login-9Qm2', adminPassword: 'rtx-admin-7Hk4' };

describe("the twin's SSH and Telnet servers, as config lines", () => {
  it('a factory router: Telnet answers, SSH does not; turning SSH on takes a key and the service', () => {
    expect(accessServices('ip lan1 address 192.168.100.1/24\n')).toEqual({
      ssh: { service: false, hostKey: false, hosts: 'any', port: 22, answers: false },
      telnet: { service: true, hosts: 'any', port: 23, answers: true },
    });
    expect(accessServices('sshd service on\n').ssh.answers).toBe(false);
    expect(accessServices('sshd host key generate\nsshd service on\nsshd host lan1\nsshd listen 2022\n').ssh).toEqual({ service: true, hostKey: true, hosts: 'lan1', port: 2022, answers: true });
    expect(accessServices('sshd host key generate *\nsshd service on\nsshd host none\n').ssh.answers).toBe(false);
    expect(accessServices('telnetd service off\n').telnet.answers).toBe(false);
  });

  it('the console takes the sshd commands in administrator mode, refuses bad values, and keeps them in show config', async () => {
    const { session } = await openTwin('fixed-ip-br-typo', { admin: true });
    await runAll(session, ['sshd host key generate', 'sshd host lan1', 'sshd service on', 'sshd listen 2022']);
    expect((await session.run('sshd service maybe')).error).toBe('エラー： キーワードが不正です');
    expect((await session.run('sshd listen 70000')).error).toBe('エラー： パラメータが範囲を越えています');
    const config = (await session.run('show config')).output;
    for (const line of ['sshd host key generate', 'sshd host lan1', 'sshd service on', 'sshd listen 2022']) expect(config).toContain(line);
    await runAll(session, ['no sshd service', 'no sshd listen']);
    const after = (await session.run('show config')).output;
    expect(after).not.toContain('sshd service on');
    expect(after).not.toContain('sshd listen');
    await session.close();
  });

  it('one router for every session: a change is in force for the next session, and only a save is kept as saved', async () => {
    const router = new TwinRouter(rtx1300);
    let changes = 0;
    router.onChange(() => changes++);
    const first = new RtxSession(router.session(), { ...login, waitForGreeting: false });
    await first.open();
    await first.enterAdmin();
    await runAll(first, ['sshd host key generate', 'sshd service on']);
    expect(router.access().ssh.answers).toBe(true);
    expect(changes).toBe(2);
    await first.close();
    const second = new RtxSession(router.session(), login);
    await second.open();
    await second.enterAdmin();
    expect((await second.run('show config')).output).toContain('sshd service on');
    // Not saved yet: leaving administrator mode asks, as the router would.
    expect((await second.leaveAdmin()).hadUnsavedChanges).toBe(true);
    await second.enterAdmin();
    await runAll(second, ['save']);
    expect((await second.leaveAdmin()).hadUnsavedChanges).toBe(false);
    await second.close();
  });

  it('over Telnet the console greets with its login prompt at once, the model\'s own (user name first on RTX1300), and hangs up at logout', async () => {
    const router = new TwinRouter(rtx1300);
    const twin = router.session({ hangUpOnLogout: true });
    let text = '';
    twin.onData((c) => (text += Buffer.from(c).toString('latin1')));
    let closed = false;
    twin.onClose(() => (closed = true));
    // The session listens before the greeting, as it does on a Telnet socket; it must not press Enter first.
    const session = new RtxSession(twin, { ...login, waitForGreeting: true, loginTimeoutMs: 60_000 });
    twin.console.greetLogin();
    expect(text).toBe('\r\nUsername: ');
    await session.open();
    expect(text).not.toContain('Incorrect');
    await session.transport.write('exit\r');
    await expect.poll(() => closed).toBe(true);
    const old = new TwinRouter(loadScenario('ocn-mape-proto4-filtered')).session();
    let greeting = '';
    old.onData((c) => (greeting += Buffer.from(c).toString('latin1')));
    old.console.greetLogin();
    expect(greeting).toBe('\r\nPassword: ');
    await old.close();
  });
});
