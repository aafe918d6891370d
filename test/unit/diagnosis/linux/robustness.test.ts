import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose, type DiagnosisResult } from '../../../../shared/diagnosis/engine.js';
import { FINDING_CODES } from '../../../../shared/diagnosis/registry.js';
import { fixture, HEALTHY, input } from './helpers.js';

const COMMANDS = [
  'ip -6 tunnel show',
  'ip -s -d link show',
  'ip -6 addr',
  'ip -6 route',
  'ip route',
  'nft list ruleset',
  'nft -j list ruleset',
  'ip -j -d link show',
  'sysctl net.ipv4.conf.all.rp_filter',
  'show configuration commands',
  'ping -6 -c 3 2404:9200:225:100::64',
];

/** Lines that look almost right: the parsers and rules must take them without throwing. */
const NEAR_MISS = fc.constantFrom(
  'mape: ip/ipv6 remote local dev encaplimit',
  '5: mape@: <UP> mtu',
  '    RX:  bytes packets',
  '    ip6tnl ipip6 remote any local any encaplimit none',
  'oifname "mape" snat ip to 1.2.3.4:65535-0',
  'oifname "mape" meta mark 0xzz snat to :numgen inc mod 0 map { }',
  "set nat source rule x translation port '1-2,3-'",
  "set interfaces tunnel tun0 remote ''",
  'default dev',
  '{"nftables": [{"rule": {"expr": [{"snat": {"port": {"range": ["a", null]}}}]}}]}',
  '[{"ifname": 5, "linkinfo": {"info_kind": "ip6tnl", "info_data": null}}]',
  '3 packets transmitted, 99999999999 received',
  'table ip t {',
  '}',
);

/** What every diagnosis holds: defined codes, and evidence that quotes lines of the user's text (when `lines` is it). */
function wellFormed(r: DiagnosisResult, lines?: readonly string[]): number {
  let quoted = 0;
  expect(r.notes.filter((n) => n.includes('could not run'))).toEqual([]);
  for (const f of r.findings) {
    expect(FINDING_CODES).toContain(f.code);
    for (const e of f.evidence) {
      expect(e.excerpt).toHaveLength(e.lines.length);
      expect([...e.lines].sort((a, b) => a - b)).toEqual(e.lines);
      if (lines) e.lines.forEach((l, i) => expect(lines[l - 1], `${f.code}: ${e.command} line ${l}`).toBe(e.excerpt[i]));
      if (lines) quoted += e.lines.length;
    }
  }
  return quoted;
}

describe('never throws, never lets a rule fail, on garbage', () => {
  it('random outputs under known commands', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...COMMANDS), fc.array(fc.oneof(NEAR_MISS, fc.string({ maxLength: 80 })), { maxLength: 12 })), { maxLength: 8 }), (blocks) => {
        const r = diagnose({
          platform: 'linux',
          source: 'live',
          outputs: blocks.map(([command, lines]) => ({ command, output: lines.join('\n'), firstLine: 1, status: 'ok' as const })),
        });
        wellFormed(r);
      }),
      { numRuns: 150 },
    );
  });

  it('healthy transcripts with random lines deleted: the findings quote the lines that are left', () => {
    let quoted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...HEALTHY), fc.array(fc.nat({ max: 200 }), { maxLength: 20 }), (name, drop) => {
        const lines = fixture(name).split('\n');
        const kept = lines.filter((_, i) => !drop.includes(i));
        quoted += wellFormed(diagnose(input(kept.join('\n'))), kept);
      }),
      { numRuns: 60 },
    );
    // Deleting lines breaks things: the quotes checked above were there to check.
    expect(quoted).toBeGreaterThan(0);
  });
});
