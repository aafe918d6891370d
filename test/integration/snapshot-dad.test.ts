/**
 * The rollback's "identical to before" on a real kernel while duplicate address detection runs: the kernel adds an
 * address's local route only once DAD has passed, so a snapshot taken right after an interface came up (a VM's boot,
 * a user tunnel re-created by the rollback) lacks routes a later one has. Those routes are left out of the
 * comparison while their address is pending; the address itself, and everything else, is still compared.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netnsTarget, sh, shellInNetns, skipWithoutNetnsAndNft } from '../support/shell.js';
import { DatapathError, takeSnapshot } from '../../main/datapath/apply.js';
import type { Target } from '../../main/datapath/target.js';
import { compareSnapshots } from '../../shared/linux/datapath/snapshot.js';
import { renderMessage } from '../../shared/i18n/message.js';

const english = (d: ReturnType<typeof compareSnapshots>) => ({
  differences: d.differences.map((m) => renderMessage('en', m, 'cli')),
  ignored: d.ignored.map((m) => renderMessage('en', m, 'cli')),
});

describe.skipIf(skipWithoutNetnsAndNft())('snapshots taken while DAD runs (real kernel, a namespace)', () => {
  const ns = `ipoe-it-dad-${process.pid}`;
  let netns: Awaited<ReturnType<typeof netnsTarget>>;
  let target: Target;
  const inNs = (cmd: string) => sh(`ip netns exec ${ns} ${cmd}`);
  /** Until no address of the namespace is tentative (DAD takes ~1–2 s; 30 s only catches a hang). */
  async function dadDone(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (inNs('ip -6 addr show tentative').out.trim() !== '') {
      if (Date.now() > deadline) throw new Error(`DAD never finished: ${inNs('ip -6 addr show tentative').out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    netns = await netnsTarget(ns);
    target = netns.target;
  });
  afterAll(async () => {
    await netns?.close();
  });

  it('a snapshot taken during DAD equals one taken after it; the pending local routes are named as ignored', async () => {
    const up = ['link set lo up', 'link add dad0 type veth peer name dad0-peer', 'link set dad0-peer up', 'link set dad0 up', 'addr add 2001:db8:d::1/64 dev dad0'];
    expect(sh(`ip -n ${ns} -batch -`, up.join('\n') + '\n')).toMatchObject({ code: 0 });
    const during = await takeSnapshot(target);
    // The premise on this kernel: the address is there, still tentative, and its local route is not yet.
    expect(during.addresses).toContain('"tentative":true');
    expect(during.routes6).not.toContain('"dst":"2001:db8:d::1"');
    await dadDone();
    const after = await takeSnapshot(target);
    expect(after.routes6).toContain('"dst":"2001:db8:d::1"');

    const d = english(compareSnapshots(during, after));
    expect(d.differences).toEqual([]);
    expect(d.ignored).toContain('route local 2001:db8:d::1 dev dad0 table local: the local route of an address still in duplicate address detection (the kernel adds it a moment later)');
    // The same two snapshots the other way round (the rollback re-created the interface): equal too.
    expect(compareSnapshots(after, during).identical).toBe(true);
  });

  it('what the datapath owns is still compared: an address added meanwhile is a difference, tentative or not', async () => {
    await dadDone();
    const before = await takeSnapshot(target);
    expect(sh(`ip -n ${ns} addr add 2001:db8:d::2/64 dev dad0`)).toMatchObject({ code: 0 });
    const during = await takeSnapshot(target);
    expect(english(compareSnapshots(before, during)).differences).toEqual(['address 2001:db8:d::2/64 on dad0: present now, not before apply']);
    await dadDone();
    expect(english(compareSnapshots(before, await takeSnapshot(target))).differences).toEqual([
      'address 2001:db8:d::2/64 on dad0: present now, not before apply',
      'route local 2001:db8:d::2 dev dad0 table local: present now, not before apply',
    ]);
  });

  it('a read that fails is a clear stop, never an empty state', async () => {
    // An nft that cannot list (as a broken or half-installed nftables would), first on PATH of the target's shell.
    const bin = mkdtempSync(join(tmpdir(), 'ipoe-broken-nft-'));
    writeFileSync(join(bin, 'nft'), '#!/bin/sh\necho "Error: Could not process rule: Operation not supported" >&2\nexit 1\n');
    chmodSync(join(bin, 'nft'), 0o755);
    const shell = await shellInNetns(ns, { prelude: `export PATH=${bin}:$PATH\n` });
    const broken = shell.target;
    try {
      const err = await takeSnapshot(broken).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(DatapathError);
      expect(renderMessage('en', (err as DatapathError).detail!, 'cli')).toBe(
        "could not read the host's network state with `nft -j list ruleset` (exit 1: Error: Could not process rule: Operation not supported), so it cannot be compared with the state before apply: install iproute2 and nftables, or fix what the command says, then try again",
      );
    } finally {
      await shell.close();
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
