/**
 * The fix backs up the running config first. When this session read it whole moments ago and sent nothing since
 * that could change it, that read is the backup (at 9600 bit/s a second read costs seconds); otherwise it reads
 * again. Verifying a changed config line reads only that line (`show config | grep`).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeApplyRtx } from '../../../main/apply/safe-apply.js';
import { identifyRtx } from '../../../main/devices/identify-rtx.js';
import { diagnoseRtxSession } from '../../../main/services/diagnose-live.js';
import type { CommandOutput } from '../../../shared/diagnosis/input.js';
import { openTwin } from '../simulator/twin-helpers.js';

async function fixWith(change?: string) {
  const { session, twin } = await openTwin('fixed-ip-br-typo', { clock: () => new Date() });
  const reuse: CommandOutput[] = [];
  const device = await identifyRtx(session, { crossCheck: true, record: (o) => reuse.push(o) });
  const { result } = await diagnoseRtxSession(session, device, { reuse });
  if (change) {
    await session.enterAdmin();
    await session.run(change);
  }
  const typed: string[] = [];
  const write = twin.write.bind(twin);
  twin.write = (d) => (typed.push(typeof d === 'string' ? d : Buffer.from(d).toString('latin1')), write(d));
  const plans = result.findings.filter((f) => f.fix?.target === 'rtx').map((f) => f.fix!);
  const outcome = await safeApplyRtx(session, plans, { dataDir: mkdtempSync(join(tmpdir(), 'backup-')), model: device.model, pingTarget: '192.0.2.53' });
  await session.close();
  return { outcome, typed: typed.join(''), config: reuse.find((o) => o.command === 'show config')!.output };
}

describe('the backup before a fix', () => {
  it('is the config this session just read, when nothing since could have changed it; checks grep the changed line', async () => {
    const { outcome, typed, config } = await fixWith();
    expect(outcome.status).toBe('saved');
    expect(typed).not.toMatch(/show config\r/);
    expect(readFileSync(outcome.backupPath, 'utf8')).toBe(config);
    expect(typed).toContain('show config | grep "ip filter 200030 pass"\r');
  }, 60_000);

  it('is read again once a command that may change the config went out', async () => {
    const { outcome, typed, config } = await fixWith('ip lan1 mtu 1500');
    expect(outcome.status).toBe('saved');
    expect(typed).toMatch(/show config\r/);
    expect(readFileSync(outcome.backupPath, 'utf8')).not.toBe(config);
    expect(readFileSync(outcome.backupPath, 'utf8')).toContain('ip lan1 mtu 1500');
  }, 60_000);
});
