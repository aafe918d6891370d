import type { ConnectionRequest } from '../../shared/ipc/contract.js';
import { WizardStepError } from '../../shared/wizard/errors.js';
import type { ConnectionRegistry } from '../../main/services/connection-registry.js';
import type { HostKeyInfo } from '../../main/transports/known-hosts.js';

/** Connect as a user who trusts a first-seen SSH host key (the twin's key stays the same across power cycles). */
export async function connectTrusting(registry: ConnectionRegistry, request: ConnectionRequest) {
  try {
    return await registry.connect(request);
  } catch (err) {
    if (!(err instanceof WizardStepError) || err.code !== 'ssh-host-key-unknown') throw err;
    await registry.trustHostKey(err.details as unknown as HostKeyInfo);
    return registry.connect(request);
  }
}
