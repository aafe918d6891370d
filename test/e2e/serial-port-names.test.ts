import { describe, expect, it } from 'vitest';
import { appInBrowser } from '../support/app-in-browser.js';

// Serial port names per system in the app: the picker's hint names each system's form, and a port name
// from another system gets an answer that says what this one calls its ports (this host is Linux).
describe('browser mode: serial port names', () => {
  const app = appInBrowser();

  it.runIf(process.platform === 'linux')('the hint names Linux, Windows and macOS ports; COM3 on Linux is refused with the right form', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(app.web.url);
    await page.getByRole('tab', { name: 'シリアル（コンソール）' }).click();
    const port = page.getByLabel('シリアルポート');
    expect(await port.getAttribute('placeholder')).toBe('/dev/ttyUSB0（Linux）、COM3（Windows）、/dev/cu.usbserial-…（macOS）');
    await port.fill('COM3');
    await page.getByRole('button', { name: 'シリアルで接続' }).click();
    const hint = page.getByTestId('error-hint');
    await hint.waitFor({ timeout: 15_000 });
    expect(await hint.textContent()).toContain('この OS のシリアルポート名ではありません');
    const detail = await page.getByTestId('error-detail').textContent();
    expect(detail).toContain('serial-name');
    expect(detail).toContain('/dev/ttyUSB0');
    await page.close();
  });
});
