import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from '../support/chromium.js';
import { repoRoot, startWebProcess, type WebProcess } from '../support/web-process.js';
import { missing } from '../support/real-parts.js';
import { makeTestLan, netnsAvailable, type TestLan } from '../support/netns-lan.js';
import { startTwinRouter, type TwinRouterProcess } from '../support/telnet.js';

const shots = join(repoRoot, 'docs', 'screenshots');
const login = { user: 'admin', password: 'rtx-login-9Qm2', admin: 'rtx-admin-7Hk4' };

describe.skipIf(missing('network namespaces', netnsAvailable()) || missing('chromium', chromiumAvailable()))(
  'the connect screen finds the router on the LAN, and one click connects over Telnet (Chromium, browser mode, network namespaces)',
  () => {
    let lan: TestLan;
    let router: TwinRouterProcess;
    let web: WebProcess;
    let browser: Browser;
    beforeAll(async () => {
      mkdirSync(shots, { recursive: true });
      // An RTX1300 at its factory state on the LAN: Telnet on, SSH off; its MAC in Yamaha's AC:44:F2 block.
      lan = makeTestLan('ac:44:f2:b6:86:00');
      router = await startTwinRouter('fixed-ip-br-typo', ['--telnet-port', '23', '--listen', '::'], {}, lan.inRouter);
      // The app and the browser both live on the user's PC, inside its namespace.
      web = await startWebProcess(
        { IPOE_DOCTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'ipoe-data-')), IPOE_DOCTOR_PING_TARGET: '192.0.2.53', IPOE_DOCTOR_DISCOVERY: 'auto' },
        lan.inPc,
      );
      const wrapper = join(mkdtempSync(join(tmpdir(), 'ipoe-chromium-')), 'chromium-in-pc.sh');
      writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${lan.pc} ${CHROMIUM_PATH} "$@"\n`);
      chmodSync(wrapper, 0o755);
      browser = await launchChromium(wrapper);
    });
    afterAll(async () => {
      await browser?.close();
      await web?.stop();
      await router?.stop();
      lan?.destroy();
    });

    it('discovered router → Telnet → identified → turn SSH on → findings', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(web.url);
      const found = page.getByTestId(`discovered-${lan.routerIpv4}`);
      await found.waitFor({ timeout: 60_000 });
      await expect.poll(() => found.textContent()).toContain('ac:44:f2:b6:86:00 (Yamaha Corporation)');
      const text = (await found.textContent()) ?? '';
      expect(text).toContain('ヤマハ');
      expect(text).toContain('telnet 23 応答あり');
      expect(text).toContain('ssh 22 応答なし');
      expect(await page.getByTestId(`discovered-${lan.routerLinkLocal}`).isVisible()).toBe(true);
      expect(await page.getByTestId('discovery').textContent()).toContain('Telnet はルーターのパスワードを含むすべてを暗号化せずに');
      // RTX1300: named login. The user types it once; the rest is one click on the router that was found.
      await page.getByLabel('ログインユーザー名（RTX1300など）').first().fill(login.user);
      await page.getByLabel('ログインパスワード').first().fill(login.password);
      await page.getByLabel('管理者パスワード').first().fill(login.admin);
      await page.screenshot({ path: join(shots, '20-discovered.png') });
      await page.getByTestId(`discovered-telnet-${lan.routerIpv4}`).click();

      const title = page.getByTestId('identified-title');
      await expect.poll(() => title.textContent(), { timeout: 60_000 }).toBe('識別しました: RTX1300 Rev.23.00.04');
      expect(await page.locator('.facts').textContent()).toContain(`telnet://${lan.routerIpv4}:23`);
      const warning = page.getByTestId('telnet-identified');
      expect(await warning.textContent()).toContain('Telnet はルーターのパスワードを含むすべてを暗号化せずに LAN に流します');
      await page.screenshot({ path: join(shots, '21-telnet-identified.png') });

      // Turn SSH on for next time: the exact commands first, then safe apply, then back here with the outcome.
      await page.getByRole('button', { name: 'SSH を有効にする…' }).click();
      const preview = page.getByTestId('ssh-preview');
      await preview.waitFor({ timeout: 60_000 });
      expect(await preview.textContent()).toContain('sshd host key generate');
      expect(await preview.textContent()).toContain('sshd service on');
      expect(await preview.textContent()).toContain('no sshd service');
      await page.screenshot({ path: join(shots, '22-ssh-on-preview.png') });
      await page.getByRole('button', { name: 'バックアップ → 適用 → SSH の応答を確認 → 保存' }).click();
      await expect.poll(() => page.getByTestId('ssh-outcome').textContent().catch(() => ''), { timeout: 120_000 }).toContain(
        `SSH を有効にしました。${lan.routerIpv4}:22 で応答し、設定を保存しました。`,
      );

      await page.getByRole('button', { name: '次へ：設定と状態を読み取る' }).click();
      await page.getByTestId('findings-title').waitFor({ timeout: 120_000 });
      for (const code of ['BR_ADDRESS_WRONG', 'TUNNEL_NO_RX', 'IPV4_FILTER_LAN_MISMATCH']) await page.getByTestId(`finding-${code}`).waitFor();
      await page.screenshot({ path: join(shots, '23-telnet-findings.png') });
      const html = await page.content();
      for (const secret of [login.password, login.admin]) expect(html).not.toContain(secret);
      await page.close();
    });
  },
);
