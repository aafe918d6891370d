import { planSshOn, type SshOnPlan } from '../../shared/access/enable-ssh.js';
import { say } from '../../shared/i18n/message.js';
import { WizardStepError } from '../../shared/wizard/errors.js';
import type { RtxSession } from '../devices/rtx-session.js';

/**
 * The plan that turns SSH on, from the router's config as it is now (read in administrator mode). `host` is the
 * router's address as this computer reaches it: over Telnet, the address the user connected to.
 */
export async function planSshOnLive(session: RtxSession, host: string, port?: number): Promise<SshOnPlan> {
  await session.enterAdmin();
  const config = await session.run('show config');
  if (config.error) throw new WizardStepError('backup-failed', say('msg.apply.backupUnreadable', { cause: config.error }));
  return planSshOn({ config: config.output, host, ...(port !== undefined ? { port } : {}) });
}
