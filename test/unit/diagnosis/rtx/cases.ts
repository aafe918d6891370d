/**
 * The RTX table tests every finding folder shares (shared/diagnosis/findings/<code>/<code>.test.ts): inputs that
 * must fire the code (with its evidence and fix or checklist checked) and inputs that must not (every healthy
 * set-up, plus the near misses the folder lists).
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../../shared/diagnosis/engine.js';
import type { ContractNotice } from '../../../../shared/diagnosis/input.js';
import { definitionOf } from '../../../../shared/diagnosis/registry.js';
import type { Finding, FindingCode } from '../../../../shared/diagnosis/types.js';
import { edit, HEALTHY_CASES, loadCase, transcriptInput, type Outputs } from './fixtures.js';

export { edit, loadCase, type Outputs } from './fixtures.js';

export interface Case {
  name: string;
  outputs: () => Outputs;
  notice?: ContractNotice;
  device?: { model: string; firmware: string };
  /** Checks on the finding (the first one with the code) and on all findings. */
  check?: (f: Finding, all: Finding[]) => void;
}

export function run(c: Case): Finding[] {
  const input = transcriptInput(c.outputs(), c.notice);
  if (c.device) input.device = c.device;
  const r = diagnose(input);
  expect(r.notes.filter((n) => n.startsWith('rule '))).toEqual([]);
  return r.findings;
}

export const v6ra = () => loadCase('healthy-v6plus-rtx830-ra');
export const v6pd = () => loadCase('healthy-v6plus-rtx1300-pd');
export const ocn = () => loadCase('healthy-ocn-rtx1300');
export const biglobe = () => loadCase('healthy-biglobe-rtx830');
export const transix = () => loadCase('healthy-transix-dslite-rtx830');
export const fixed = () => loadCase('healthy-v6plus-fixed-rtx1300');
export const field = () => loadCase('field-000');

export const NO_PD = (o: Outputs) => edit(o, 'show status ipv6 dhcp', / {6}prefix: [^\n]*\n(?:.*\n){5}/, '');
export const RA_ON_LAN2 = `
LAN1 scope-id 1 [up]
    fe80::2a0:deff:fe12:3456/64 (link-local)
LAN2 scope-id 2 [up]
    fe80::2a0:deff:fe12:3457/64 (link-local)
    240b:11:b901:1800:2a0:deff:fe12:3457/64 (global)
`;
export const NO_GLOBAL = `
LAN1 scope-id 1 [up]
    fe80::2a0:deff:feaa:110/64 (link-local)
LAN2 scope-id 2 [up]
    fe80::2a0:deff:feaa:111/64 (link-local)
`;
export const PING_LOST = (target: string) => `
Request timeout for icmp_seq 0
Request timeout for icmp_seq 1
Request timeout for icmp_seq 2

--- ${target} ping statistics ---
3 packets transmitted, 0 packets received, 100.0% packet loss
`;

/**
 * The RTX table of one code: at least one case that fires it and one near miss, every firing case with evidence and
 * a fix or a checklist (unless the code is info), never a `save` in a fix; every healthy set-up and every near miss
 * quiet.
 */
export function rtxCases(code: FindingCode, cases: { fires: Case[]; quiet: Case[] }): void {
  describe(`${code} on an RTX`, () => {
    it('has a firing and a quiet case', () => {
      expect(definitionOf(code).platforms.rtx, code).toBeDefined();
      expect(cases.fires.length, code).toBeGreaterThan(0);
      expect(cases.quiet.length, code).toBeGreaterThan(0);
    });

    it.each(cases.fires.map((c) => [c.name, c] as const))('fires: %s', (_name, c) => {
      const all = run(c);
      const f = all.find((x) => x.code === code);
      expect(f, `${code} in ${all.map((x) => x.code).join(', ')}`).toBeDefined();
      if (!f) return;
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.fix !== undefined || (f.checklist?.length ?? 0) > 0 || definitionOf(code).severity === 'info').toBe(true);
      for (const cmd of f.fix?.commands ?? []) expect(cmd).not.toMatch(/^(save|administrator)\b/);
      c.check?.(f, all);
    });

    it.each([...HEALTHY_CASES.map((h) => [h, { name: h, outputs: () => loadCase(h) }] as const), ...cases.quiet.map((c) => [c.name, c] as const)])(
      'quiet: %s',
      (_name, c) => {
        expect(run(c).map((x) => x.code)).not.toContain(code);
      },
    );
  });
}
