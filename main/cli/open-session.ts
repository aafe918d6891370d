import type { ConnectionRequest } from '../../shared/ipc/contract.js';
import { WizardStepError } from '../../shared/wizard/errors.js';
import type { ConnectedSession } from '../../shared/wizard/machine.js';
import { ConnectionRegistry } from '../services/connection-registry.js';
import type { HostKeyInfo } from '../transports/known-hosts.js';
import { ask } from './terminal-prompt.js';

/**
 * Connect for a CLI command. A first-time SSH host is trusted only when the user says so on the
 * terminal, or when --trust-host-key names exactly its fingerprint (for scripts).
 */
export async function openForCli(
  registry: ConnectionRegistry,
  request: ConnectionRequest,
  opts: { pinnedFingerprint?: string | undefined; log: (line: string) => void },
): Promise<ConnectedSession> {
  try {
    return await registry.connect(request);
  } catch (err) {
    if (!(err instanceof WizardStepError) || err.code !== 'ssh-host-key-unknown' || !err.details) throw err;
    const info = err.details as unknown as HostKeyInfo;
    opts.log(`The SSH host ${info.host}:${info.port} is new. Its ${info.keyType} key fingerprint is\n  ${info.fingerprint}\nCompare it with \`show status sshd\` on the router console.`);
    const trusted = opts.pinnedFingerprint
      ? opts.pinnedFingerprint === info.fingerprint
      : /^y(es)?$/i.test((await ask('Trust this host key? [y/N] ')) ?? '');
    if (!trusted) {
      throw new WizardStepError(
        'ssh-host-key-rejected',
        opts.pinnedFingerprint
          ? `the host key is ${info.fingerprint}, not the --trust-host-key given; not connecting`
          : 'the host key was not trusted (no terminal to ask, or the answer was no); pass --trust-host-key with the fingerprint above to trust it',
      );
    }
    await registry.trustHostKey(info);
    return registry.connect(request);
  }
}
