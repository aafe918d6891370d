/**
 * The wizard after a cut: `fix` was killed partway through a change on a router (the twin over SSH, its state in
 * --state-dir), and the next connection from the app finds the interrupted change before anything else, shows
 * what the router runs now, and finishes it. Screenshot for the README.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';
import { repoRoot, startWebProcess, type WebProcess } from '../support/web-process.js';
import { loadScenario } from '../../main/simulator/host/scenario-files.js';
import { killFixWhen } from '../support/kill-fix.js';
import { fingerprintOfKeyFile, sshdAvailable } from '../support/sshd.js';
import { startTwinProcess, type TwinProcess } from '../support/twin-process.js';
import { missing } from '../support/real-parts.js';

const shots = join(repoRoot, 'docs', 'screenshots');
const SCENARIO = 'fixed-ip-br-typo';
const scenario = loadScenario(SCENARIO);
const user = scenario.console.loginUser ?? 'admin';
const env = { IPOE_DOCTOR_PASSWORD: scenario.console.loginPassword, IPOE_DOCTOR_ADMIN_PASSWORD: scenario.console.adminPassword, IPOE_DOCTOR_PING_TARGET: '192.0.2.53' };

// ssh-keygen (with sshd) names the twin's host key for the CLI's --trust-host-key.
describe.skipIf(missing('sshd', sshdAvailable()) || missing('chromium', chromiumAvailable()))('the recovery screen after a cut', () => {
  let browser: Browser;
  let web: WebProcess | null = null;
  let twin: TwinProcess | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await twin?.powerOff();
  });

  it('fix killed partway; the next connection shows the interrupted change, and reverting proves the backup is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ipoe-data-'));
    const stateDir = join(mkdtempSync(join(tmpdir(), 'ipoe-router-')), 'router');
    twin = await startTwinProcess(SCENARIO, ['--ssh-port', '0', '--state-dir', stateDir]);
    const fingerprint = fingerprintOfKeyFile(join(stateDir, 'ssh_host_ed25519_key'));
    // The CLI's fix, killed after two of its three commands: the router runs half a change, unsaved.
    await killFixWhen(['--ssh', `${user}@127.0.0.1:${twin.sshPort}`, '--trust-host-key', fingerprint], env, dataDir, (k) => k.filter((x) => x === 'apply').length >= 3);

    web = await startWebProcess({ IPOE_DOCTOR_DATA_DIR: dataDir, IPOE_DOCTOR_PING_TARGET: '192.0.2.53' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(web.url);
    await page.getByRole('tab', { name: 'SSH' }).click();
    await page.getByLabel('ホスト').fill('127.0.0.1');
    await page.getByLabel('ポート').fill(String(twin.sshPort));
    await page.getByLabel('ログインユーザー名（RTX1300など）').fill(user);
    await page.getByLabel('ログインパスワード').fill(scenario.console.loginPassword);
    await page.getByLabel('管理者パスワード').fill(scenario.console.adminPassword);
    await page.getByRole('button', { name: 'SSHで接続' }).click();

    // Identified, then the interrupted change before anything else.
    await page.getByTestId('recovery-title').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('recovery-running').getAttribute('data-state')).toBe('other');
    expect(await page.getByTestId('recovery-saved').getAttribute('data-state')).toBe('backup');
    expect(await page.getByTestId('recover-revert').textContent()).toContain('おすすめ');
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toContain('2404:9200:225:100::65');
    for (const secret of [scenario.console.loginPassword, scenario.console.adminPassword]) expect(body).not.toContain(secret);
    await page.screenshot({ path: join(shots, '25-recovery.png') });

    await page.getByTestId('recover-revert').click();
    await page.getByTestId('recovered-title').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('recovered-title').getAttribute('data-status')).toBe('reverted');
    await page.close();
  }, 240_000);
});
