import { describe, expect, it } from 'vitest';
import { mapeRules } from '../../../shared/mape/index.js';
import { SERVICES, serviceById, serviceForPrefix, type Fact, type ServiceId } from '../../../shared/services/index.js';

const isFact = (v: unknown): v is Fact<unknown> => typeof v === 'object' && v !== null && 'sources' in v && 'value' in v;

describe('service catalog', () => {
  it('lists the eight services once each', () => {
    const ids: ServiceId[] = ['v6plus', 'v6plus-fixed', 'ocn-vc', 'biglobe', 'transix-dslite', 'transix-fixed', 'xpass', 'v6connect'];
    expect(SERVICES.map((s) => s.id).sort()).toEqual([...ids].sort());
  });

  it('gives every fact at least one source and a confidence', () => {
    for (const service of SERVICES) {
      for (const [key, value] of Object.entries(service)) {
        if (!isFact(value)) continue;
        expect(value.sources.length, `${service.id}.${key}`).toBeGreaterThan(0);
        for (const s of value.sources) expect(s.trim().length, `${service.id}.${key}`).toBeGreaterThan(5);
        expect(['confirmed', 'source-says', 'inferred']).toContain(value.confidence);
      }
    }
  });

  it('has encapsulation, endpoints, MTU, ports per CE for each; update servers for fixed IP', () => {
    const enc = Object.fromEntries(SERVICES.map((s) => [s.id, s.encapsulation.value]));
    expect(enc).toEqual({
      v6plus: 'map-e',
      'v6plus-fixed': 'ipip',
      'ocn-vc': 'map-e',
      biglobe: 'map-e',
      'transix-dslite': 'ds-lite',
      'transix-fixed': 'ipip',
      xpass: 'ds-lite',
      v6connect: 'ds-lite',
    });
    for (const s of SERVICES) {
      expect(s.endpoints.value.length, s.id).toBeGreaterThan(0);
      expect(s.mtu.value, s.id).toBeLessThanOrEqual(1460);
      expect(s.mapE !== null, s.id).toBe(s.encapsulation.value === 'map-e');
      expect(s.update !== null, s.id).toBe(s.encapsulation.value === 'ipip');
    }
    expect(serviceById('v6plus').portsPerCe.value).toBe(240);
    expect(serviceById('biglobe').portsPerCe.value).toBe(240);
    expect(serviceById('ocn-vc').portsPerCe.value).toBe(1008);
    expect(serviceById('v6plus-fixed').update?.value.urlTemplate).toBe('http://fcs.enabler.ne.jp/update?user={user}&pass={password}');
    expect(serviceById('transix-fixed').update?.value.urlTemplate).toBe(
      'http://update.transix.jp/request?username={user}&password={password}',
    );
    expect(serviceById('transix-dslite').endpoints.value.map((e) => e.name ?? e.address)).toContain('gw.transix.jp');
    expect(serviceById('xpass').endpoints.value.map((e) => e.name)).toContain('dgw.xpass.jp');
    expect(serviceById('v6connect').endpoints.value.map((e) => e.name)).toContain('dslite.v6connect.net');
    expect(serviceById('biglobe').endpoints.value.map((e) => `${e.region}:${e.address}`)).toEqual([
      'east:2001:260:700:1::1:275',
      'west:2001:260:700:1::1:276',
    ]);
  });

  it('agrees with the rule table: every rule BR and port count is in its service record', () => {
    for (const rule of mapeRules()) {
      const service = serviceById(rule.providerId as ServiceId);
      expect(service.endpoints.value.map((e) => e.address)).toContain(rule.br);
      expect(service.mapE?.value.psidLength).toBe(rule.psidLength);
      expect(service.mapE?.value.psidOffset).toBe(rule.psidOffset);
      expect(service.portsPerCe.value).toBe((2 ** rule.psidOffset - 1) * 2 ** (16 - rule.psidOffset - rule.psidLength));
    }
  });

  it('throws for an unknown id', () => {
    expect(() => serviceById('nuro' as ServiceId)).toThrow(/no service/);
  });
});

describe('serviceForPrefix', () => {
  it('maps rule prefixes to their services, even for prefixes shorter than /56', () => {
    expect(serviceForPrefix('240b:13:1a65:a100::/56')?.id).toBe('v6plus');
    expect(serviceForPrefix('240b:12::/48')?.id).toBe('v6plus');
    expect(serviceForPrefix('2400:4050:1234:5600::1')?.id).toBe('ocn-vc');
    expect(serviceForPrefix('2404:7a86:1234:5600::/64')?.id).toBe('biglobe');
    expect(serviceForPrefix('240b:13:1a65:a100::/56')?.samePrefixesAs).toContain('v6plus-fixed');
  });

  it('returns undefined outside every rule and throws for garbage', () => {
    expect(serviceForPrefix('2001:db8::/56')).toBeUndefined();
    expect(serviceForPrefix('2409:10::/32')).toBeUndefined();
    expect(() => serviceForPrefix('not an address')).toThrow(/not an IPv6 address/);
  });
});
