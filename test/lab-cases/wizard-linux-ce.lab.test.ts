/**
 * Linux CE mode as a branch of the wizard, end to end, on field report 003's CE: Debian Chromium drives the real
 * browser-mode server, which reaches the lab VM over SSH (hostfwd). The hand-made BIGLOBE CE (tunnel `mape`) is
 * detected and diagnosed with the shared Linux rules; then the app's plan takes the tunnel over, the exact script
 * runs, IPv4 is verified through the strict BR, the datapath is persisted, and rollback brings back the identical
 * (broken) state. Everything the UI claims is checked against the VM by the test's own session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAB_TOPOLOGY, labAvailable, repoRoot, startLab, type Lab } from '../lab/lab.js';
import { launchChromium } from '../support/chromium.js';
import { startWebProcess, type WebProcess } from '../support/web-process.js';
import { ceState, stateDifferences } from './cli.js';
import { missing } from '../support/real-parts.js';

const shots = join(repoRoot, 'docs', 'screenshots');

describe.skipIf(missing('qemu', labAvailable()))('the wizard turns field report 003\'s CE into a working BIGLOBE CE, and back', () => {
  let lab: Lab;
  let web: WebProcess;
  let browser: Browser;
  let page: Page;
  let before: Awaited<ReturnType<typeof ceState>>;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    lab = await startLab({ service: 'biglobe', ceState: 'field-003' });
    before = await ceState(lab);
    web = await startWebProcess({ IPOE_DOCTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'ipoe-ce-wizard-')) });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(web.url);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await lab?.stop();
  });

  it('connects over SSH after the host key is confirmed, and detects the WAN, the prefix and ip6tnl', async () => {
    await page.getByRole('tab', { name: 'Linux を CE にする' }).click();
    await page.getByLabel('ホスト', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('ポート', { exact: true }).fill(String(lab.sshPort));
    await page.getByLabel('秘密鍵ファイル（任意）').fill(lab.privateKeyPath);
    await page.getByRole('button', { name: '接続してホストを調べる' }).click();
    await page.getByTestId('host-key-fingerprint').waitFor({ timeout: lab.scaled(60_000) });
    expect(await page.getByTestId('host-key-fingerprint').textContent()).toBe(lab.hostKeyFingerprint);
    expect(await page.locator('#hostkey-title').textContent()).toBe('初めて接続するホストです');
    await page.getByRole('button', { name: '一致するので信頼して接続' }).click();
    await page.getByTestId('ce-detected-title').waitFor({ timeout: lab.scaled(120_000) });
    expect(await page.getByTestId('ce-fact-wan').textContent()).toContain('eth1');
    expect(await page.getByTestId('ce-fact-ip6tnl').textContent()).toContain('あり');
    // The lab puts the /64 on eth1 by hand (as SLAAC would), so it is reported as static configuration.
    expect(await page.getByTestId('ce-fact-prefix').textContent()).toContain(`${lab.params.prefix64} 固定設定`);
    // The service is suggested from the prefix's MAP rule.
    expect(await page.getByLabel('サービス').inputValue()).toBe('biglobe');
    expect(await page.getByTestId('gap-IP6TNL_MISSING').count()).toBe(0);
    expect(await page.getByTestId('ce-fact-tunnels').textContent()).toContain('mape → 2404:9200:225:100::64');
    await page.getByTestId('gap-EXISTING_TUNNEL').waitFor();
    await page.screenshot({ path: join(shots, '30-linux-ce-detected.png') });
  });

  it('diagnoses the existing CE with the shared Linux rules; the findings lead back to the form, not to a router fix', async () => {
    await page.getByRole('button', { name: '既存の CE を診断する' }).click();
    await page.getByTestId('findings-title').waitFor({ timeout: lab.scaled(120_000) });
    for (const code of ['BR_ADDRESS_WRONG', 'ENCAPLIMIT_PRESENT', 'CE_ADDRESS_NOT_ASSIGNED', 'PORTSET_PARTIAL', 'ICMP_NOT_TRANSLATED']) {
      await page.getByTestId(`finding-${code}`).waitFor();
    }
    expect(await page.getByTestId('finding-BR_ADDRESS_WRONG').textContent()).toContain(lab.params.br);
    await page.getByTestId('ce-findings-note').waitFor();
    expect(await page.getByRole('button', { name: '選んだ修正を確認する' }).count()).toBe(0);
    await page.screenshot({ path: join(shots, '33-linux-ce-findings.png') });
    // The support report of this Linux CE, with the evidence the host gave.
    await page.getByRole('button', { name: 'サポート資料を作る' }).click();
    await page.getByTestId('report-body').waitFor({ timeout: lab.scaled(60_000) });
    const report = (await page.getByTestId('report-body').textContent())!;
    for (const text of ['BR_ADDRESS_WRONG', 'PORTSET_PARTIAL', 'encaplimit 4', 'ip -6 tunnel show']) expect(report).toContain(text);
    await page.getByRole('button', { name: '診断結果に戻る' }).click();
    await page.getByTestId('findings-title').waitFor();
    await page.getByRole('button', { name: '戻る', exact: true }).click();
    await page.getByTestId('ce-plan-form').waitFor();
    expect(await page.getByLabel('サービス').inputValue()).toBe('biglobe');
  });

  it('shows the plan (taking over mape) and the exact script; nothing has changed on the host yet', async () => {
    await page.getByRole('checkbox', { name: /mape/ }).check();
    await page.getByLabel('確認に使う相手（IPv4 ホスト:ポート）').fill(`${LAB_TOPOLOGY.inetHost}:80`);
    await page.getByRole('button', { name: '計画を作る（まだ何も実行しません）' }).click();
    await page.getByTestId('ce-plan-title').waitFor({ timeout: lab.scaled(60_000) });
    expect(await page.getByTestId('ce-plan-ce').textContent()).toBe(lab.params.ceAddress);
    expect(await page.getByTestId('ce-plan-br').textContent()).toBe(lab.params.br);
    expect(await page.getByTestId('ce-plan-ipv4').textContent()).toBe(lab.params.ipv4);
    const script = (await page.getByTestId('ce-script').textContent())!;
    expect(script).toContain(`remote ${lab.params.br} local ${lab.params.ceAddress} dev eth1 encaplimit none`);
    for (const [a, b] of lab.params.portRanges) expect(script).toContain(`${a}-${b}`);
    expect(await page.getByTestId('ce-plan-blockers').count()).toBe(0);
    expect(await page.getByTestId('ce-plan-steps').textContent()).toContain('既存のトンネル mape（remote 2404:9200:225:100::64、');
    await page.screenshot({ path: join(shots, '31-linux-ce-plan.png') });
    expect(stateDifferences(before.snapshot, (await ceState(lab)).snapshot)).toBe('');
  });

  it('applies, verifies ping and TCP through the tunnel, and the LAN host reaches the Internet host', async () => {
    await page.getByRole('button', { name: /でこのスクリプトを実行する$/ }).click();
    const title = page.getByTestId('ce-result-title');
    await title.waitFor({ timeout: lab.scaled(240_000) });
    expect(await title.textContent(), (await page.getByTestId('ce-checks').textContent()) ?? '').toBe('データパスを設定し、IPv4 が通りました');
    for (const id of ['route', 'ping', 'tcp']) expect(await page.getByTestId(`ce-check-${id}`).textContent()).toMatch(/^✓/);
    expect(await page.locator('.steps [aria-current=step]').textContent()).toContain('確認');
    await page.screenshot({ path: join(shots, '32-linux-ce-verified.png') });
    // The test's own look at the VM, not the app's word for it.
    expect((await lab.exec('/usr/sbin/ip -6 tunnel show ipoe0')).output).toContain('encaplimit none');
    expect((await lab.exec('/usr/sbin/ip link show mape')).exitCode).not.toBe(0);
    const http = await lab.lanHttpGet('/');
    expect(http.ok, http.output).toBe(true);
    expect((await lab.brCounters()).dstopt_drop?.packets ?? 0).toBe(0);
  });

  it('persists (no systemd in the VM: the boot script is written and the UI says how to run it)', async () => {
    await page.getByRole('button', { name: '再起動後も有効にする（systemd ユニット＋nft ファイル）' }).click();
    await page.getByTestId('ce-persisted').waitFor({ timeout: lab.scaled(120_000) });
    expect(await page.getByTestId('ce-persisted').textContent()).toContain('systemd が動いていないため');
    expect((await lab.exec('test -x /usr/local/lib/ipoe-doctor/ce-up.sh && test -s /etc/ipoe-doctor/ipoe-doctor.nft')).exitCode).toBe(0);
  });

  it('what a reboot does with the persisted files: the unit\'s stop script restores the old CE, its start script brings the datapath back', async () => {
    const down = await lab.exec('sh /usr/local/lib/ipoe-doctor/ce-down.sh', { timeoutMs: lab.scaled(60_000) });
    expect(down.exitCode, down.output).toBe(0);
    expect(stateDifferences(before.snapshot, (await ceState(lab)).snapshot)).toBe('');
    expect((await lab.lanHttpGet('/', 4)).ok).toBe(false);
    const up = await lab.exec('sh /usr/local/lib/ipoe-doctor/ce-up.sh', { timeoutMs: lab.scaled(120_000) });
    expect(up.exitCode, up.output).toBe(0);
    expect((await lab.exec('/usr/sbin/ip link show mape')).exitCode).not.toBe(0);
    const http = await lab.lanHttpGet('/');
    expect(http.ok, http.output).toBe(true);
  });

  it('rolls back to ip and nft state identical to before (the user tunnel mape is back), and the LAN host is cut off again', async () => {
    await page.getByRole('button', { name: '元に戻す', exact: true }).click();
    await page.getByTestId('ce-rollback-identical').waitFor({ timeout: lab.scaled(180_000) });
    expect(stateDifferences(before.snapshot, (await ceState(lab)).snapshot)).toBe('');
    expect((await lab.exec('ls /usr/local/lib/ipoe-doctor /var/lib/ipoe-doctor 2>&1')).output).toMatch(/No such file/);
    expect((await lab.exec('/usr/sbin/ip -6 tunnel show mape')).output).toContain('2404:9200:225:100::64');
    expect((await lab.lanHttpGet('/', 4)).ok).toBe(false);
    await page.getByRole('button', { name: '切断する' }).click();
    await expect.poll(() => page.locator('h2').first().textContent(), { timeout: lab.scaled(20_000) }).toBe('ルーターに接続します');
  });
});
