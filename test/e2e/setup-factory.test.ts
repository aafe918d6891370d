/**
 * Setting up IPv4 from nothing in the wizard, end to end: a factory RTX1300 on a v6plus fixed-IP line (twin
 * `factory-v6plus-fixed-rtx1300`) reached over a real pseudo-terminal, from connect through the contract notice form
 * to a verified, saved set-up. Screenshots for the README.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';
import { repoRoot, startWebProcess, type WebProcess } from '../support/web-process.js';
import { socatAvailable, startPtyTwin, type PtyTwin } from '../support/socat.js';
import { loadScenario } from '../../main/simulator/host/scenario-files.js';
import { demoNotice } from '../../main/simulator/demo.js';
import { missing } from '../support/real-parts.js';

const shots = join(repoRoot, 'docs', 'screenshots');
const SCENARIO = 'factory-v6plus-fixed-rtx1300';

describe.skipIf(missing('socat', socatAvailable()) || missing('chromium', chromiumAvailable()))('setting up IPv4 from nothing in the wizard', () => {
  let browser: Browser;
  let web: WebProcess | null = null;
  let twin: PtyTwin | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await twin?.kill();
  });

  it(`${SCENARIO}: connect → findings → service → notice form → the whole change and its undo → applied, verified, saved`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ipoe-data-'));
    twin = await startPtyTwin(SCENARIO, ['--baud', '115200']);
    web = await startWebProcess({ IPOE_DOCTOR_DATA_DIR: dataDir, IPOE_DOCTOR_PING_TARGET: '192.0.2.53' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(web.url);
    const scenario = loadScenario(SCENARIO);
    const notice = demoNotice(SCENARIO)!;
    const secrets = [scenario.console.loginPassword, scenario.console.adminPassword, notice.updateUser!, notice.updatePassword!];

    // Connect over the serial tab, as a user with a console cable would.
    await page.getByRole('tab', { name: 'シリアル（コンソール）' }).click();
    await page.getByLabel('シリアルポート').fill(twin.path);
    await page.getByLabel('ログインユーザー名（RTX1300など）').fill(scenario.console.loginUser ?? '');
    await page.getByLabel('ログインパスワード').fill(scenario.console.loginPassword);
    await page.getByLabel('管理者パスワード').fill(scenario.console.adminPassword);
    await page.getByRole('button', { name: 'シリアルで接続' }).click();
    await page.getByTestId('identified-title').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '次へ：設定と状態を読み取る' }).click();
    await page.getByTestId('findings-title').waitFor({ timeout: 120_000 });

    // IPv6 works, no IPv4 tunnel: the finding, and the offer to set IPv4 up.
    const finding = page.getByTestId('finding-IPV4_TUNNEL_MISSING');
    await finding.waitFor();
    expect(await finding.textContent()).toContain('IPv4 のトンネルがない');
    await page.getByTestId('setup-offer').waitFor();
    await page.screenshot({ path: join(shots, '40-setup-findings.png') });
    await page.getByTestId('setup-start').click();

    // The prefix is v6plus's: v6plus is offered first, its fixed-IP service beside it. The contract says fixed IP.
    await page.getByTestId('setup-service-title').waitFor();
    expect(await page.getByTestId('setup-service-v6plus').textContent()).toContain('MAP-E');
    await page.getByTestId('setup-service-v6plus-fixed').locator('input').check();
    await page.screenshot({ path: join(shots, '41-setup-service.png') });
    await page.getByRole('button', { name: '次へ' }).click();

    // The notice form: each value with where it sits on the notice.
    await page.getByTestId('setup-notice-title').waitFor();
    expect(await page.getByTestId('setup-notice-interfaceId').textContent()).toContain('インターフェースID');
    await page.getByTestId('setup-notice-fixedIpv4').locator('input').fill(notice.fixedIpv4!);
    await page.getByTestId('setup-notice-interfaceId').locator('input').fill(notice.interfaceId!);
    await page.getByTestId('setup-notice-br').locator('input').fill(notice.br!);
    await page.getByTestId('setup-notice-updateUser').locator('input').fill(notice.updateUser!);
    await page.getByTestId('setup-notice-updatePassword').locator('input').fill(notice.updatePassword!);
    // The update user and password are secrets: masked as they are typed (and so in the screenshot).
    for (const k of ['updateUser', 'updatePassword']) expect(await page.getByTestId(`setup-notice-${k}`).locator('input').getAttribute('type')).toBe('password');
    await page.screenshot({ path: join(shots, '42-setup-notice.png') });
    await page.getByRole('button', { name: '変更の全体を見る' }).click();

    // The whole change and its undo: the notice's values in, its secrets as slots only.
    await page.getByTestId('setup-preview-title').waitFor({ timeout: 60_000 });
    const commands = (await page.getByTestId('setup-preview-commands').textContent()) ?? '';
    expect(commands).toContain(`nat descriptor address outer 1000 ${notice.fixedIpv4}`);
    expect(commands).toContain('ipv6 lan1 address dhcp-prefix@lan2::cb:71:4d00:0/64');
    expect(commands).toContain(`tunnel endpoint address ${notice.br}`);
    expect(commands).toContain('PASSWORD = "<update-password>"');
    expect(await page.getByTestId('setup-preview-inverse').textContent()).toContain('no embedded file ipoe-doctor-fixed-ip.lua');
    for (const s of secrets) expect(await page.content()).not.toContain(s);
    await page.screenshot({ path: join(shots, '43-setup-preview.png'), fullPage: true });
    await page.getByRole('button', { name: '適用する（確認後に保存）' }).click();

    // Applied unsaved, verified (RX rises, IPv4 ping), then saved.
    const title = page.getByTestId('result-title');
    await title.waitFor({ timeout: 180_000 });
    expect(await title.textContent()).toContain('修正しました');
    expect(await page.getByTestId('result-checks').textContent()).toMatch(/✓/);
    expect(Number(await page.getByTestId('counter-chart').getAttribute('data-last-rx'))).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, '44-setup-saved.png') });
    for (const s of secrets) expect(await page.content()).not.toContain(s);
    expect(readdirSync(join(dataDir, 'backups')).length).toBe(1);
  });
});
