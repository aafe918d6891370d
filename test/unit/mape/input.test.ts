import { describe, expect, it } from 'vitest';
import { CalcInputError, calculateMapE, type CalcInputErrorCode } from '../../../shared/mape/index.js';

function failure(input: string): CalcInputError {
  try {
    calculateMapE(input);
  } catch (err) {
    if (err instanceof CalcInputError) return err;
    throw err;
  }
  throw new Error(`expected ${input} to be refused`);
}

describe('input validation', () => {
  it.each<[string, CalcInputErrorCode, RegExp]>([
    ['', 'empty', /no input given/i],
    ['   ', 'empty', /type your ipv6 prefix/i],
    ['garbage', 'malformed', /not an IPv6 address or prefix.*e\.g\. 240b:/],
    ['240b:13:1a65:a100:::/56', 'malformed', /not an IPv6 address/],
    ['240b:13:1a65:a100::/129', 'malformed', /not an IPv6 address/],
    ['14.9.26.101', 'ipv4-input', /IPv4 address.*IPv6 prefix/],
    ['192.0.2.0/24', 'ipv4-input', /IPv4 address/],
    ['fe80::1', 'not-global', /link-local/],
    ['fd00:1::/64', 'not-global', /unique local/],
    ['::1', 'not-global', /loopback/],
  ])('%j → %s', (input, code, message) => {
    const err = failure(input);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
  });

  it('a prefix outside every rule: unknown prefix / not a known MAP-E provider', () => {
    const err = failure('2001:db8::/56');
    expect(err.code).toBe('unknown-prefix');
    expect(err.message).toMatch(/unknown prefix/i);
    expect(err.message).toMatch(/not a known MAP-E provider/);
    expect(err.message).toMatch(/show status ipv6 dhcp/);
  });

  it('a /48 on a v6plus rule is too short to compute the IPv4/PSID', () => {
    const err = failure('240b:12::/48');
    expect(err.code).toBe('prefix-too-short');
    expect(err.message).toMatch(/too short to compute the IPv4 address and PSID/);
    expect(err.message).toMatch(/\/56/);
    expect(err.message).toMatch(/240b:12::\/31/);
  });

  it('a prefix shorter than the rule itself is too short as well', () => {
    expect(failure('2400:4050::/32').code).toBe('prefix-too-short');
    expect(failure('240b:13:1a65:a100::/55').code).toBe('prefix-too-short');
  });

  it('a prefix longer than needed is fine', () => {
    const base = calculateMapE('240b:13:1a65:a100::/56');
    for (const input of ['240b:13:1a65:a100::/60', '240b:13:1a65:a100::/64', '240b:13:1a65:a100::1', '240b:13:1a65:a100::/127']) {
      const r = calculateMapE(input);
      expect(r.ipv4).toBe(base.ipv4);
      expect(r.ceAddress).toBe(base.ceAddress);
      expect(r.warnings).toEqual([]);
    }
  });

  it('host bits after a /56 are ignored', () => {
    expect(calculateMapE('240b:13:1a65:a1ff:1::/56').ceAddress).toBe('240b:13:1a65:a100:e:91a:6500:a100');
  });

  it('accepts what people paste: spaces, brackets, zone, upper case', () => {
    for (const input of [' 240b:13:1a65:a100::/56 ', '[240b:13:1a65:a100::1]', '240b:13:1a65:a100::1%eth0', '240B:13:1A65:A100::/56']) {
      expect(calculateMapE(input).ipv4).toBe('14.9.26.101');
    }
  });

  it('a /64 that is not subnet 0 adds a warning naming subnet 0', () => {
    const r = calculateMapE('240b:13:1a65:a1ff::/64');
    expect(r.ceAddress).toBe('240b:13:1a65:a100:e:91a:6500:a100');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.code).toBe('not-subnet-0');
    expect(r.warnings[0]!.message).toMatch(/240b:13:1a65:a100::\/64/);
  });

  it('a /60 with a non-zero subnet nibble warns too', () => {
    expect(calculateMapE('240b:13:1a65:a110::/60').warnings.map((w) => w.code)).toEqual(['not-subnet-0']);
  });
});
