import { describe, expect, it } from 'vitest';
import { RtxSession, RtxSessionError } from '../../../main/devices/rtx-session.js';
import { connectTwin } from '../../../main/simulator/host/twin-transport.js';
import { loadScenario, type Scenario } from '../../../main/simulator/host/scenario-files.js';
import { identifyRtx } from '../../../main/devices/identify-rtx.js';

const rtx1300 = () => loadScenario('fixed-ip-br-typo');
const creds1300 = { username: 'admin', password: 'rtx-login-9Qm2', adminPassword: 'rtx-admin-7Hk4' };

function withConsole(s: Scenario, patch: Partial<Scenario['console']>): Scenario {
  return { ...s, console: { ...s.console, ...patch } };
}

describe('RTX console session over the twin', () => {
  it('logs in with a user name (RTX1300), turns paging off for the session and puts it back', async () => {
    const t = connectTwin(rtx1300());
    const s = new RtxSession(t, creds1300);
    await s.open();
    expect(s.prompt).toBe('>');
    expect(s.settingsToRestore).toEqual(['no console lines', 'no console columns']);
    const sent: string[] = [];
    const write = t.write.bind(t);
    t.write = async (d) => (sent.push(String(d)), write(d));
    await s.close();
    expect(sent.join('')).toContain('no console lines\r');
    expect(sent.join('')).toContain('no console columns\r');
    expect(t.closed).toBe(true);
  });

  it('logs in with the empty factory password (RTX830) and reads show environment', async () => {
    const s = new RtxSession(connectTwin('v6plus-rtx830'));
    await s.open();
    const r = await s.run('show environment');
    expect(r.error).toBeNull();
    expect(r.output.split('\n')[1]).toBe('RTX830 Rev.15.02.31 (Fri Jul  5 10:40:25 2024)');
    expect(r.output).not.toContain('show environment'); // echo stripped
    await s.close();
  });

  it('gets through the pager when it is left on', async () => {
    const t = connectTwin(rtx1300());
    const s = new RtxSession(t, creds1300);
    await s.open();
    await s.run('no console lines'); // pager back on: 24 lines
    await s.enterAdmin();
    const r = await s.run('show config');
    expect(r.output).not.toMatch(/つづく|---more---/);
    expect(r.output).toContain('embedded file v6plus_address_notification.lua <<EOF');
    expect(r.output.split('\n').at(-1)).toBe('EOF');
    await s.close();
  });

  it('decodes a Shift_JIS console and spots its Japanese error lines', async () => {
    const s = new RtxSession(connectTwin(withConsole(rtx1300(), { character: 'ja.sjis' })), creds1300);
    await s.open();
    const r = await s.run('show nonsense');
    expect(r.error).toBe('エラー： コマンド名を確認してください');
    await s.close();
  });

  it('finds a custom prompt', async () => {
    const s = new RtxSession(connectTwin(withConsole(rtx1300(), { prompt: 'RTX1300' })), creds1300);
    await s.open();
    expect(s.prompt).toBe('RTX1300>');
    await s.enterAdmin();
    expect(s.prompt).toBe('RTX1300#');
    const id = await identifyRtx(s, { crossCheck: true });
    expect(id).toMatchObject({ model: 'RTX1300', firmware: '23.00.04', serial: 'S78000000', warnings: [] });
    await s.close();
  });

  it('refuses a wrong password once, clearly, without retrying', async () => {
    const t = connectTwin(rtx1300());
    let passwordsSent = 0;
    const write = t.write.bind(t);
    t.write = async (d) => {
      if (String(d) === 'wrong-password\r') passwordsSent++;
      return write(d);
    };
    const s = new RtxSession(t, { ...creds1300, password: 'wrong-password' });
    const err = await s.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RtxSessionError);
    expect((err as RtxSessionError).code).toBe('login-failed');
    expect(passwordsSent).toBe(1);
  });

  it('refuses a wrong administrator password', async () => {
    const s = new RtxSession(connectTwin(rtx1300()), { ...creds1300, adminPassword: 'nope' });
    await s.open();
    await expect(s.enterAdmin()).rejects.toMatchObject({ code: 'admin-failed' });
    expect(s.admin).toBe(false);
    await s.close();
  });

  it('reports a dropped line mid-command as disconnected', async () => {
    const t = connectTwin('v6plus-rtx830', { bytesPerSecond: 960 });
    const s = new RtxSession(t);
    await s.open();
    const pending = s.run('show environment');
    setTimeout(() => t.pullCable(), 100);
    await expect(pending).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('never saves: leaving administrator mode after a change answers N', async () => {
    const t = connectTwin(rtx1300());
    const s = new RtxSession(t, creds1300);
    await s.open();
    await s.enterAdmin();
    await s.run('console columns 200'); // a config change in administrator mode
    const sent: string[] = [];
    const write = t.write.bind(t);
    t.write = async (d) => (sent.push(String(d)), write(d));
    await s.close();
    expect(sent).toContain('N');
    expect(sent).not.toContain('Y');
    expect(sent.some((x) => /^save/.test(x))).toBe(false);
  });
});

describe('reading only as far as needed', () => {
  const office = () => loadScenario('busy-office-rtx1300');
  const officeCreds = { username: 'admin', password: 'office-login-4Tz8', adminPassword: 'office-admin-9Rw2' };

  it('stops a listing at the pager once enough is read, in user mode, and turns paging off before administrator', async () => {
    const t = connectTwin(office());
    const s = new RtxSession(t, officeCreds);
    await s.open();
    await s.enterAdmin();
    const sent: string[] = [];
    const write = t.write.bind(t);
    t.write = async (d) => (sent.push(String(d)), write(d));
    const r = await s.run('show log reverse', { stopWhen: (lines) => lines.some((l) => l.includes('IP Tunnel[1] Up')), pageLines: 12 });
    expect(r.error).toBeNull();
    expect(r.stopped).toBe(true);
    // A page or two of the 3,000 lines: the newest ones, newest first.
    const lines = r.output.split('\n');
    expect(lines.length).toBeLessThan(40);
    expect(lines.some((l) => l.endsWith('IP Tunnel[1] Up'))).toBe(true);
    expect(r.output).not.toMatch(/つづく|---more---/);
    // Paging needs user mode: `console lines` in administrator mode would change the config.
    expect(s.admin).toBe(false);
    expect(sent.join('')).toMatch(/^exit\r.*console lines 12\r/s);
    expect(t.console.hasUnsavedChanges).toBe(false);
    sent.length = 0;
    await s.enterAdmin();
    expect(sent.join('')).toMatch(/^console lines infinity\radministrator\r/);
    const config = await s.run('show config');
    expect(config.stopped).toBe(false);
    expect(config.output).not.toMatch(/つづく|---more---/);
    expect(t.console.hasUnsavedChanges).toBe(false);
    await s.close();
  });

  it('knows whether the config it read whole is still the running one', async () => {
    const t = connectTwin(rtx1300());
    const s = new RtxSession(t, creds1300);
    await s.open();
    await s.enterAdmin();
    expect(s.configUnchangedSince(60_000)).toBeNull();
    const config = await s.run('show config');
    await s.run('show status ipip');
    await s.run('ping6 -c 1 2404:9200:225:100::65');
    expect(s.configUnchangedSince(60_000)).toBe(config.output);
    expect(s.configUnchangedSince(-1)).toBeNull(); // too old
    await s.run('ip filter 1 pass * * * * *');
    expect(s.configUnchangedSince(60_000)).toBeNull();
    await s.close();
  });
});

describe('a console that does not end a listing on q', () => {
  const office = () => loadScenario('busy-office-rtx1300');
  const officeCreds = { username: 'admin', password: 'office-login-4Tz8', adminPassword: 'office-admin-9Rw2' };
  const stopEarly = { stopWhen: (lines: readonly string[]) => lines.length > 0, pageLines: 100 };

  for (const [what, q] of [
    ['ignores q', ''],
    ['takes q for the next page', ' '],
  ] as const) {
    it(`${what}: the read goes on to the end, whole`, async () => {
      const t = connectTwin(office());
      const s = new RtxSession(t, { ...officeCreds, quitWaitMs: 300 });
      await s.open();
      const whole = await s.run('show log');
      const write = t.write.bind(t);
      t.write = async (d) => write(typeof d === 'string' ? d.replace(/^q$/, q) : d);
      const r = await s.run('show log', stopEarly);
      expect(r.error).toBeNull();
      expect(r.stopped).toBe(false);
      expect(r.output).toBe(whole.output);
      await s.close();
    }, 60_000);
  }
});
