import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../support/web-process.js';

const transcripts = join(repoRoot, 'test', 'fixtures', 'transcripts');
function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'ipoe-doctor.mjs'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1', IPOE_DOCTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'ipoe-data-')) },
    timeout: 180_000,
  });
  return r;
}
type Json = { device: { model: string } | null; service: { id: string; br: string } | null; findings: { code: string; severity: string; title: string; evidence: { command: string; lines: number[] }[]; fix?: { commands: string[] }; data?: Record<string, unknown> }[] };
const errorCodes = (j: Json) => j.findings.filter((f) => f.severity === 'error').map((f) => f.code).sort();

describe('ipoe-doctor diagnose (the real CLI)', () => {
  it('field report 000 as posted (the seed, a blog post) names the typo BR and the filter, in text and JSON', () => {
    // The seed as the field report has it; the fixture is its verbatim copy where shared/ is not beside the checkout.
    const seed = [join(repoRoot, '..', 'shared', 'seeds', '000_fc50a4dded1ee7ef.txt'), join(repoRoot, 'test', 'fixtures', 'pastes', 'seed-000-forum-post.md')].find((p) => existsSync(p))!;
    const text = cli(['diagnose', '--transcript', seed]);
    expect(text.status, text.stderr).toBe(1);
    expect(text.stdout).toContain('BR_ADDRESS_WRONG');
    expect(text.stdout).toContain('the expected BR is 2404:9200:225:100::65');
    expect(text.stdout).toContain('IPV4_FILTER_LAN_MISMATCH');
    expect(text.stdout).not.toContain('(remote (BR');
    const j = JSON.parse(cli(['diagnose', '--transcript', seed, '--json']).stdout) as Json;
    expect(errorCodes(j)).toEqual(['BR_ADDRESS_WRONG', 'IPV4_FILTER_LAN_MISMATCH', 'TUNNEL_NO_RX']);
    expect(j.findings.find((f) => f.code === 'BR_ADDRESS_WRONG')?.data).toMatchObject({ expected: '2404:9200:225:100::65', configured: '2404:9200:255:100::65' });
  });

  it('field report 000 gives the same errors from a Tera Term transcript and from the fixed-ip-br-typo twin', () => {
    const fromTranscript = cli(['diagnose', '--transcript', join(transcripts, 'field-000-teraterm.log'), '--json']);
    expect(fromTranscript.status, fromTranscript.stderr).toBe(1);
    const a = JSON.parse(fromTranscript.stdout) as Json;
    const fromTwin = cli(['diagnose', '--demo', 'fixed-ip-br-typo', '--json']);
    expect(fromTwin.status, fromTwin.stderr).toBe(1);
    const b = JSON.parse(fromTwin.stdout) as Json;
    for (const j of [a, b]) {
      expect(errorCodes(j)).toEqual(['BR_ADDRESS_WRONG', 'IPV4_FILTER_LAN_MISMATCH', 'TUNNEL_NO_RX']);
      const br = j.findings.find((f) => f.code === 'BR_ADDRESS_WRONG')!;
      expect(JSON.stringify(br)).toContain('2404:9200:225:100::65');
      expect(br.fix!.commands).toContain('tunnel endpoint address 2404:9200:225:100::65');
      expect(j.device?.model).toBe('RTX1300');
      expect(j.service?.id).toBe('v6plus-fixed');
    }
    // Evidence points at lines of the user's own transcript.
    const ev = a.findings.find((f) => f.code === 'BR_ADDRESS_WRONG')!.evidence[0]!;
    expect(ev.command).toBe('show config');
    expect(ev.lines[0]).toBeGreaterThan(4);
  });

  it("field report 003's VyOS session gives its five causes", () => {
    const r = cli(['diagnose', '--transcript', join(transcripts, 'field-003-vyos.txt'), '--json']);
    expect(r.status, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout) as Json;
    const codes = j.findings.map((f) => f.code);
    for (const c of ['BR_ADDRESS_WRONG', 'ENCAPLIMIT_PRESENT', 'CE_ADDRESS_NOT_ASSIGNED', 'PORTSET_PARTIAL', 'ICMP_NOT_TRANSLATED']) expect(codes).toContain(c);
    expect(JSON.stringify(j.findings.find((f) => f.code === 'BR_ADDRESS_WRONG'))).toContain('2001:260:700:1::1:275');
    expect(j.service).toMatchObject({ id: 'biglobe', br: '2001:260:700:1::1:275' });
  });

  it('a healthy twin exits 0; bad input exits 2 with a message', () => {
    const healthy = cli(['diagnose', '--demo', 'v6plus-rtx830', '--json']);
    expect(healthy.status, healthy.stdout + healthy.stderr).toBe(0);
    const j = JSON.parse(healthy.stdout) as Json;
    expect(j.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const missing = cli(['diagnose', '--transcript', '/nonexistent/teraterm.log']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*no such file/);
    const garbage = cli(['diagnose', '--transcript', join(repoRoot, 'package.json')]);
    expect(garbage.status).toBe(2);
    expect(garbage.stderr).toMatch(/no command output found/);
    expect(cli(['diagnose', '--demo', 'no-such-scenario']).status).toBe(2);
  });

  it('fix --demo fixed-ip-br-typo --yes --json ends with the tunnel receiving and the config saved on the twin', () => {
    const r = cli(['fix', '--demo', 'fixed-ip-br-typo', '--yes', '--json', '--ping-target', '192.0.2.53']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { outcome: { status: string; countersAfter: { rxPackets: number }[]; unsavedChangesAfter: boolean; appliedCommands: string[] } };
    expect(j.outcome.status).toBe('saved');
    expect(j.outcome.countersAfter[0]!.rxPackets).toBeGreaterThan(0);
    expect(j.outcome.unsavedChangesAfter).toBe(false);
    expect(j.outcome.appliedCommands).toContain('tunnel endpoint address 2404:9200:225:100::65');
    expect(r.stdout).not.toMatch(/rtx-login-9Qm2|rtx-admin-7Hk4/);
  });

  it('fix on a provider-side failure reverts and proves the config equals the backup', () => {
    const r = cli(['fix', '--demo', 'fixed-ip-fix-fails', '--yes', '--json', '--ping-target', '192.0.2.53']);
    expect(r.status, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout) as { outcome: { status: string; runningEqualsBackup: boolean } };
    expect(j.outcome).toMatchObject({ status: 'reverted', runningEqualsBackup: true });
  });
});

describe('ipoe-doctor probe (the real CLI)', () => {
  it('reports model, firmware and console settings of the demo router as JSON, without any password', () => {
    const r = cli(['probe', '--demo', 'fixed-ip-br-typo', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { demo: boolean; device: { model: string; firmware: string; serial: string }; console: { prompt: string; pagingOffForSession: boolean } };
    expect(j).toMatchObject({ demo: true, device: { model: 'RTX1300', firmware: '23.00.04', serial: 'S78000000' }, console: { pagingOffForSession: true } });
    expect(r.stdout + r.stderr).not.toMatch(/rtx-login-9Qm2|rtx-admin-7Hk4/);
  });
});
