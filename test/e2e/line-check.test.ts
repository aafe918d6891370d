/**
 * The line check from this computer in the browser: the app (browser mode) and Chromium both run inside the PC's
 * network namespace of a line lab (test/support/line-lab.ts: a v6plus prefix by RA with RDNSS, DNS and the BR
 * addresses on the router), as they would on the user's own computer. Field report 000's first attempt first
 * (the WRC-X6000XS on v6plus fixed IP), then the same line without a router named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumAvailable, launchChromiumInNetns } from '../support/chromium.js';
import { repoRoot, startWebProcess, type WebProcess } from '../support/web-process.js';
import { commandWorks, missing } from '../support/real-parts.js';
import { INTERNET_HOST, makeLineLab, type LineLab } from '../support/line-lab.js';
import { checkScreen } from '../support/screen-checks.js';

const shots = join(repoRoot, 'docs', 'screenshots');
const isRoot = process.getuid?.() === 0;

describe.skipIf(
  missing('network namespaces', isRoot, 'needs root') ||
    missing('chromium', chromiumAvailable()) ||
    missing('dnsmasq', commandWorks('dnsmasq', ['--version'])) ||
    missing('rdisc6', commandWorks('rdisc6', ['-V'])),
)('the line check from this computer (Chromium, browser mode, the app inside the PC namespace)', () => {
  /** The v6plus fixed-IP BR the check pings (catalog value), on the lab router's loopback. */
  const FIXED_IP_BR = '2404:9200:225:100::65';
  let lab: LineLab;
  let web: WebProcess;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    lab = await makeLineLab({ prefix: '240b:11:b901:1800::', endpoints: ['2404:9200:225:100::64', FIXED_IP_BR], hosts: { 'www.nic.ad.jp': INTERNET_HOST } });
    web = await startWebProcess({ IPOE_DOCTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'ipoe-data-')) }, lab.inPc);
    browser = await launchChromiumInNetns(lab.pc);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await lab?.destroy();
  });

  it('connect screen → line check; WRC-X6000XS on v6plus fixed IP is a device-side dead end; the same line without a router: v6plus, its port set', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(web.url);
    await page.getByTestId('line-check-choice').click();
    await page.getByTestId('line-check').waitFor();
    await page.getByTestId('line-check-router').fill('Elecom WRC-X6000XS');
    await page.getByTestId('line-check-service').selectOption('v6plus-fixed');
    await checkScreen(page, 'line check: form');
    await page.screenshot({ path: join(shots, '50-line-check-form.png') });
    await page.getByTestId('line-check-run').click();

    const verdict = page.getByTestId('line-check-verdict');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toBe('回線は v6プラス 固定IPサービス です。ルーター ELECOM WRC-X6000XS はこれに対応していません。回線の故障ではなく、機器側の行き止まりです。');
    // On a failure, the PC namespace's IPv6 state right after the check is the message (the lab's router once lost its
    // Router flag and with it the PC's RA default route: see test/support/line-lab.ts).
    const pcState = () => lab.runInPc('sh', '-c', `(ip -6 addr; ip -6 route; ip -6 neigh; ping -6 -c 3 -i 0.2 -W 2 ${FIXED_IP_BR}) 2>&1; true`);
    const codes = await page.locator('[data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes, codes.includes('BR_UNREACHABLE') ? pcState() : '').toEqual(['DEVICE_UNSUPPORTED_SERVICE']);
    const lists = (await page.getByTestId('line-check-checklists').textContent()) ?? '';
    expect(lists).toContain('ELECOM WRC-X6000XS は v6プラス 固定IPサービス に対応していますか');
    expect(lists).toContain('動作確認済みルーターの一覧を教えてください');
    expect(await page.getByTestId('line-check-go-linux-ce').isVisible()).toBe(true);
    expect(await page.getByTestId('line-check-go-router').isVisible()).toBe(true);
    expect(await page.getByTestId('line-check-router-verdict').textContent()).toContain('非対応');
    await checkScreen(page, 'line check: device-side dead end');
    await page.screenshot({ path: join(shots, '51-line-check-device-side.png'), fullPage: true });

    // The support report from what this computer saw: the finding with its questions; BACK returns to the result.
    await page.getByTestId('line-check-report').click();
    await page.getByTestId('report-body').waitFor({ timeout: 30_000 });
    const report = (await page.getByTestId('report-body').textContent()) ?? '';
    expect(report).toContain('DEVICE_UNSUPPORTED_SERVICE');
    expect(report).toContain('ELECOM WRC-X6000XS は v6プラス 固定IPサービス に対応していますか');
    expect(report).toContain('回線の故障ではありません');
    await page.screenshot({ path: join(shots, '53-line-check-report.png') });
    await page.getByRole('button', { name: '診断結果に戻る' }).click();
    await verdict.waitFor();

    await page.getByTestId('line-check-router').fill('');
    await page.getByTestId('line-check-service').selectOption('');
    await page.getByTestId('line-check-run').click();
    await expect.poll(() => verdict.textContent().catch(() => ''), { timeout: 60_000 }).toBe('回線は v6プラス です。このコンピューターから確認できる範囲では正常です。');
    const result = (await page.getByTestId('line-check-result').textContent()) ?? '';
    expect(result).toContain('106.73.185.1');
    expect(result).toContain('4480-4495');
    expect(result).toContain('2404:9200:225:100::64');
    expect(result).toContain(`${INTERNET_HOST} までのIPv4経路MTU：1460`);
    expect(await page.getByTestId('line-check-needs').textContent()).toContain('15 個すべてのポートブロック');
    await checkScreen(page, 'line check: v6plus');
    await page.screenshot({ path: join(shots, '52-line-check-v6plus.png'), fullPage: true });

    // The router path starts from the connect screen again.
    await page.getByTestId('line-check-go-router').click();
    await page.getByTestId('line-check-choice').waitFor();
  });
});
