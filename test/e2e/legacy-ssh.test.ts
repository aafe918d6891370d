import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';
import { repoRoot, startWebProcess, type WebProcess } from '../support/web-process.js';
import { missing } from '../support/real-parts.js';
import { sshdAvailable, startSshd, type RealSshd } from '../support/sshd.js';

const shots = join(repoRoot, 'docs', 'screenshots');

describe.skipIf(missing('sshd', sshdAvailable()) || missing('chromium', chromiumAvailable()))('an older router\'s SSH in the wizard: the old algorithms are a question, never a silent downgrade', () => {
  let sshd: RealSshd;
  let web: WebProcess;
  let browser: Browser;
  beforeAll(async () => {
    sshd = await startSshd('ocn-mape-proto4-filtered', ['--baud', '0', '--logged-in'], {
      hostKeyType: 'rsa',
      extraConfig: ['KexAlgorithms diffie-hellman-group1-sha1', 'HostKeyAlgorithms ssh-rsa', 'Ciphers aes128-cbc'],
    });
    web = await startWebProcess({ IPOE_DOCTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'ipoe-data-')) });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await sshd?.stop();
  });

  it('names the algorithms, and connects with them only after "connect with the old algorithms"', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(web.url);
    await page.getByRole('tab', { name: 'SSH' }).click();
    await page.getByLabel('ホスト').fill('127.0.0.1');
    await page.getByLabel('ポート').fill(String(sshd.port));
    await page.getByLabel('ログインユーザー名（RTX1300など）').fill(sshd.user);
    await page.getByLabel('管理者パスワード').fill('ocn-admin-Rw51');
    await page.getByLabel('秘密鍵ファイル（任意）').fill(sshd.clientKeyPath);
    await page.getByRole('button', { name: 'SSHで接続' }).click();

    const algorithms = page.getByTestId('legacy-algorithms');
    await algorithms.waitFor({ timeout: 60_000 });
    expect(await page.locator('h2').first().textContent()).toBe(`127.0.0.1:${sshd.port} は古い SSH アルゴリズムしか使えません`);
    const text = (await algorithms.textContent()) ?? '';
    for (const name of ['鍵交換', 'diffie-hellman-group1-sha1', 'ホスト鍵', 'ssh-rsa', '暗号', 'aes128-cbc']) expect(text).toContain(name);
    await page.screenshot({ path: join(shots, '24-legacy-ssh.png') });

    await page.getByRole('button', { name: '古い方式で接続する' }).click();
    // Then, as for any new host, its key is confirmed before anything is sent.
    await page.getByRole('button', { name: '一致するので信頼して接続' }).click({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('identified-title').textContent().catch(() => ''), { timeout: 60_000 }).toBe('識別しました: RTX1210 Rev.14.01.42');
    await page.close();
  });
});
