import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixPlan } from '../../../shared/diagnosis/types.js';
import { inEnglish } from '../../../shared/i18n/message.js';
import { configBody } from '../../../shared/rtx/config-diff.js';
import { SECRET_SLOTS } from '../../../shared/rtx/setup/secrets.js';
import { WizardStepError } from '../../../shared/wizard/errors.js';
import { interruptedOn, readJournal, type RouterIdentity } from '../../../main/apply/journal.js';
import { assessRecovery, recoverTransaction } from '../../../main/apply/recovery.js';
import { ApplyTransaction, type SafeApplyOptions } from '../../../main/apply/safe-apply.js';
import { loadScenario } from '../../../main/simulator/host/scenario-files.js';
import { RouterState } from '../../../main/simulator/twin/router-state.js';
import { openTwin } from '../simulator/twin-helpers.js';

const scenario = loadScenario('fixed-ip-br-typo');
const router: RouterIdentity = { model: scenario.device.model, serial: scenario.device.serial, hostKey: null, port: 'test' };
const endpoint: FixPlan = {
  target: 'rtx',
  commands: ['tunnel select 1', 'tunnel endpoint address 2404:9200:225:100::65'],
  inverse: ['tunnel select 1', 'tunnel endpoint address 2404:9200:255:100::65'],
  check: { kind: 'tunnel-rx', tunnel: '1' },
  summary: { ja: 'BR', en: 'BR' },
};
const filter: FixPlan = {
  target: 'rtx',
  commands: ['ip filter 200030 pass * 192.168.182.0/24 icmp * *'],
  inverse: ['no ip filter 200030'],
  check: { kind: 'tunnel-rx', tunnel: '1' },
  summary: { ja: 'filter', en: 'filter' },
};

/** One router (its state shared by sessions), a data dir, and a way to open another session on it. */
function setUp() {
  const state = new RouterState(scenario, { clock: () => new Date() });
  const dataDir = mkdtempSync(join(tmpdir(), 'recovery-'));
  const opts: SafeApplyOptions = { dataDir, model: router.model, router, pingTarget: '192.0.2.53' };
  const session = () => openTwin(scenario, { admin: true, router: state, clock: () => new Date() });
  return { state, dataDir, opts, session };
}

describe('recovering an interrupted change', () => {
  it('cut partway: the router runs part of the change; revert is recommended, proves the backup is back and saves it', async () => {
    const { state, dataDir, opts, session } = setUp();
    const original = configBody(state.saved);
    const first = await session();
    // The user declines the third command: the transaction stops with no end record, as after a cut.
    let asked = 0;
    const tx = new ApplyTransaction(first.session, [endpoint, filter], { ...opts, confirm: async () => ++asked < 3 });
    expect((await tx.apply()).ok).toBe(false);
    await first.twin.close();

    const open = interruptedOn(dataDir, router)!;
    expect(open).not.toBeNull();
    const again = await session();
    const a = await assessRecovery(again.session, open);
    expect(a).toMatchObject({ running: 'other', saved: 'backup', unsavedChanges: true, recommended: 'revert', commandsSent: 2, commandsTotal: 3, stepReached: 'apply' });
    expect(a.changes.added).toEqual(['tunnel select 1: tunnel endpoint address 2404:9200:225:100::65']);
    const o = await recoverTransaction(again.session, open, a.recommended, opts);
    expect(o).toMatchObject({ status: 'reverted', choice: 'revert', runningEqualsBackup: true, unsavedChangesAfter: false });
    expect(configBody(state.saved)).toBe(original);
    expect(configBody(state.running.text())).toBe(original);
    expect(interruptedOn(dataDir, router)).toBeNull();
    expect(readJournal(dataDir)[0]!.steps.map((s) => s.kind)).toContain('recover');
  });

  it('cut after the whole change was in: resume is recommended, verifies, then saves', async () => {
    const { state, dataDir, opts, session } = setUp();
    const first = await session();
    const tx = new ApplyTransaction(first.session, [endpoint, filter], opts);
    expect((await tx.apply()).ok).toBe(true);
    await first.twin.close();

    const open = interruptedOn(dataDir, router)!;
    const again = await session();
    const a = await assessRecovery(again.session, open);
    expect(a).toMatchObject({ running: 'result', saved: 'backup', unsavedChanges: true, recommended: 'resume', stepReached: 'applied' });
    const o = await recoverTransaction(again.session, open, 'resume', opts);
    expect(o).toMatchObject({ status: 'saved', choice: 'resume', unsavedChangesAfter: false });
    expect(o.checks.every((c) => c.passed)).toBe(true);
    expect(state.saved).toContain('tunnel endpoint address 2404:9200:225:100::65');
    expect(state.dirty).toBe(false);
  });

  it('a set-up whose commands hold the update password is never resumed without it: revert is the way', async () => {
    const { dataDir, opts, session } = setUp();
    const secretPlan: FixPlan = { ...filter, commands: [`description 1 ${SECRET_SLOTS.updatePassword}`], inverse: ['no description 1'] };
    const first = await session();
    const tx = new ApplyTransaction(first.session, [endpoint, secretPlan], { ...opts, secrets: { updatePassword: 'upd-secret-9' } });
    await tx.apply();
    await first.twin.close();
    const open = interruptedOn(dataDir, router)!;
    // The journal keeps the slot, never the value.
    expect(JSON.stringify(readJournal(dataDir))).not.toContain('upd-secret-9');
    const again = await session();
    expect((await assessRecovery(again.session, open)).recommended).toBe('revert');
    await expect(recoverTransaction(again.session, open, 'resume', opts)).rejects.toMatchObject({ code: 'resume-needs-secrets' });
    expect((await recoverTransaction(again.session, open, 'revert', opts)).status).toBe('reverted');
  });

  it("someone else's unsaved change: apply refuses before sending anything and says what the change is", async () => {
    const { dataDir, opts, session } = setUp();
    const other = await session();
    expect((await other.session.run('ip route 198.51.100.0/24 gateway tunnel 1')).error).toBeNull();
    const mine = await session();
    const err = await new ApplyTransaction(mine.session, [endpoint], opts).apply().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WizardStepError);
    expect((err as WizardStepError).code).toBe('unsaved-changes');
    expect(inEnglish((err as WizardStepError).detail!)).toContain('ip route 198.51.100.0/24 gateway tunnel 1');
    // Nothing was journalled: there is nothing of ours to recover.
    expect(interruptedOn(dataDir, router)).toBeNull();
  });
});
