/**
 * The one Linux CE service (main/datapath/linux-ce-host.ts) against an in-process host that answers commands
 * from a table: what the CLI and the wizard both rely on. The real host is exercised by
 * test/integration/datapath-local.test.ts, test/e2e/linux-ce-local.test.ts and the lab (test/lab-cases).
 */
import { describe, expect, it } from 'vitest';
import { LinuxCeHost, linuxCeErrorText, linuxCeFailure } from '../../../main/datapath/linux-ce-host.js';
import type { Target } from '../../../main/datapath/target.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { PlanError } from '../../../shared/linux/datapath/errors.js';
import { STATE_FILE, UPDATE_PASS_FILE } from '../../../shared/linux/datapath/names.js';
import { verifyChecks } from '../../../shared/linux/datapath/verify.js';
import { PLAN_CASES } from '../linux/datapath/cases.js';

const SUDO = 'sudo-pw-7351';
const UPDATE = 'update-pw-2294';

/** A host whose answers are a table: the first pattern a command matches gives exit code and output. */
function fakeTarget(answers: [RegExp, number, string][]): Target & { ran: string[] } {
  const ran: string[] = [];
  const answer = async (command: string) => {
    ran.push(command);
    const a = answers.find(([re]) => re.test(command));
    return { command, exitCode: a?.[1] ?? 1, output: a?.[2] ?? '', elapsedMs: 1 };
  };
  return { label: 'ce@192.0.2.1', sudo: '', sudoMode: 'root', ran, run: answer, runRoot: answer, writeRootFile: async () => undefined, close: async () => undefined };
}

/** v6plus fixed IP with everything from the notice (the plan cases of the datapath's own tests). */
const { replaceExisting: _replace, verify: _verify, ...FIXED } = PLAN_CASES['v6plus-fixed']!;

