import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium.js';
import { startWebProcess, type WebProcess } from '../support/web-process.js';
import { connectToMissingSerial, expectPicker } from '../support/wizard-page.js';
import { translate } from '../../shared/i18n/translate.js';
import { CORE_ENGLISH, ENGLISH_SENTENCE, expectJapaneseOnly } from '../support/screen-checks.js';

describe('the router flow in Japanese says no English sentence of the core', () => {
  let web: WebProcess;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebProcess({ IPOE_DOCTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'ipoe-ja-')), IPOE_DOCTOR_PING_TARGET: '192.0.2.53' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('the patterns know the sentences they look for', () => {
    // The detector itself: the old English check result and service name are caught, Japanese is not.
    const hits = (text: string) => CORE_ENGLISH.filter(({ pattern }) => pattern.test(text)).map(({ key }) => key);
    expect(hits('tunnel 1 RX 0 → 3; ping 192.0.2.53: 3/3 replies')).toContain('msg.check.tunnelRx');
    expect(hits('サービス: v6plus fixed IP service')).toContain('services.v6plus-fixed');
    expect(hits('✓ "show config" shows ip filter 200030 pass * 192.168.182.0/24 icmp * *')).toContain('msg.check.outputShows');
    expect(hits(translate('ja', 'msg.check.tunnelRx', { tunnel: 1, before: 0, after: 3, target: '192.0.2.53', ping: '3 回中 3 回応答' }))).toEqual([]);
    expect(ENGLISH_SENTENCE.test('the connection to the router was lost')).toBe(true);
    expect(ENGLISH_SENTENCE.test('トンネル 1 の受信 0 → 3')).toBe(false);
  });

  it('fixed-ip-br-typo on the demo: identify → findings → fix preview → apply → result → report', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(web.url);
    await expectPicker(page);
    await expectJapaneseOnly(page, 'connect');

    await page.getByRole('radio', { name: /fixed-ip-br-typo/ }).check();
    await page.getByRole('button', { name: 'デモのルーターで試す' }).click();
    await expect.poll(() => page.getByTestId('identified-title').textContent(), { timeout: 30_000 }).toBe('識別しました: RTX1300 Rev.23.00.04');
    await expectJapaneseOnly(page, 'identified');

    await page.getByRole('button', { name: '次へ：設定と状態を読み取る' }).click();
    await expect.poll(() => page.getByTestId('findings-title').textContent(), { timeout: 120_000 }).toMatch(/IPv4接続を妨げる問題が \d+ 件あります/);
    await page.getByTestId('finding-BR_ADDRESS_WRONG').waitFor();
    // The service is named in Japanese, from the catalog.
    expect(await page.locator('section.card p.muted').first().textContent()).toContain('v6プラス 固定IPサービス');
    await expectJapaneseOnly(page, 'findings');

    await page.getByRole('button', { name: '選んだ修正を確認する' }).click();
    await page.getByTestId('preview-BR_ADDRESS_WRONG').waitFor();
    await expectJapaneseOnly(page, 'fix preview');

    await page.getByRole('button', { name: '適用する（確認後に保存）' }).click();
    await expect.poll(() => page.getByTestId('result-title').textContent(), { timeout: 120_000 }).toContain('修正しました');
    // The checks are said in Japanese: counters before and after, and the ping replies.
    const checks = (await page.getByTestId('result-checks').textContent()) ?? '';
    expect(checks).toMatch(/トンネル 1 の受信 \d+ → \d+、192\.0\.2\.53 への ping：3 回中 3 回応答/);
    await expect.poll(() => page.getByTestId('console-view').textContent()).toContain('への ping：');
    await expectJapaneseOnly(page, 'result');

    await page.getByRole('button', { name: 'サポート資料を作る' }).click();
    await page.getByTestId('report-body').waitFor({ timeout: 30_000 });
    const report = (await page.getByTestId('report-body').textContent()) ?? '';
    expect(report).toContain('v6プラス 固定IPサービス');
    expect(report).toMatch(/トンネル 1 の受信 \d+ → \d+/);
    await expectJapaneseOnly(page, 'report');
    // One wizard per server: back to the picker for the next test.
    await page.getByRole('button', { name: '終わる' }).click();
    await expectPicker(page);
    await page.close();
  });

  it('a failed connection says what happened in Japanese, quoting only what the system said', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(web.url);
    await connectToMissingSerial(page);
    expect(await page.getByTestId('error-detail').textContent()).toMatch(/^\[serial-not-found\] \/dev\/ttyIPOE-does-not-exist を開けません：/);
    await expectJapaneseOnly(page, 'failed');
    await page.getByRole('button', { name: '接続方法の選択に戻る' }).click();
    await expectPicker(page);
    await page.close();
  });

  it('the calculator says why an input is refused in Japanese', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(web.url);
    await page.getByRole('button', { name: 'MAP-E 計算機' }).click();
    const input = page.getByLabel('IPv6プレフィックスまたはアドレス');
    for (const value of ['fe80::1', '10.0.0.1', '2001:db8::/56', '240b:13::/30', 'zz::1::2']) {
      await input.fill(value);
      await page.getByTestId('calc-error').waitFor();
      await expectJapaneseOnly(page, `calculator: ${value}`);
    }
    await page.close();
  });
});
