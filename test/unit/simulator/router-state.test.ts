import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../../main/simulator/host/scenario-files.js';
import { StateDir, StateDirError } from '../../../main/simulator/host/state-dir.js';
import { RouterState } from '../../../main/simulator/twin/router-state.js';
import { openTwin, REPORT_000_TIME, runAll } from './twin-helpers.js';

const scenario = loadScenario('fixed-ip-br-typo');
const FIXED_BR = 'tunnel endpoint address 2404:9200:225:100::65';
const clock = () => REPORT_000_TIME;

function poweredRouter(dir: string): RouterState {
  return new RouterState(scenario, { memory: new StateDir(dir, scenario), clock });
}

describe('one router across connections, its memory in a state dir', () => {
  it('sessions share the running config; save writes CONFIG0 to the state dir; a restart there is a power cycle', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'twin-state-')), 'rtx');
    const router = poweredRouter(dir);
    expect(router.bootCause).toBe('restart');
    const a = await openTwin(scenario, { admin: true, router });
    await runAll(a.session, ['tunnel select 1', FIXED_BR, 'tunnel select none', 'save']);
    expect(readFileSync(join(dir, 'config0.txt'), 'utf8')).toContain(` ${FIXED_BR}\n`);
    // A change that nobody saves: the next session sees it in force, and leaving administrator mode asks to save.
    await runAll(a.session, ['ip filter 200077 pass * * icmp * *']);
    await a.session.close();
    const b = await openTwin(scenario, { admin: true, router });
    expect((await b.session.run('show config')).output).toContain('ip filter 200077 pass * * icmp * *');
    expect((await b.session.leaveAdmin()).hadUnsavedChanges).toBe(true);
    await b.session.close();

    // Power cycle: the saved config comes back in force, the unsaved change is gone, and the log says why it booted.
    const again = poweredRouter(dir);
    expect(again.bootCause).toBe('power-on');
    expect(again.running.text()).toBe(again.saved);
    expect(again.running.text()).toContain(` ${FIXED_BR}\n`);
    expect(again.running.text()).not.toContain('200077');
    const c = await openTwin(scenario, { admin: true, router: again });
    const log = await c.session.run('show log');
    expect(log.output.split('\n')[0]).toMatch(/: Restart by power-on$/);
    expect((await c.session.run('show environment')).output).toMatch(/Elapsed time from boot: 0days 00:00:0\d/);
    expect((await c.session.leaveAdmin()).hadUnsavedChanges).toBe(false);
    await c.session.close();
  });

  it('show config 0 asks for the administrator password and prints the saved config, not the one in force', async () => {
    const { session } = await openTwin(scenario, { admin: true });
    await runAll(session, ['tunnel select 1', FIXED_BR, 'tunnel select none']);
    const saved = await session.showSavedConfig();
    expect(saved.error).toBeNull();
    expect(saved.output).toContain(' tunnel endpoint address 2404:9200:255:100::65');
    expect(saved.output).not.toContain(FIXED_BR);
    expect(saved.output).not.toMatch(/Password:/);
    expect(saved.output).not.toContain(scenario.console.adminPassword);
    const wrong = await session.run('show config 0', { answers: ['not-the-password'] });
    expect(wrong.error).toBe('エラー： パスワードが間違っています');
    expect(wrong.output).not.toContain('tunnel endpoint address');
    await session.close();
  });

  it('save takes a moment: the flash is written between "Saving ..." and "Done" (セーブ中… 終了)', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'twin-state-')), 'rtx');
    const router = poweredRouter(dir);
    const { session, twin } = await openTwin(scenario, { admin: true, router });
    await runAll(session, ['tunnel select 1', FIXED_BR, 'tunnel select none']);
    let text = '';
    let writtenWhenStarted: boolean | null = null;
    twin.onData((chunk) => {
      text += Buffer.from(chunk).toString('utf8');
      if (writtenWhenStarted === null && text.includes('セーブ中... ')) writtenWhenStarted = router.saved.includes(FIXED_BR);
    });
    const r = await session.run('save');
    expect(r.output).toBe('セーブ中... CONFIG0 終了');
    expect(writtenWhenStarted).toBe(false);
    expect(router.saved).toContain(FIXED_BR);
    await session.close();
  });

  it('keeps its SSH host key, and refuses a state dir that holds another router', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'twin-state-')), 'rtx');
    const key = new StateDir(dir, scenario).hostKey();
    expect(key).toMatch(/PRIVATE KEY/);
    expect(new StateDir(dir, scenario).hostKey()).toBe(key);
    expect(() => new StateDir(dir, loadScenario('v6plus-rtx830'))).toThrow(StateDirError);
    expect(() => new StateDir(dir, loadScenario('v6plus-rtx830'))).toThrow(/holds the router of scenario "fixed-ip-br-typo"/);
  });

  it('a state dir with a CONFIG0 written elsewhere boots with it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'twin-state-')), 'rtx');
    new StateDir(dir, scenario);
    writeFileSync(join(dir, 'config0.txt'), scenario.config.replace('2404:9200:255:100::65', '2404:9200:225:100::65'));
    const router = poweredRouter(dir);
    expect(router.running.text()).toContain(FIXED_BR);
    expect(router.network.registration.attempted).toBe(true);
  });
});
