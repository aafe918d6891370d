/**
 * From nothing to working: every factory scenario (a router fresh from the box with only its IPv6 side set up) goes
 * through the real CLI's `fix --demo <s> --yes --json` to a saved, verified IPv4 set-up; on the same twin, a diagnosis
 * of the result has no error or warning. A wrong set-up (the v6plus plan on a BIGLOBE line, a mistyped fixed IPv4 in
 * the notice) gets nothing back from the twin's provider and is reverted to the backup.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatherRtx } from '../../main/gather/gather-rtx.js';
import { demoNotice } from '../../main/simulator/demo.js';
import { loadScenario } from '../../main/simulator/host/scenario-files.js';
import { FixRefusedError, fixRouter } from '../../main/services/fix-router.js';
import { diagnose } from '../../shared/diagnosis/engine.js';
import { ALL_RULES } from '../../shared/diagnosis/registry.js';
import { repoRoot } from '../support/web-process.js';
import { openTwin } from '../unit/simulator/twin-helpers.js';

const FACTORY_SCENARIOS = [
  'factory-v6plus-rtx1300',
  'factory-biglobe-rtx830',
  'factory-ocn-rtx1220',
  'factory-transix-nvr510',
  'factory-xpass-rtx1210',
  'factory-v6connect-rtx830',
  'factory-v6plus-fixed-rtx1300',
  'factory-transix-fixed-rtx1300',
] as const;

interface FixJson {
  diagnosis: { findings: { code: string; severity: string; fix?: { commands: string[] } }[]; service: { id: string } | null };
  outcome: {
    status: string;
    checks: { passed: boolean; detail: string }[];
    countersAfter: { rxPackets: number }[];
    runningEqualsBackup: boolean | null;
    unsavedChangesAfter: boolean;
    appliedCommands: string[];
  } | null;
}

function cli(args: string[]) {
  return spawnSync(process.execPath, [join(repoRoot, 'bin', 'ipoe-doctor.mjs'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1', IPOE_DOCTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'ipoe-data-')) },
    timeout: 180_000,
  });
}

/** Every secret a scenario holds: its console passwords and its notice's update credentials. */
function secretsOf(id: string): string[] {
  const s = loadScenario(id);
  const n = demoNotice(id);
  return [s.console.loginPassword, s.console.adminPassword, n?.updateUser, n?.updatePassword].filter((x): x is string => Boolean(x) && x!.length >= 4);
}

