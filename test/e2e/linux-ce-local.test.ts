/**
 * Linux CE mode in the app, on this computer (the "local" target): the wizard's branch from the picker through
 * detection to the plan, in Debian Chromium against the real browser-mode server. Detection here runs on the
 * real host; what it reports about ip6tnl is checked against the test's own probe of the same kernel. Nothing is
 * applied on this host (the full apply/verify/rollback runs against the lab VM: test/lab-cases).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium.js';
import { startWebProcess, type WebProcess } from '../support/web-process.js';
import { missing } from '../support/real-parts.js';

/** Whether this kernel can make an ip6tnl tunnel, asked independently of the app (in a throwaway namespace). */
function kernelHasIp6tnl(): boolean {
  const ns = `ipoe-e2e-${process.pid}`;
  try {
    execFileSync('ip', ['netns', 'add', ns], { stdio: 'ignore' });
  } catch {
    return false;
  }
  try {
    execFileSync('ip', ['netns', 'exec', ns, 'ip', '-6', 'tunnel', 'add', 't0', 'mode', 'ip4ip6', 'remote', '::1', 'local', '::1'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
  }
}

const canProbe = process.getuid?.() === 0;
/** Kana or kanji: a text the Japanese UI shows is Japanese, never an English sentence from the core. */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe.skipIf(missing('network namespaces', canProbe, 'needs root'))('Linux CE mode in the wizard, on this computer', () => {
  let web: WebProcess;
  let browser: Browser;
  let page: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'ipoe-ce-local-'));

  beforeAll(async () => {
    web = await startWebProcess({ IPOE_DOCTOR_DATA_DIR: dataDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(web.url);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('detects this host: the ip6tnl fact matches the kernel, and every gap says how to close it', async () => {
    await page.getByRole('tab', { name: 'Linux を CE にする' }).click();
    await page.getByRole('radio', { name: 'このコンピューター' }).check();
    await page.getByRole('button', { name: '接続してホストを調べる' }).click();
    await page.getByTestId('ce-detected-title').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('ce-detected-title').textContent()).toBe('このコンピューター の状態');
    // The step bar shows Linux CE mode's steps, at "detect".
    expect(await page.locator('.steps [aria-current=step]').textContent()).toContain('ホストの確認');
    const kernel = execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim();
    expect(await page.getByTestId('ce-fact-kernel').textContent()).toContain(kernel);
    const ip6tnl = await page.getByTestId('ce-fact-ip6tnl').textContent();
    if (kernelHasIp6tnl()) {
      expect(ip6tnl).toContain('あり');
      expect(await page.getByTestId('gap-IP6TNL_MISSING').count()).toBe(0);
    } else {
      expect(ip6tnl).toContain('なし');
      const gap = page.getByTestId('gap-IP6TNL_MISSING');
      expect(await gap.textContent()).toContain('カーネルに ip6tnl がありません');
      expect(await gap.textContent()).toMatch(/modprobe ip6_tunnel|linux-image/);
    }
    // Every gap's explanation and its hint, in Japanese; none tells a person in the app to pass a CLI flag.
    for (const line of await page.locator('[data-testid=ce-gaps] li .small').allTextContents()) {
      expect(line).toMatch(JAPANESE);
      expect(line).not.toMatch(/(^|\s)--[a-z]/);
    }
  });

  it('plans BIGLOBE for field report 003\'s prefix: the exact script, every port block, and the scripts exported as shown', async () => {
    await page.getByLabel('サービス').selectOption('biglobe');
    await page.getByLabel('プレフィックス（空欄なら検出したもの）').fill('2404:7a82:4d02:4100::/56');
    await page.getByLabel('WAN インターフェース').fill('lo');
    await page.getByLabel('上流ルーター（IPv6 ゲートウェイ）').fill('fe80::1');
    await page.getByLabel('確認に使う相手（IPv4 ホスト:ポート）').fill('198.51.100.10:80');
    await page.getByRole('button', { name: '計画を作る（まだ何も実行しません）' }).click();
    await page.getByTestId('ce-plan-title').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('ce-plan-ce').textContent()).toBe('2404:7a82:4d02:4100:85:d10d:200:4100');
    expect(await page.getByTestId('ce-plan-br').textContent()).toBe('2001:260:700:1::1:275');
    expect(await page.getByTestId('ce-plan-ipv4').textContent()).toBe('133.209.13.2');
    expect(await page.getByTestId('ce-plan-ports').textContent()).toContain('240 個・15 ブロック');
    const script = (await page.getByTestId('ce-script').textContent())!;
    expect(script).toContain('encaplimit none');
    expect(script).toContain('remote 2001:260:700:1::1:275 local 2404:7a82:4d02:4100:85:d10d:200:4100 dev lo');
    expect(await page.getByText('ipoe0 経由で 198.51.100.10 に ping が通る').count()).toBe(1);
    // What the script does, in Japanese (the script itself stays as it runs).
    const steps = await page.locator('[data-testid=ce-plan-steps] li').allTextContents();
    expect(steps).toHaveLength(8);
    for (const step of steps) expect(step).toMatch(JAPANESE);
    expect(steps[4]).toBe('トンネル ipoe0 を作る：ip4ip6 remote 2001:260:700:1::1:275 local 2404:7a82:4d02:4100:85:d10d:200:4100 dev lo、encaplimit none、MTU 1460');
    for (const b of await page.locator('[data-testid=ce-plan-blockers] li').allTextContents()) expect(b).toMatch(JAPANESE);

    await page.getByRole('button', { name: '両方のスクリプトをファイルに保存する' }).click();
    await page.getByTestId('ce-exported').waitFor();
    const [, path] = /保存しました：(\S+\.sh) と/.exec((await page.getByTestId('ce-exported').textContent())!)!;
    expect(path!.startsWith(join(dataDir, 'linux-ce'))).toBe(true);
    expect(readFileSync(path!, 'utf8')).toBe(script);
    expect(readFileSync(path!.replace(/\.sh$/, '.rollback.sh'), 'utf8')).toBe(await page.getByTestId('ce-rollback-script').textContent());
  });

  it('apply is not offered while detection reports a blocker; back keeps the form; disconnect returns to the picker', async () => {
    const blockers = await page.getByTestId('ce-plan-blockers').count();
    const apply = page.getByRole('button', { name: 'このコンピューター でこのスクリプトを実行する' });
    expect(await apply.isDisabled()).toBe(blockers > 0);
    await page.getByRole('button', { name: '入力に戻る' }).click();
    await page.getByTestId('ce-plan-form').waitFor();
    expect(await page.getByLabel('プレフィックス（空欄なら検出したもの）').inputValue()).toBe('2404:7a82:4d02:4100::/56');
    // A prefix of another provider is refused on the form with the reason, not a crash.
    await page.getByLabel('サービス').selectOption('v6plus');
    await page.getByRole('button', { name: '計画を作る（まだ何も実行しません）' }).click();
    await page.getByTestId('ce-plan-error').waitFor({ timeout: 30_000 });
    const refused = await page.getByTestId('ce-plan-error').textContent();
    expect(refused).toContain('2404:7a82:4d02:4100::/56 は v6プラス（JPNE） ではなく BIGLOBE IPv6オプション のプレフィックスです。選んだサービスを確かめてください');
    expect(refused).not.toContain('--service');
    await page.getByRole('button', { name: '切断する' }).click();
    await expect.poll(() => page.locator('h2').first().textContent(), { timeout: 20_000 }).toBe('ルーターに接続します');
  });
});
