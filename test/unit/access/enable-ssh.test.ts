import { describe, expect, it } from 'vitest';
import { planSshOn } from '../../../shared/access/enable-ssh.js';
import { inEnglish } from '../../../shared/i18n/message.js';

const config = (extra: string[] = []) =>
  ['# RTX1300 Rev.23.00.04 (Wed Aug 10 11:40:27 2022)', 'login user admin *', 'ip lan1 address 192.168.182.1/24', 'ip lan3 address 10.0.3.1/24', ...extra, 'ipv6 prefix 1 dhcp-prefix@lan2::/56'].join('\n');

describe('turning SSH on for next time (the plan)', () => {
  it('a factory router reached on LAN1: key, host limited to lan1, service on; each undone exactly, checked from here', () => {
    const r = planSshOn({ config: config(), host: '192.168.182.1' });
    expect(r.kind).toBe('plan');
    if (r.kind !== 'plan') return;
    expect(r.plan.commands).toEqual(['sshd host key generate', 'sshd host lan1', 'sshd service on']);
    expect(r.plan.inverse).toEqual(['no sshd service', 'no sshd host', 'no sshd host key generate']);
    expect(r.plan.check).toEqual({ kind: 'ssh-answers', host: '192.168.182.1', port: 22 });
    expect(r.plan.target).toBe('rtx');
    expect(r.notes).toEqual([]);
  });

  it('limits SSH to the LAN the user is on (the model\'s own interface), and keeps a key that is there', () => {
    const r = planSshOn({ config: config(['sshd host key generate *']), host: '10.0.3.77' });
    if (r.kind !== 'plan') throw new Error('expected a plan');
    expect(r.lan).toBe('lan3');
    expect(r.plan.commands).toEqual(['sshd host lan3', 'sshd service on']);
  });

  it('puts back what was there: an explicit "sshd service off" and another host list come back on undo', () => {
    const r = planSshOn({ config: config(['sshd service off', 'sshd host 192.168.182.10']), host: '192.168.182.1', port: 2222 });
    if (r.kind !== 'plan') throw new Error('expected a plan');
    expect(r.plan.commands).toEqual(['sshd host key generate', 'sshd listen 2222', 'sshd host lan1', 'sshd service on']);
    expect(r.plan.inverse).toEqual(['sshd service off', 'sshd host 192.168.182.10', 'no sshd listen', 'no sshd host key generate']);
    expect(r.plan.check).toEqual({ kind: 'ssh-answers', host: '192.168.182.1', port: 2222 });
  });

  it('says when SSH is on already (nothing to apply), on the port the config has', () => {
    expect(planSshOn({ config: config(['sshd service on', 'sshd host key generate *', 'sshd host lan1', 'sshd listen 2022']), host: '192.168.182.1' })).toEqual({
      kind: 'already-on',
      port: 2022,
    });
  });

  it('warns when there is no login user to log in over SSH with (older models log in by password alone)', () => {
    const r = planSshOn({ config: 'ip lan1 address 192.168.100.1/24\n', host: 'router.local' });
    if (r.kind !== 'plan') throw new Error('expected a plan');
    expect(r.lan).toBe('lan1');
    expect(r.notes.map(inEnglish)[0]).toMatch(/no login user/);
  });
});
