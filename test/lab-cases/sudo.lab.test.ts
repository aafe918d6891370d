/**
 * Linux CE mode as a user who is not root: the lab's `ceadmin` logs in with the lab key, and its sudo asks for a
 * password (sudoers `ceadmin ALL=(ALL:ALL) ALL`, PAM pam_unix). Without the password detection names the gap;
 * a wrong one is refused once with a clear message; with the right one the whole datapath goes in through sudo,
 * verifies, and rolls back identically. The password never appears in anything the app prints or shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAB_SUDO, LAB_TOPOLOGY, labAvailable, startLab, type Lab } from '../lab/lab.js';
import { launchChromium } from '../support/chromium.js';
import { startWebProcess } from '../support/web-process.js';
import { ceState, stateDifferences, linuxCe } from './cli.js';
import { missing } from '../support/real-parts.js';

const INET = `${LAB_TOPOLOGY.inetHost}:80`;
const asUser = (lab: Lab, args: string[], env: Record<string, string> = {}) => linuxCe(lab, args, env, LAB_SUDO.user);
const withPassword = { IPOE_DOCTOR_SUDO_PASSWORD: LAB_SUDO.password };

interface DetectJson {
  facts: { root: boolean; sudo: string; gaps: { code: string; hint: string }[] };
}

describe.skipIf(missing('qemu', labAvailable()))('Linux CE mode through sudo with a password (lab user ceadmin)', () => {
  let lab: Lab;
  let before: Awaited<ReturnType<typeof ceState>>;

  beforeAll(async () => {
    lab = await startLab({ service: 'biglobe' });
    before = await ceState(lab);
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('without the password (and no terminal to ask on), detection names the gap and how to close it', async () => {
    const r = await asUser(lab, ['detect', '--json']);
    expect(r.code, r.stderr).toBe(1);
    const facts = (JSON.parse(r.stdout) as DetectJson).facts;
    expect(facts).toMatchObject({ root: false, sudo: 'needs-password' });
    expect(facts.gaps.find((g) => g.code === 'NOT_ROOT')?.hint).toContain('IPOE_DOCTOR_SUDO_PASSWORD');
  });

  it('a wrong password is refused once, with a clear message that does not repeat it', async () => {
    const wrong = 'not-the-Sudo-pass';
    const r = await asUser(lab, ['detect', '--json'], { IPOE_DOCTOR_SUDO_PASSWORD: wrong });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/sudo on ceadmin@127\.0\.0\.1:\d+ refused the password \(sudo: 1 incorrect password attempt\)/);
    expect(`${r.stdout}${r.stderr}`).not.toContain(wrong);
  });

  it('with the password: detect reports sudo with the password, apply goes in through sudo and verifies', async () => {
    const d = await asUser(lab, ['detect', '--json'], withPassword);
    expect(d.code, d.stderr).toBe(0);
    expect((JSON.parse(d.stdout) as DetectJson).facts).toMatchObject({ root: false, sudo: 'with-password' });
    const r = await asUser(lab, ['apply', '--service', 'biglobe', '--verify-host', INET, '--yes'], withPassword);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/✓ TCP connection to 198\.51\.100\.10:80 through ipoe0/);
    expect(`${r.stdout}${r.stderr}`).not.toContain(LAB_SUDO.password);
    // What sudo wrote is root's: the state file the rollback reads.
    expect((await lab.exec('stat -c %u:%a /var/lib/ipoe-doctor/state.json')).output.trim()).toMatch(/^0:6\d\d$/);
    expect((await lab.lanHttpGet('/')).ok).toBe(true);
  });

  it('the wizard connects as ceadmin with the password in its field and sees sudo working', async () => {
    const web = await startWebProcess({ IPOE_DOCTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'ipoe-ce-sudo-')) });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(web.url);
      await page.getByRole('tab', { name: 'Linux を CE にする' }).click();
      await page.getByLabel('ホスト', { exact: true }).fill('127.0.0.1');
      await page.getByLabel('ポート', { exact: true }).fill(String(lab.sshPort));
      await page.getByLabel('ユーザー（root、または sudo できるユーザー）').fill(LAB_SUDO.user);
      await page.getByLabel('パスワード（SSH ログインと、root でないときの sudo）').fill(LAB_SUDO.password);
      await page.getByLabel('秘密鍵ファイル（任意）').fill(lab.privateKeyPath);
      await page.getByRole('button', { name: '接続してホストを調べる' }).click();
      await page.getByRole('button', { name: '一致するので信頼して接続' }).click();
      await page.getByTestId('ce-detected-title').waitFor({ timeout: lab.scaled(120_000) });
      expect(await page.getByTestId('ce-fact-root').textContent()).toContain('なし（sudo：入力したパスワードで使用）');
      expect(await page.getByTestId('gap-NOT_ROOT').count()).toBe(0);
      // Applied a moment ago through the CLI: the app offers to roll it back.
      await page.getByTestId('ce-applied').waitFor();
      expect(await page.content()).not.toContain(LAB_SUDO.password);
    } finally {
      await browser.close();
      await web.stop();
    }
  });

  it('rollback through sudo leaves ip and nft state identical to before', async () => {
    const r = await asUser(lab, ['rollback'], withPassword);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(stateDifferences(before.snapshot, (await ceState(lab)).snapshot)).toBe('');
  });
});
