import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';
import { repoRoot, startWebProcess, type WebProcess } from '../support/web-process.js';
import { socatAvailable, startPtyTwin, type PtyTwin } from '../support/socat.js';
import { loadScenario } from '../../main/simulator/host/scenario-files.js';
import { missing } from '../support/real-parts.js';

const shots = join(repoRoot, 'docs', 'screenshots');
const SECRETS = ['rtx-login-9Qm2', 'rtx-admin-7Hk4', 'kamome-fixed-4471', 'Upd8-Secret-x93'];

/** The serial tab with the twin's pty path and the scenario's login; ends on the identified screen. */
async function connectOverSerial(page: Page, path: string, scenario: string): Promise<void> {
  const c = loadScenario(scenario).console;
  const creds = { user: c.loginUser ?? '', password: c.loginPassword, admin: c.adminPassword };
  await page.getByRole('tab', { name: 'シリアル（コンソール）' }).click();
  await page.getByLabel('シリアルポート').fill(path);
  await page.getByLabel('ログインユーザー名（RTX1300など）').fill(creds.user);
  await page.getByLabel('ログインパスワード').fill(creds.password);
  await page.getByLabel('管理者パスワード').fill(creds.admin);
  await page.getByRole('button', { name: 'シリアルで接続' }).click();
  await page.getByTestId('identified-title').waitFor({ timeout: 60_000 });
}

async function diagnoseToFindings(page: Page): Promise<void> {
  await page.getByRole('button', { name: '次へ：設定と状態を読み取る' }).click();
  await page.getByTestId('findings-title').waitFor({ timeout: 120_000 });
}

