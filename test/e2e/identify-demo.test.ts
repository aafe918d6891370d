import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium.js';
import { repoRoot, startWebProcess, type WebProcess } from '../support/web-process.js';
import { connectToMissingSerial, expectPicker } from '../support/wizard-page.js';

const shots = join(repoRoot, 'docs', 'screenshots');

describe('browser mode: first screens on the demo router', () => {
  let web: WebProcess;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    web = await startWebProcess();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('walks from the first screen to "identified: RTX1300 Rev.…" in Japanese', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(web.url);
    await expectPicker(page);
    // The token is taken from the fragment and removed from the address bar.
    expect(page.url()).not.toContain('token=');
    await page.getByRole('radio', { name: /fixed-ip-br-typo/ }).check();
    await page.screenshot({ path: join(shots, '01-connect.png') });
    await page.getByRole('button', { name: 'デモのルーターで試す' }).click();
    const title = page.getByTestId('identified-title');
    await expect.poll(() => title.textContent(), { timeout: 30_000 }).toMatch(/^識別しました: RTX1300 Rev\.23\.00\.04$/);
    // The step bar says where the wizard is: step 2 of 7 (identify) is the current one.
    expect(await page.locator('.steps li[aria-current=step]').textContent()).toBe('2機種の確認');
    await expect.poll(() => page.getByTestId('demo-badge').isVisible()).toBe(true);
    expect(await page.locator('.evidence').textContent()).toContain('RTX1300 Rev.23.00.04 (Wed Aug 10 11:40:27 2022)');
    await page.screenshot({ path: join(shots, '02-identified.png') });

    // English on request, same state.
    await page.getByRole('button', { name: 'English' }).click();
    expect(await title.textContent()).toBe('Identified: RTX1300 Rev.23.00.04');
    await page.getByRole('button', { name: '日本語' }).click();

    // Back to the start: the session is closed and the picker is shown again.
    await page.getByRole('button', { name: '切断して最初に戻る' }).click();
    await expectPicker(page);
    await page.close();
  });

  it('lands in a failure state that says what to do, and retries', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The views the core sends: a fast second failure may reach React in one batch with the connecting view before
    // it, so the proof that RETRY tried again is the connecting view on the wire, not a DOM node going away.
    const connectingViews: number[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => {
      if (typeof f.payload === 'string' && f.payload.includes('"activity":"progress.connecting"')) connectingViews.push(Date.now());
    }));
    await page.goto(web.url);
    await connectToMissingSerial(page);
    const hint = page.getByTestId('error-hint');
    expect(await page.getByTestId('error-detail').textContent()).toContain('serial-not-found');
    // RETRY really tries again: the failure screen is left (its element goes away) and comes back with the same answer.
    const before = connectingViews.length;
    expect(before).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'もう一度試す' }).click();
    await expect.poll(() => connectingViews.length, { timeout: 15_000 }).toBeGreaterThan(before);
    await expect.poll(() => hint.textContent(), { timeout: 15_000 }).toContain('そのシリアルポートは存在しません');
    expect(await page.getByTestId('error-detail').textContent()).toContain('serial-not-found');
    await page.getByRole('button', { name: '接続方法の選択に戻る' }).click();
    await expectPicker(page);
    await page.close();
  });

  it('is keyboard-usable: the demo can be started without a mouse', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(web.url);
    const start = page.getByRole('button', { name: 'デモのルーターで試す' });
    // The button shows at once but stays disabled until the scenario list has loaded; a disabled button takes no focus.
    await expect.poll(() => start.isEnabled()).toBe(true);
    await start.focus();
    expect(await start.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('identified-title').textContent(), { timeout: 30_000 }).toBe('識別しました: RTX1300 Rev.23.00.04');
    // Keyboard focus lands on the next step's button, so Enter goes on.
    expect(await page.getByRole('button', { name: '次へ：設定と状態を読み取る' }).evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.close();
  });
});
