import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../../shared/linux/datapath/plan.js';
import { persistFiles, persistScript, startCommands, unitFile, unpersistScript } from '../../../../shared/linux/datapath/persist.js';
import { watchUnitFile } from '../../../../shared/linux/datapath/replan.js';
import { parseVerifyTarget, verifyChecks } from '../../../../shared/linux/datapath/verify.js';
import { missing } from '../../../support/real-parts.js';

const plan = buildPlan({ service: 'biglobe', prefix: '2404:7a82:4d02:4100::/56', wan: 'eth1', gateway: 'fe80::1' });
const src = { serviceName: plan.summary.serviceName, br: plan.summary.br, upScript: plan.upScript, rollbackScript: plan.rollbackScript, nftRuleset: plan.nftRuleset };

describe('persist', () => {
  it('a oneshot unit after network-online and nftables.service, up = apply (nft from the file), stop = rollback', () => {
    const unit = unitFile(src);
    expect(unit).toContain('Type=oneshot');
    expect(unit).toContain('RemainAfterExit=yes');
    expect(unit).toContain('After=network-online.target nftables.service');
    expect(unit).toContain('ExecStart=/bin/sh /usr/local/lib/ipoe-doctor/ce-up.sh');
    expect(unit).toContain('ExecStop=/bin/sh /usr/local/lib/ipoe-doctor/ce-down.sh');
    const files = new Map(persistFiles(src, true).map((f) => [f.path, f]));
    expect(files.get('/etc/ipoe-doctor/ipoe-doctor.nft')?.content).toBe(plan.nftRuleset);
    expect(files.get('/usr/local/lib/ipoe-doctor/ce-up.sh')?.content).toContain('nft -f /etc/ipoe-doctor/ipoe-doctor.nft');
    expect(files.get('/usr/local/lib/ipoe-doctor/ce-down.sh')?.content).toBe(plan.rollbackScript);
    expect(files.has('/etc/systemd/system/ipoe-doctor-ce.service')).toBe(true);
    expect(persistFiles(src, false).map((f) => f.path)).not.toContain('/etc/systemd/system/ipoe-doctor-ce.service');
  });

  // systemd's own checker, offline (no running systemd needed): any warning about the unit is a failure.
  it.skipIf(missing('systemd-analyze', existsSync('/usr/bin/systemd-analyze')))('systemd-analyze verify accepts the unit without a single warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipoe-unit-'));
    const path = join(dir, 'ipoe-doctor-ce.service');
    writeFileSync(path, unitFile(src));
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', path], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(`${r.stdout}${r.stderr}`.split('\n').filter((l) => l.includes('ipoe-doctor-ce.service'))).toEqual([]);
  });

  it('the install and removal scripts are valid sh; removal disables --now and says so without systemd', () => {
    for (const s of [persistScript(src, true), persistScript(src, false), unpersistScript()]) execFileSync('/bin/sh', ['-n'], { input: s });
    expect(persistScript(src, true)).toContain('systemctl enable --now ipoe-doctor-ce.service');
    expect(unpersistScript()).toContain('systemctl disable --now ipoe-doctor-ce.service');
    expect(unpersistScript()).toContain('systemd is not running here');
  });
});

describe('verify', () => {
  it('route, ping and TCP through ipoe0, target configurable', () => {
    const checks = verifyChecks(parseVerifyTarget('198.51.100.10:80'));
    expect(checks.map((c) => c.command)[1]).toBe('ping -c 3 -W 2 -I ipoe0 198.51.100.10');
    expect(checks[2]!.command).toContain('--interface ipoe0 http://198.51.100.10:80/');
    expect(checks[2]!.command).toContain('nc -z -w 5 198.51.100.10 80');
    for (const c of checks) execFileSync('/bin/sh', ['-n'], { input: c.command });
    expect(parseVerifyTarget('1.1.1.1')).toEqual({ host: '1.1.1.1', port: 443 });
    expect(() => parseVerifyTarget('1.1.1.256')).toThrow();
    expect(() => parseVerifyTarget('example.com')).toThrow();
  });
});

describe('persist: the prefix watcher (renumbering)', () => {
  const watched = { ...src, replan: { spec: plan.replan, nftTemplate: plan.replanNft } };

  it('with systemd: its own long-running unit after the datapath\'s, enabled --now; without: started now in the background', () => {
    const files = new Map(persistFiles(watched, true).map((f) => [f.path, f]));
    expect(files.get('/usr/local/lib/ipoe-doctor/ce-watch.sh')?.content).toContain(`CE='${plan.summary.ce}'`);
    const unit = files.get('/etc/systemd/system/ipoe-doctor-ce-watch.service')?.content ?? '';
    expect(unit).toContain('Type=simple');
    expect(unit).toContain('Requires=ipoe-doctor-ce.service');
    expect(unit).toContain('ExecStart=/bin/sh /usr/local/lib/ipoe-doctor/ce-watch.sh');
    expect(startCommands(watched, true)).toEqual(['systemctl daemon-reload', 'systemctl enable --now ipoe-doctor-ce.service', 'systemctl enable --now ipoe-doctor-ce-watch.service']);
    expect(persistFiles(watched, false).map((f) => f.path)).not.toContain('/etc/systemd/system/ipoe-doctor-ce-watch.service');
    expect(startCommands(watched, false)).toEqual([expect.stringContaining('setsid sh /usr/local/lib/ipoe-doctor/ce-watch.sh')]);
    // A state from before issue 14 has no watcher: persistence stays as it was.
    expect(startCommands(src, false)).toEqual([]);
    for (const s of [persistScript(watched, true), persistScript(watched, false)]) execFileSync('/bin/sh', ['-n'], { input: s });
    expect(unpersistScript()).toContain('systemctl disable --now ipoe-doctor-ce-watch.service');
    expect(unpersistScript()).toContain('kill "$(cat /var/lib/ipoe-doctor/ce-watch.pid)"');
  });

  it.skipIf(missing('systemd-analyze', existsSync('/usr/bin/systemd-analyze')))('systemd-analyze verify accepts the watcher unit beside the datapath unit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipoe-unit-'));
    writeFileSync(join(dir, 'ipoe-doctor-ce.service'), unitFile(src));
    const path = join(dir, 'ipoe-doctor-ce-watch.service');
    writeFileSync(path, watchUnitFile(src.serviceName));
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', path], { encoding: 'utf8', cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(`${r.stdout}${r.stderr}`.split('\n').filter((l) => l.includes('ipoe-doctor-ce'))).toEqual([]);
  });
});