describe('LinuxCeHost', () => {
  it('fixed IP: the update password is needed only when none was given and none is stored on the host', async () => {
    const bare = new LinuxCeHost(fakeTarget([]));
    await bare.detect();
    expect((await bare.makePlan(FIXED)).needsUpdatePassword).toBe(true);
    bare.setUpdatePassword(UPDATE);
    expect(await bare.needsUpdatePassword()).toBe(false);

    const stored = new LinuxCeHost(fakeTarget([[new RegExp(`^\\[ -s ${UPDATE_PASS_FILE} \\]$`), 0, '']]));
    await stored.detect();
    expect((await stored.makePlan(FIXED)).needsUpdatePassword).toBe(false);

    const given = new LinuxCeHost(fakeTarget([]));
    await given.detect();
    expect((await given.makePlan({ ...FIXED, updatePassword: UPDATE })).needsUpdatePassword).toBe(false);
    // MAP-E sends no notification, so no password is ever needed.
    expect((await given.makePlan({ service: 'biglobe', prefix: '2404:7a82:4d02:4100::/56', wan: 'eth1', gateway: 'fe80::1' })).needsUpdatePassword).toBe(false);
  });

  it('detection gaps that stop an apply come with the plan, except a missing prefix the person gave', async () => {
    const host = new LinuxCeHost(fakeTarget([]));
    await host.detect();
    const { blockers } = await host.makePlan(FIXED);
    expect(blockers.map((b) => b.code)).toContain('IPROUTE2_MISSING');
    expect(blockers.map((b) => b.code)).not.toContain('NO_GLOBAL_PREFIX');
  });

  it('masks every password it knows in what the host prints', async () => {
    const target = fakeTarget([[/ping/, 0, `PING ok; sudo said ${SUDO}; update ${UPDATE}`]]);
    const host = new LinuxCeHost(target, [SUDO, undefined]);
    await host.detect();
    await host.makePlan({ ...FIXED, updatePassword: UPDATE });
    const [, ping] = await host.verify(verifyChecks({ host: '198.51.100.10', port: 80 }));
    expect(ping!.output).not.toContain(SUDO);
    expect(ping!.output).not.toContain(UPDATE);
    expect(ping!.output).toContain('PING ok');
    expect(host.knownSecrets()).toEqual([SUDO, UPDATE]);
  });

  it('checks: those of this session\'s plan, else those applied earlier (the state file), else none', async () => {
    const state = { summary: {}, verify: verifyChecks({ host: '192.0.2.80', port: 80 }) };
    const applied = new LinuxCeHost(fakeTarget([[new RegExp(`^cat ${STATE_FILE}`), 0, JSON.stringify(state)]]));
    expect((await applied.currentChecks())?.[1]?.command).toContain('192.0.2.80');
    await applied.detect();
    await applied.makePlan({ ...FIXED, verifyHost: '198.51.100.10:80' });
    expect((await applied.currentChecks())?.[1]?.command).toContain('198.51.100.10');
    // A state file from before checks carried their text: the same checks, with it.
    const old = { ...state, verify: state.verify.map(({ text: _t, ...c }) => ({ ...c, description: 'ping 192.0.2.80 through ipoe0' })) };
    const upgraded = await new LinuxCeHost(fakeTarget([[new RegExp(`^cat ${STATE_FILE}`), 0, JSON.stringify(old)]])).currentChecks();
    expect(upgraded).toEqual(state.verify);
    const fresh = new LinuxCeHost(fakeTarget([]));
    expect(await fresh.currentChecks()).toBeNull();
    expect(await fresh.rollback()).toBeNull();
    expect(await fresh.persist()).toBeNull();
  });

  it('status: what is applied and the prefix the watcher follows (current, previous, last re-plan); before any renumbering, the planned one', async () => {
    const summary = { serviceName: 'v6プラス', tunnel: 'ipoe0', br: '2404:9200:225:100::64', ce: '240b:13:1a65:a100:e:91a:6500:a100', ipv4: '14.9.26.101' };
    const state = { appliedAt: '2026-12-05T12:00:00Z', persisted: true, summary, verify: verifyChecks({ host: '192.0.2.80', port: 80 }), replan: { prefix: '240b:13:1a65:a100::/64' } };
    const prefixEnv = "CURRENT_PREFIX=240b:13:2b47:c700::/64\nPREVIOUS_PREFIX=240b:13:1a65:a100::/64\nCE=240b:13:2b47:c700:6b:47c7:0:c700\nIPV4=106.75.71.199\nREPLANNED_AT=2026-12-05T12:30:00Z\nRESULT='re-planned'\n";
    const renumbered = new LinuxCeHost(fakeTarget([[new RegExp(`^cat ${STATE_FILE}`), 0, JSON.stringify(state)], [/^cat \/var\/lib\/ipoe-doctor\/prefix\.env/, 0, prefixEnv]]));
    expect(await renumbered.status()).toEqual({
      applied: { serviceName: 'v6プラス', appliedAt: '2026-12-05T12:00:00Z', persisted: true, tunnel: 'ipoe0', br: summary.br, ipv4: summary.ipv4 },
      prefix: { current: '240b:13:2b47:c700::/64', previous: '240b:13:1a65:a100::/64', ce: '240b:13:2b47:c700:6b:47c7:0:c700', ipv4: '106.75.71.199', replannedAt: '2026-12-05T12:30:00Z', result: 're-planned' },
      watching: true,
    });
    const planned = await new LinuxCeHost(fakeTarget([[new RegExp(`^cat ${STATE_FILE}`), 0, JSON.stringify(state)]])).status();
    expect(planned?.prefix).toEqual({ current: '240b:13:1a65:a100::/64', previous: null, ce: summary.ce, ipv4: summary.ipv4, replannedAt: null, result: null });
    expect(await new LinuxCeHost(fakeTarget([])).status()).toBeNull();
  });

  it('persist after a re-plan keeps the nft table the watcher loaded (new IPv4 and ports), not the one of the apply', async () => {
    const state = { appliedAt: 'x', persisted: false, summary: { serviceName: 'v6plus' }, verify: [], upScript: 'up', rollbackScript: 'down', nftRuleset: 'table ip ipoe_doctor { # old }\n', replan: { encapsulation: 'map-e', prefix: '240b:13:1a65:a100::/64' }, replanNft: '' };
    const written = new Map<string, string>();
    const answers = (replanned: boolean): [RegExp, number, string][] => [
      [new RegExp(`^cat ${STATE_FILE}`), 0, JSON.stringify(state)],
      [/^cat \/var\/lib\/ipoe-doctor\/prefix\.env/, replanned ? 0 : 1, replanned ? "CURRENT_PREFIX=240b:13:2b47:c700::/64\nRESULT='re-planned'\n" : ''],
      [/^cat \/etc\/ipoe-doctor\/ipoe-doctor\.nft$/, 0, 'table ip ipoe_doctor { # new }\n'],
      [/ce-watch/, 0, 'ipoe-doctor: watching the prefix on eth1'],
    ];
    for (const replanned of [false, true]) {
      const target = { ...fakeTarget(answers(replanned)), writeRootFile: async (path: string, content: string) => void written.set(path, content) };
      const r = await new LinuxCeHost(target).persist();
      expect(r).toMatchObject({ ok: true, systemd: false, watching: true });
      expect(written.get('/etc/ipoe-doctor/ipoe-doctor.nft')).toBe(`table ip ipoe_doctor { # ${replanned ? 'new' : 'old'} }\n`);
    }
  });

  it('refuses to take over its own tunnel, with a text in each language', async () => {
    const host = new LinuxCeHost(fakeTarget([]));
    await host.detect();
    const err = await host.makePlan({ ...FIXED, replaceExisting: ['ipoe0'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlanError);
    expect(linuxCeFailure(err)).toBe('input');
    expect((err as Error).message).toBe('ipoe0 is the tunnel IPoE Doctor itself makes: it is replaced in place, not taken over');
    expect(renderMessage('ja', linuxCeErrorText(err)!)).toContain('IPoE Doctor 自身が作るトンネル');
  });
});
