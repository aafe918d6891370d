import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../main/cli/index.js';

function io(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), env }, out, err };
}

const OFFLINE = ['--service', 'biglobe', '--prefix', '2404:7a82:4d02:4100::/56', '--wan', 'eth1', '--gateway', 'fe80::a611:bbff:fe7d:ee11'];
const FIXED = ['--service', 'v6plus-fixed', '--prefix', '240b:10:1:2300::/64', '--wan', 'eth1', '--gateway', 'fe80::1', '--fixed-ipv4', '203.0.113.10', '--fixed-iid', '::cb:71:a00:0', '--update-user', 'u1'];

describe('ipoe-doctor linux-ce plan (offline: everything given)', () => {
  it('prints the plan and the exact script; nothing runs', async () => {
    const t = io();
    expect(await runCli(['linux-ce', 'plan', ...OFFLINE], t.io)).toBe(0);
    const text = t.out.join('');
    expect(text).toContain('tunnel ipoe0 → 2001:260:700:1::1:275');
    expect(text).toContain('--- apply script (exact; nothing has run) ---\n#!/bin/sh\n');
  });

  it('--export writes the script and its rollback; the password stays a variable unless --show-secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipoe-plan-'));
    const file = join(dir, 'ce.sh');
    const t = io({ IPOE_UPDATE_PASS: 's3cr3t-Pw' });
    expect(await runCli(['linux-ce', 'plan', ...FIXED, '--export', file], t.io)).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('s3cr3t-Pw');
    expect(readFileSync(join(dir, 'ce.rollback.sh'), 'utf8')).toContain('if journaled tunnel; then');
    expect(t.out.join('') + t.err.join('')).not.toContain('s3cr3t-Pw');

    const shown = io({ IPOE_UPDATE_PASS: 's3cr3t-Pw' });
    expect(await runCli(['linux-ce', 'plan', ...FIXED, '--export', file, '--show-secrets'], shown.io)).toBe(0);
    expect(readFileSync(file, 'utf8').split('\n')[1]).toBe("IPOE_UPDATE_PASS=s3cr3t-Pw  # --show-secrets: the update-server password, in clear");
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(shown.out.join('')).not.toContain('s3cr3t-Pw');
  });

  it('--json has the steps, both scripts and the nft table', async () => {
    const t = io();
    expect(await runCli(['linux-ce', 'plan', ...OFFLINE, '--json'], t.io)).toBe(0);
    const j = JSON.parse(t.out.join('')) as { steps: unknown[]; script: string; rollbackScript: string; nftRuleset: string; summary: { ports: number } };
    expect(j.summary.ports).toBe(240);
    expect(j.steps.length).toBe(8);
    expect(j.rollbackScript).toContain('nft delete table ip ipoe_doctor');
  });

  it('explains what is missing', async () => {
    const t = io();
    expect(await runCli(['linux-ce', 'plan', '--service', 'biglobe'], t.io)).toBe(2);
    expect(t.err.join('')).toMatch(/plan needs --prefix, --wan, --gateway/);
    const u = io();
    expect(await runCli(['linux-ce', 'plan', ...OFFLINE.slice(2), '--service', 'nope'], u.io)).toBe(2);
    expect(u.err.join('')).toMatch(/unknown --service "nope"/);
    const w = io();
    expect(await runCli(['linux-ce', 'apply', ...OFFLINE], w.io)).toBe(2);
    expect(w.err.join('')).toMatch(/--local or --ssh/);
  });
});
