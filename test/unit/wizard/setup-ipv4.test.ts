/** The set-up path's data: the services offered on the router's evidence, the notice fields, the view of the notice and of the plan. */
import { describe, expect, it } from 'vitest';
import { keyPaths, catalogs } from '../../../shared/i18n/catalogs.js';
import type { DiagnosisView } from '../../../shared/ipc/views.js';
import { keepNotice, noticeFieldsFor, setupCandidates, setupPlanView } from '../../../shared/wizard/setup-ipv4.js';

const withFinding = (data: Record<string, string | number | boolean | null>, fix?: DiagnosisView['findings'][number]['fix']): DiagnosisView => ({
  device: null,
  service: { id: null, provider: null, prefix: '240b:12:8c40:6e00::/56', ceAddress: null, br: null },
  findings: [{ code: 'IPV4_TUNNEL_MISSING', severity: 'error', title: { ja: '', en: '' }, explanation: { ja: 'j', en: 'e' }, evidence: [], data, ...(fix ? { fix } : {}) }],
  unknown: [],
  notes: [],
});

describe('the services offered', () => {
  it('a v6plus prefix: v6plus from the rule, and v6plus fixed IP on the same address space', () => {
    const c = setupCandidates(withFinding({ service: 'v6plus', basis: 'prefix', dnsServers: '2404:1a8:7f01:b::3,2404:1a8:7f01:a::3' }));
    expect(c.proposed).toBe('v6plus');
    expect(c.candidates).toEqual([
      { service: 'v6plus', basis: 'prefix', evidence: '240b:12:8c40:6e00::/56' },
      { service: 'v6plus-fixed', basis: 'same-prefix', evidence: '240b:12:8c40:6e00::/56' },
    ]);
    expect(c.dnsServers).toEqual(['2404:1a8:7f01:b::3', '2404:1a8:7f01:a::3']);
  });

  it('a DS-Lite line: the service whose AFTR name the router resolves, with what it resolved to', () => {
    const c = setupCandidates(withFinding({ service: 'transix-dslite', basis: 'aftr', resolvedAftr: 'gw.transix.jp=2404:8e00::feed:100' }));
    expect(c.candidates).toEqual([
      { service: 'transix-dslite', basis: 'aftr', evidence: 'gw.transix.jp → 2404:8e00::feed:100' },
      { service: 'transix-fixed', basis: 'same-prefix', evidence: '240b:12:8c40:6e00::/56' },
    ]);
    expect(setupCandidates(withFinding({ service: null, resolvedAftr: null })).candidates).toEqual([]);
  });
});

describe('the contract notice', () => {
  it('fields per service: fixed IP needs them (the v6plus BR may fall back to the public one), MAP-E and DS-Lite none', () => {
    expect(noticeFieldsFor('v6plus-fixed')).toEqual(['fixedIpv4', 'interfaceId', 'updateUser', 'updatePassword']);
    expect(noticeFieldsFor('transix-fixed')).toEqual(['fixedIpv4', 'interfaceId', 'br', 'updateUser', 'updatePassword']);
    expect(noticeFieldsFor('v6plus')).toEqual([]);
    expect(noticeFieldsFor('xpass')).toEqual([]);
  });

  it('the view of a notice says only whether its secrets were given; blank fields are dropped', () => {
    const kept = keepNotice({ serviceId: 'v6plus-fixed', fixedIpv4: '203.0.113.10', interfaceId: '', updateUser: 'u-secret-1', updatePassword: 'p-secret-2' });
    expect(kept.notice).toEqual({ serviceId: 'v6plus-fixed', fixedIpv4: '203.0.113.10', updateUser: 'u-secret-1', updatePassword: 'p-secret-2' });
    expect(kept.view).toEqual({ fixedIpv4: '203.0.113.10', updateUserGiven: true, updatePasswordGiven: true });
  });
});

describe('the plan view', () => {
  it('a plan: the commands, the undo, the check and the PPPoE route to ask about', () => {
    const fix = { target: 'rtx' as const, commands: ['tunnel select 1'], inverse: ['no tunnel enable 1'], check: { kind: 'tunnel-rx' as const, tunnel: '1' }, summary: { ja: 's', en: 's' } };
    const v = setupPlanView('v6plus', withFinding({ pppoeDefaultRoute: 'ip route default gateway pp 1' }, fix));
    expect(v).toMatchObject({ ok: true, commands: ['tunnel select 1'], inverse: ['no tunnel enable 1'], pppoeRoute: 'ip route default gateway pp 1', refused: null, missing: [] });
  });

  it('no plan: why, and the notice fields still missing; every reason has its text in both languages', () => {
    const v = setupPlanView('v6plus-fixed', withFinding({ refused: 'needs-notice', missingNotice: 'interfaceId,updatePassword' }));
    expect(v).toMatchObject({ ok: false, refused: 'needs-notice', missing: ['interfaceId', 'updatePassword'] });
    expect(setupPlanView('v6plus', { ...withFinding({}), findings: [] }).refused).toBe('no-finding');
    const codes = ['feature-unsupported', 'no-prefix', 'needs-notice', 'no-lan', 'no-wan', 'no-aftr-address', 'needs-service', 'no-finding'];
    for (const lang of ['ja', 'en'] as const) for (const c of codes) expect(keyPaths(catalogs[lang])).toContain(`setup.refused.${c}`);
  });
});