describe.skipIf(missing('socat', socatAvailable()) || missing('chromium', chromiumAvailable()))('the wizard end to end over a real pseudo-terminal', () => {
  let browser: Browser;
  const started: { web: WebProcess; twin: PtyTwin; dataDir: string }[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of started) {
      await s.web.stop();
      await s.twin.kill();
    }
  });
  async function setup(scenario: string, baud = '115200') {
    const dataDir = mkdtempSync(join(tmpdir(), 'ipoe-data-'));
    const twin = await startPtyTwin(scenario, ['--baud', baud]);
    const web = await startWebProcess({ IPOE_DOCTOR_DATA_DIR: dataDir, IPOE_DOCTOR_PING_TARGET: '192.0.2.53' });
    started.push({ web, twin, dataDir });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(web.url);
    return { page, dataDir, twin, web };
  }

  it('fixed-ip-br-typo: connect → identify → gather → findings → preview → apply → verified and saved → report', async () => {
    const { page, dataDir } = await setup('fixed-ip-br-typo', '9600');
    await connectOverSerial(page, started.at(-1)!.twin.path, 'fixed-ip-br-typo');
    await page.screenshot({ path: join(shots, '10-identified-serial.png') });
    await diagnoseToFindings(page);
    for (const code of ['BR_ADDRESS_WRONG', 'TUNNEL_NO_RX', 'IPV4_FILTER_LAN_MISMATCH']) {
      await page.getByTestId(`finding-${code}`).waitFor();
    }
    expect(await page.getByTestId('finding-BR_ADDRESS_WRONG').textContent()).toContain('2404:9200:225:100::65');
    // The topology is its own lazily loaded chunk: wait for it before counting its hops.
    await page.getByTestId('topology').waitFor();
    expect(await page.locator('[data-testid=topology] [data-state=bad]').count()).toBeGreaterThan(0);
    await page.getByTestId('finding-BR_ADDRESS_WRONG').getByRole('button', { name: '出力全体で見る' }).first().click();
    await page.getByTestId('raw-output').first().waitFor();
    expect(await page.locator('[data-testid=raw-output] .hl').first().textContent()).toContain('2404:9200:255:100::65');
    await page.screenshot({ path: join(shots, '11-findings.png'), fullPage: false });

    await page.getByRole('button', { name: '選んだ修正を確認する' }).click();
    await page.getByTestId('preview-BR_ADDRESS_WRONG').waitFor();
    expect(await page.getByTestId('preview-BR_ADDRESS_WRONG').textContent()).toContain('tunnel endpoint address 2404:9200:225:100::65');
    await page.screenshot({ path: join(shots, '12-fix-preview.png') });

    await page.getByRole('button', { name: '適用する（確認後に保存）' }).click();
    // At 9600 bit/s the verification (ping and counters) takes long enough to be seen live.
    await page.locator('[data-testid=apply-phases][data-state="router.verifying"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('console-view').textContent(), { timeout: 30_000 }).toContain('tunnel endpoint address 2404:9200:225:100::65');
    await page.screenshot({ path: join(shots, '13-apply.png') });
    const title = page.getByTestId('result-title');
    await title.waitFor({ timeout: 120_000 });
    expect(await title.textContent()).toContain('修正しました');
    expect(await page.getByTestId('result-checks').textContent()).toMatch(/✓/);
    await page.screenshot({ path: join(shots, '14-fixed.png') });
    expect(readdirSync(join(dataDir, 'backups')).length).toBe(1);
    // The live counters were charted: RX rose above zero during verification.
    expect(Number(await page.getByTestId('counter-chart').getAttribute('data-last-rx'))).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'サポート資料を作る' }).click();
    await page.getByTestId('report-body').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(shots, '15-report.png') });
    const reportText = (await page.getByTestId('report-body').textContent()) ?? '';
    expect(reportText).toContain('BR_ADDRESS_WRONG');
    for (const s of SECRETS) expect(reportText).not.toContain(s);
    const files = readdirSync(join(dataDir, 'reports'));
    expect(files.some((f) => f.endsWith('.md'))).toBe(true);
    for (const f of files) for (const s of SECRETS) expect(readFileSync(join(dataDir, 'reports', f), 'utf8')).not.toContain(s);
  });

  it('a fix that fails verification is reverted, the config is proven equal to the backup, and a report is produced', async () => {
    const { page, dataDir } = await setup('fixed-ip-fix-fails');
    await connectOverSerial(page, started.at(-1)!.twin.path, 'fixed-ip-fix-fails');
    await diagnoseToFindings(page);
    await page.getByRole('button', { name: '選んだ修正を確認する' }).click();
    await page.getByRole('button', { name: '適用する（確認後に保存）' }).click();
    const title = page.getByTestId('result-title');
    await title.waitFor({ timeout: 120_000 });
    expect(await title.textContent()).toContain('元に戻しました');
    expect(await page.getByTestId('result-equal').textContent()).toContain('一致しています');
    await page.screenshot({ path: join(shots, '16-reverted.png') });
    await page.getByRole('button', { name: 'サポート資料を作る' }).click();
    await page.getByTestId('report-body').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('report-body').textContent()).toContain('元に戻しました');
    expect(existsSync(join(dataDir, 'reports'))).toBe(true);
  });

  it('a cause on the provider side leads to the checklist and the report', async () => {
    const { page } = await setup('fixed-ip-not-registered');
    await connectOverSerial(page, started.at(-1)!.twin.path, 'fixed-ip-not-registered');
    await diagnoseToFindings(page);
    const finding = page.getByTestId('finding-FIXEDIP_UPDATE_FAILED');
    await finding.waitFor();
    expect(await finding.locator('.checklist').count()).toBe(1);
    await page.screenshot({ path: join(shots, '17-provider-checklist.png') });
    await page.getByRole('button', { name: 'サポート資料を作る' }).click();
    await page.getByTestId('report-body').waitFor({ timeout: 30_000 });
    const text = (await page.getByTestId('report-body').textContent()) ?? '';
    expect(text).toContain('VNE');
    expect(text).toContain('FIXEDIP_UPDATE_FAILED');
  });
});
