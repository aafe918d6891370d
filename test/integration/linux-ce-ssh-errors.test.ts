/**
 * Linux CE mode over SSH reports the connection's own problems with the codes the wizard acts on, as the router
 * path does: an unknown host key leads to the host-key confirmation (code ssh-host-key-unknown with the key),
 * never to a generic "the host refused" error. Against a real OpenSSH sshd on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinuxCeHosts } from '../../main/services/linux-ce-hosts.js';
import { KnownHosts } from '../../main/transports/known-hosts.js';
import { WizardStepError } from '../../shared/wizard/errors.js';
import { missing } from '../support/real-parts.js';
import { sshdAvailable, startSshd, type RealSshd } from '../support/sshd.js';

describe.skipIf(missing('sshd', sshdAvailable()))('Linux CE mode: SSH connection errors keep their codes', () => {
  let sshd: RealSshd;
  beforeAll(async () => {
    sshd = await startSshd('fixed-ip-br-typo');
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('an unknown host key asks for confirmation (ssh-host-key-unknown, with the fingerprint), not ce-target', async () => {
    const hosts = new LinuxCeHosts(new KnownHosts(join(mkdtempSync(join(tmpdir(), 'kh-')), 'known_hosts.json')));
    const err = await hosts
      .connect({ kind: 'ssh', host: '127.0.0.1', port: sshd.port, username: sshd.user, privateKeyPath: sshd.clientKeyPath })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WizardStepError);
    expect((err as WizardStepError).code).toBe('ssh-host-key-unknown');
    expect((err as WizardStepError).details?.fingerprint).toMatch(/^SHA256:/);
  });
});