describe('fix --demo <factory scenario> --yes --json: from nothing to a saved, verified IPv4 set-up', () => {
  it.each(FACTORY_SCENARIOS)('%s', (id) => {
    const r = cli(['fix', '--demo', id, '--yes', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as FixJson;
    expect(j.diagnosis.findings.map((f) => f.code)).toContain('IPV4_TUNNEL_MISSING');
    expect(j.diagnosis.service?.id).toBe(loadScenario(id).service);
    expect(j.outcome?.status).toBe('saved');
    expect(j.outcome!.checks.length).toBeGreaterThan(0);
    for (const c of j.outcome!.checks) {
      expect(c.passed, c.detail).toBe(true);
      expect(c.detail).toMatch(/RX 0 → [1-9]\d*; ping [\d.]+: [1-9]\/3 replies/);
    }
    expect(j.outcome!.countersAfter[0]!.rxPackets).toBeGreaterThan(0);
    expect(j.outcome!.unsavedChangesAfter).toBe(false);
    for (const s of secretsOf(id)) {
      expect(r.stdout).not.toContain(s);
      expect(r.stderr).not.toContain(s);
    }
  });
});

describe('the result, diagnosed again on the same twin', () => {
  it.each(FACTORY_SCENARIOS)('%s: no error or warning after the set-up', async (id) => {
    const { session, scenario, twin } = await openTwin(id, { admin: true, clock: () => new Date() });
    try {
      const device = { model: scenario.device.model, firmware: scenario.device.firmware };
      const notice = demoNotice(id) ?? undefined;
      const fixed = await fixRouter(session, {
        device,
        ...(notice ? { notice } : {}),
        dataDir: mkdtempSync(join(tmpdir(), 'ipoe-data-')),
        pingTarget: '192.0.2.53',
        // What --yes does: the evidence's proposal; no PPPoE on a factory router.
        decisions: { service: async (q) => q.proposed, movePppoeDefault: async () => false },
      });
      expect(fixed.outcome?.status).toBe('saved');
      expect(twin.console.hasUnsavedChanges).toBe(false);
      const outputs = await gatherRtx(session, ALL_RULES, () => undefined);
      const after = diagnose({ platform: 'rtx', source: 'live', outputs, device, ...(fixed.notice ? { notice: fixed.notice } : {}) });
      expect(after.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code}: ${f.explanation.en}`)).toEqual([]);
      expect(after.service?.id).toBe(scenario.service);
      expect(after.notes.filter((n) => n.startsWith('rule '))).toEqual([]);
      // The saved config holds the update credentials on the router itself; nothing the app reports does.
      if (notice?.updatePassword) expect(twin.console.savedConfigText()).toContain(notice.updatePassword);
    } finally {
      await session.close();
    }
  });
});

describe('the twin refuses a wrong set-up, and the app reverts it', () => {
  it('the v6plus plan on a BIGLOBE line (--service v6plus): its BR is not this line\u2019s, nothing comes back, the config equals the backup', () => {
    const r = cli(['fix', '--demo', 'factory-biglobe-rtx830', '--service', 'v6plus', '--yes', '--json']);
    expect(r.status, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout) as FixJson;
    expect(j.diagnosis.findings.find((f) => f.code === 'IPV4_TUNNEL_MISSING')?.fix?.commands).toContain(' tunnel endpoint address 2404:9200:225:100::64');
    expect(j.outcome).toMatchObject({ status: 'reverted', runningEqualsBackup: true });
    expect(j.outcome!.checks[0]).toMatchObject({ passed: false });
    expect(j.outcome!.checks[0]!.detail).toContain('RX 0 → 0');
  });

  it('a mistyped fixed IPv4 in the notice: NAT sends as an address the provider does not route here, so it is reverted', () => {
    const good = demoNotice('factory-v6plus-fixed-rtx1300')!;
    const dir = mkdtempSync(join(tmpdir(), 'ipoe-notice-'));
    const file = join(dir, 'notice.json');
    writeFileSync(file, JSON.stringify({ ...good, fixedIpv4: '203.0.113.78' }));
    const r = cli(['fix', '--demo', 'factory-v6plus-fixed-rtx1300', '--notice', file, '--yes', '--json']);
    expect(r.status, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout) as FixJson;
    expect(j.diagnosis.findings.find((f) => f.code === 'IPV4_TUNNEL_MISSING')?.fix?.commands).toContain('nat descriptor address outer 1000 203.0.113.78');
    // The interface ID does not carry the typed address: the diagnosis already says so.
    expect(j.diagnosis.findings.map((f) => f.code)).toContain('FIXEDIP_IID_MISMATCH');
    expect(j.outcome).toMatchObject({ status: 'reverted', runningEqualsBackup: true });
    expect(r.stdout).not.toContain(good.updatePassword!);
    expect(readFileSync(file, 'utf8')).toContain('203.0.113.78');
  });

  it('a file that is not a contract notice: a clear error that names what is wrong, before anything is touched', () => {
    const r = cli(['fix', '--demo', 'factory-transix-fixed-rtx1300', '--notice', join(repoRoot, 'package.json'), '--yes', '--json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--notice .*package\.json: the contract notice is not valid/);
  });
});

describe('a PPPoE default route: said, asked, and moved only with a yes', () => {
  /** The v6plus factory router, but IPv4 goes out over PPPoE today. */
  const withPppoe = () => {
    const s = loadScenario('factory-v6plus-rtx1300');
    return { ...s, config: s.config.replace('ip lan1 address 192.168.100.1/24\n', 'ip lan1 address 192.168.100.1/24\nip route default gateway pp 1\npp select 1\n pppoe use lan2\n pp enable 1\n') };
  };

  it('a no leaves the router untouched; a yes moves the route to the tunnel, and it is saved', async () => {
    for (const yes of [false, true]) {
      const { session, scenario, twin } = await openTwin(withPppoe(), { admin: true, clock: () => new Date() });
      try {
        const before = twin.console.runningConfigText();
        const asked: string[] = [];
        const run = fixRouter(session, {
          device: { model: scenario.device.model, firmware: scenario.device.firmware },
          dataDir: mkdtempSync(join(tmpdir(), 'ipoe-data-')),
          pingTarget: '192.0.2.53',
          decisions: { service: async (q) => q.proposed, movePppoeDefault: async (route) => (asked.push(route), yes) },
        });
        if (!yes) {
          await expect(run).rejects.toBeInstanceOf(FixRefusedError);
          expect(twin.console.runningConfigText()).toBe(before);
        } else {
          const r = await run;
          expect(r.outcome?.status).toBe('saved');
          expect(r.result.findings.find((f) => f.code === 'IPV4_TUNNEL_MISSING')?.severity).toBe('warning');
          expect(twin.console.savedConfigText()).toMatch(/^ip route default gateway tunnel 1$/m);
          expect(twin.console.savedConfigText()).not.toMatch(/^ip route default gateway pp 1$/m);
        }
        expect(asked).toEqual(['ip route default gateway pp 1']);
      } finally {
        await session.close();
      }
    }
  });
});

describe('the contract notice on the command line', () => {
  it('diagnose --notice: the notice wins over what the config suggests, and its secrets never reach the output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipoe-notice-'));
    const file = join(dir, 'notice.json');
    writeFileSync(file, JSON.stringify({ serviceId: 'v6plus-fixed', fixedIpv4: '203.0.113.99', interfaceId: '::cb:71:a00:0', updateUser: 'cli-notice-user-7', updatePassword: 'cli-notice-pass-9' }));
    const r = cli(['diagnose', '--demo', 'fixed-ip-healthy', '--notice', file, '--json']);
    const j = JSON.parse(r.stdout) as { findings: { code: string; data?: Record<string, unknown> }[] };
    const outer = j.findings.find((f) => f.code === 'FIXEDIP_NAT_OUTER_MISMATCH');
    expect(JSON.stringify(outer)).toContain('203.0.113.99');
    expect(r.stdout + r.stderr).not.toMatch(/cli-notice-user-7|cli-notice-pass-9/);
    const text = cli(['diagnose', '--demo', 'fixed-ip-healthy', '--notice', file]);
    expect(text.stdout).toContain('FIXEDIP_NAT_OUTER_MISMATCH');
    expect(text.stdout + text.stderr).not.toMatch(/cli-notice-user-7|cli-notice-pass-9/);
  });

  it('report --demo uses the scenario\'s notice.json, and the report holds none of its secrets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipoe-report-'));
    const r = cli(['report', '--demo', 'factory-v6plus-fixed-rtx1300', '--out', join(dir, 'report.md')]);
    expect(r.status, r.stderr).toBe(0);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain('IPV4_TUNNEL_MISSING');
    expect(md).toContain('203.0.113.77');
    for (const s of secretsOf('factory-v6plus-fixed-rtx1300')) expect(md).not.toContain(s);
  });
});
