import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { appInBrowser } from '../support/app-in-browser.js';
import { repoRoot } from '../support/web-process.js';

describe('calculator screen (no router needed)', () => {
  const app = appInBrowser();

  it('computes v6plus, BIGLOBE and OCN answers and draws the port blocks', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(app.web.url);
    await page.getByRole('button', { name: 'MAP-E 計算機' }).click();
    const input = page.getByTestId('calc-input');

    await input.fill('240b:13:1a65:a100::/56');
    await expect.poll(() => page.getByTestId('calc-ipv4').textContent()).toContain('14.9.26.101');
    expect(await page.getByTestId('calc-psid').textContent()).toContain('161');
    expect(await page.getByTestId('calc-br').textContent()).toContain('2404:9200:225:100::64');
    expect(await page.getByTestId('calc-ceAddress').textContent()).toContain('240b:13:1a65:a100:e:91a:6500:a100');
    expect(await page.locator('[data-testid=port-map] rect.portmap-block').count()).toBe(15);
    expect(await page.getByTestId('calc-ranges').textContent()).toMatch(/^6672-6687, 10768-10783, /);
    await page.screenshot({ path: join(repoRoot, 'docs', 'screenshots', '03-calculator.png'), fullPage: true });

    // Field report 003: a LAN address in the BIGLOBE /56 gives the BIGLOBE BR, not v6plus's.
    await input.fill('2404:7a82:4d02:4101::1');
    await expect.poll(() => page.getByTestId('calc-br').textContent()).toContain('2001:260:700:1::1:275');
    expect(await page.getByTestId('calc-ceAddress').textContent()).toContain('2404:7a82:4d02:4100:85:d10d:200:4100');
    expect(await page.getByTestId('calc-warnings').textContent()).toContain('サブネット0');

    await page.getByRole('tab', { name: 'linux' }).click();
    const snippet = (await page.getByTestId('calc-snippet').textContent()) ?? '';
    expect(snippet).toContain('encaplimit none');
    expect(snippet.match(/snat ip to 133\.209\.13\.2:\d+-\d+/g)).toHaveLength(15);

    await input.fill('2400:4050:1234:5600::/56');
    await expect.poll(() => page.locator('[data-testid=port-map] rect.portmap-block').count()).toBe(63);
    expect(await page.getByTestId('calc-ports').textContent()).toContain('1008');

    await input.fill('2001:db8::/56');
    await expect.poll(() => page.getByTestId('calc-error').textContent()).toContain('既知のMAP-Eサービス');
    await input.fill('192.168.1.1');
    await expect.poll(() => page.getByTestId('calc-error').textContent()).toContain('IPv4アドレスではなく');
    await page.close();
  });
});
