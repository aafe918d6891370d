import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interruptedOn, Journal, plansTouched, readJournal, sameRouter, stepReached, type RouterIdentity } from '../../../main/apply/journal.js';

const router: RouterIdentity = { model: 'RTX1300', serial: 'S78000000', hostKey: null, port: '/dev/ttyUSB0 @ 9600 bit/s' };
const plan = { target: 'rtx' as const, commands: ['tunnel select 1', 'tunnel endpoint address 2404:9200:225:100::65'], inverse: ['tunnel select 1', 'tunnel endpoint address 2404:9200:255:100::65'], check: { kind: 'tunnel-rx' as const, tunnel: '1' }, summary: { ja: 's', en: 's' } };

describe('the apply journal', () => {
  it('records each step before it is taken; a transaction without an end is interrupted, found on the same router only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const j = Journal.start(dir, { router, backupPath: '/b.txt', backupSha256: 'abc', plans: [plan, plan] });
    j.record({ kind: 'apply', at: 't', plan: 0, index: 0, command: 'tunnel select 1' });
    j.record({ kind: 'apply', at: 't', plan: 0, index: 1, command: 'tunnel endpoint address 2404:9200:225:100::65' });
    const [tx] = readJournal(dir);
    expect(tx!.begin).toMatchObject({ kind: 'begin', router, backupPath: '/b.txt', plans: [plan, plan] });
    expect(tx!.end).toBeNull();
    expect(stepReached(tx!)).toBe('apply');
    expect(plansTouched(tx!)).toEqual([0]);
    expect(interruptedOn(dir, { ...router, port: 'ssh://admin@192.168.100.1:22' })?.file).toBe(j.file);
    expect(interruptedOn(dir, { ...router, serial: 'S78000001' })).toBeNull();
    expect(interruptedOn(dir, { ...router, model: 'RTX830' })).toBeNull();
    j.record({ kind: 'end', at: 't', status: 'reverted', runningEqualsBackup: true });
    expect(interruptedOn(dir, router)).toBeNull();
    // One JSON record a line: what a person reads to see what happened.
    expect(readFileSync(j.file, 'utf8').trim().split('\n').map((l) => JSON.parse(l).kind)).toEqual(['begin', 'apply', 'apply', 'end']);
  });

  it('a torn last line (a crash mid-append) is left out, the rest is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const j = Journal.start(dir, { router, backupPath: '/b.txt', backupSha256: 'abc', plans: [plan] });
    j.record({ kind: 'apply', at: 't', plan: 0, index: 0, command: 'tunnel select 1' });
    appendFileSync(j.file, '{"kind":"apply","at":"t","pl');
    const [tx] = readJournal(dir);
    expect(tx!.steps).toHaveLength(1);
    expect(interruptedOn(dir, router)?.file).toBe(j.file);
  });

  it('names the same router by serial number first, then by host key, then by port', () => {
    const a = { model: 'RTX1300', serial: null, hostKey: 'SHA256:x', port: 'ssh://a@h:22' };
    expect(sameRouter(a, { ...a, port: 'ssh://a@h:2222' })).toBe(true);
    expect(sameRouter(a, { ...a, hostKey: 'SHA256:y' })).toBe(false);
    expect(sameRouter({ ...a, hostKey: null }, { ...a, hostKey: null, port: 'ssh://a@h:2222' })).toBe(false);
    expect(sameRouter({ ...a, serial: 'S1' }, { ...a, serial: 'S1', hostKey: 'SHA256:other' })).toBe(true);
  });
});
