/**
 * The diagnosis's Linux nft fix plans on a real nft, in a throwaway network namespace: each plan is accepted as-is,
 * runs twice to the same state, shares the app's one table (shared/linux/datapath/names.ts) with the other plans
 * without touching their chains or the user's own table, fixes the finding as the diagnosis then reads the real
 * listing, and its undo leaves exactly the state before. Only our own namespace is touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixPlan } from '../../shared/diagnosis/types.js';
import { sh, skipWithoutNetnsAndNft } from '../support/shell.js';
import { codes, dropLines, FIXED, only, run, SNAT_LINE, V6PLUS } from '../unit/diagnosis/linux/cases.js';

const skip = skipWithoutNetnsAndNft();

/** The user's own table as the healthy fixture lists it (`table ip mape { … }`). */
function userTable(transcript: string): string {
  const lines = transcript.split('\n');
  const start = lines.findIndex((l) => l.startsWith('table ip mape'));
  const end = lines.findIndex((l, i) => i > start && l === '}');
  return `${lines.slice(start, end + 1).join('\n')}\n`;
}

/** The transcript with its `nft list ruleset` output replaced by what the namespace's nft lists now. */
function withListing(transcript: string, listing: string): string {
  const lines = transcript.split('\n');
  const start = lines.findIndex((l) => l.endsWith('# sudo nft list ruleset'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('root@ce:~#'));
  return [...lines.slice(0, start + 1), ...listing.trimEnd().split('\n'), ...lines.slice(end)].join('\n');
}

const FIRST_BLOCK_ONLY = V6PLUS.split('\n')
  .filter((l, i, all) => !SNAT_LINE.test(l) || all.findIndex((x) => SNAT_LINE.test(x)) === i)
  .join('\n');

describe.skipIf(skip)("the diagnosis's nft fix plans on a real nft", () => {
  const ns = `ipoe-it-plans-${process.pid}`;
  // The plan's lines as a shell runs them (they are shell lines: quoting, `||`), stopping at the first failure.
  const inNs = (cmds: readonly string[]) => sh(`ip netns exec ${ns} sh -e`, `${cmds.join('\n')}\n`);
  const listing = () => inNs(['nft list ruleset']).out;
  const table = (name: string) => inNs([`nft list table ip ${name}`]).out;
  const apply = (plan: FixPlan, which: 'commands' | 'inverse') => {
    const r = inNs(plan[which]);
    expect(r.code, `${plan[which].join('\n')}\n${r.out}`).toBe(0);
  };
  beforeAll(() => void sh(`ip netns add ${ns}`));
  afterAll(() => void sh(`ip netns del ${ns}`));

  it('PORTSET_PARTIAL: the per-block plan runs twice to one copy beside the user table, and the diagnosis then finds the port set whole', () => {
    expect(sh(`ip netns exec ${ns} nft -f -`, userTable(FIRST_BLOCK_ONLY)).code).toBe(0);
    const before = table('mape');
    const fix = only(run(FIRST_BLOCK_ONLY), 'PORTSET_PARTIAL').fix!;
    apply(fix, 'commands');
    const once = table('ipoe_doctor');
    apply(fix, 'commands');
    expect(table('ipoe_doctor')).toBe(once);
    // nft lists `snat ip to` of an ip table as `snat to`; every block has its rule, with its own mark.
    expect(once.match(/snat to 14\.9\.26\.101:\d+-\d+ persistent/g)).toHaveLength(15);
    expect(table('mape')).toBe(before);
    const after = codes(run(withListing(FIRST_BLOCK_ONLY, listing())));
    expect(after).not.toContain('PORTSET_PARTIAL');
    expect(after).not.toContain('PORTSET_OUTSIDE');
    expect(after).not.toContain('ICMP_NOT_TRANSLATED');
  });

  it('MSS_CLAMP_MISSING: its chain joins the same table; each undo removes only its own chains, the last one the table', () => {
    const nat = only(run(FIRST_BLOCK_ONLY), 'PORTSET_PARTIAL').fix!;
    const clamp = only(run(dropLines(V6PLUS, /maxseg/)), 'MSS_CLAMP_MISSING').fix!;
    apply(clamp, 'commands');
    // The port-set plan again (as ICMP_NOT_TRANSLATED's would): it flushes its own chains, never the clamp.
    apply(nat, 'commands');
    expect(table('ipoe_doctor')).toMatch(/chain clamp_mss \{[^}]*oifname "mape" tcp flags[^}]*maxseg size set rt mtu/);
    apply(nat, 'inverse');
    expect(table('ipoe_doctor')).toContain('chain clamp_mss');
    expect(table('ipoe_doctor')).not.toContain('snat_port_blocks');
    apply(clamp, 'inverse');
    expect(inNs(['nft list tables']).out.trim()).toBe('table ip mape');
  });

  it('NAT_DESCRIPTOR_MISSING on fixed IP: masquerade in the fixed-IP chain, undone to nothing', () => {
    expect(inNs(['nft delete table ip mape']).code).toBe(0);
    const fix = only(run(dropLines(FIXED, /masquerade/)), 'NAT_DESCRIPTOR_MISSING').fix!;
    apply(fix, 'commands');
    expect(table('ipoe_doctor')).toMatch(/chain snat_fixed_ip \{[^}]*oifname "fixed" masquerade/);
    apply(fix, 'inverse');
    expect(inNs(['nft list tables']).out.trim()).toBe('');
  });

});
