import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** A serial port that does not exist: connecting to it fails with serial-not-found. */
export const MISSING_SERIAL = '/dev/ttyIPOE-does-not-exist';

/** The connection picker is shown (the wizard is one per server: a test that ends elsewhere leaves the next there). */
export async function expectPicker(page: Page): Promise<void> {
  await expect.poll(() => page.locator('h2').first().textContent()).toBe('ルーターに接続します');
}

/** Connect over serial to MISSING_SERIAL (Japanese UI); ends on the failure screen that says so. */
export async function connectToMissingSerial(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'シリアル（コンソール）' }).click();
  await page.getByLabel('シリアルポート').fill(MISSING_SERIAL);
  await page.getByRole('button', { name: 'シリアルで接続' }).click();
  await expect.poll(() => page.getByTestId('error-hint').textContent(), { timeout: 15_000 }).toContain('そのシリアルポートは存在しません');
}
