import { describe, expect, it } from 'vitest';
import { CalcInputError, fixedIpCeAddress, fixedIpInterfaceId } from '../../../shared/mape/index.js';

describe('fixed IP (IPIP) CE address', () => {
  it('is prefix + interface ID, and ::cb:71:a00:0 fits 203.0.113.10', () => {
    const r = fixedIpCeAddress('240b:11:b901:1800::/64', '::cb:71:a00:0', '203.0.113.10');
    expect(r.ceAddress).toBe('240b:11:b901:1800:cb:71:a00:0');
    expect(r.prefix64).toBe('240b:11:b901:1800::/64');
    expect(r.interfaceId).toBe('::cb:71:a00:0');
    expect(r.interfaceIdMatches).toBe(true);
    expect(r.expectedInterfaceId).toBe('::cb:71:a00:0');
    expect(r.warnings).toEqual([]);
  });

  it('derives the draft-03 PSID-0 interface ID from an IPv4 address', () => {
    expect(fixedIpInterfaceId('203.0.113.10')).toBe('::cb:71:a00:0');
    expect(fixedIpInterfaceId('111.109.69.115')).toBe('::6f:6d45:7300:0');
  });

  it('takes the /64 of any address given', () => {
    expect(fixedIpCeAddress('240b:11:b901:1800:1:2:3:4', '::6f:6d45:7300:0', '111.109.69.115').ceAddress).toBe(
      '240b:11:b901:1800:6f:6d45:7300:0',
    );
  });

  it('uses subnet 0 of a /56, with a note', () => {
    const r = fixedIpCeAddress('240b:11:b901:1800::/56', '::cb:71:a00:0');
    expect(r.ceAddress).toBe('240b:11:b901:1800:cb:71:a00:0');
    expect(r.warnings.map((w) => w.code)).toEqual(['subnet-0-assumed']);
    expect(r.interfaceIdMatches).toBeNull();
  });

  it('only warns when the interface ID does not fit the fixed IPv4 (the notice wins)', () => {
    const r = fixedIpCeAddress('240b:11:b901:1800::/64', '::cb:71:a00:0', '203.0.113.11');
    expect(r.ceAddress).toBe('240b:11:b901:1800:cb:71:a00:0');
    expect(r.interfaceIdMatches).toBe(false);
    expect(r.expectedInterfaceId).toBe('::cb:71:b00:0');
    expect(r.warnings.map((w) => w.code)).toEqual(['iid-mismatch']);
    expect(r.warnings[0]!.message).toMatch(/notice/);
  });

  it('accepts bare hextets and full addresses as the interface ID', () => {
    expect(fixedIpCeAddress('240b:11:b901:1800::/64', 'cb:71:a00:0').ceAddress).toBe('240b:11:b901:1800:cb:71:a00:0');
    const full = fixedIpCeAddress('240b:11:b901:1800::/64', '240b:11:b901:1800:cb:71:a00:0');
    expect(full.interfaceId).toBe('::cb:71:a00:0');
    expect(full.warnings.map((w) => w.code)).toEqual(['iid-from-full-address']);
  });

  it('refuses bad interface IDs and IPv4 addresses with what to type', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return err instanceof CalcInputError ? err.code : 'other';
      }
      return 'none';
    };
    expect(code(() => fixedIpCeAddress('240b:11:b901:1800::/64', 'xyz'))).toBe('invalid-interface-id');
    expect(code(() => fixedIpCeAddress('240b:11:b901:1800::/64', '::'))).toBe('invalid-interface-id');
    expect(code(() => fixedIpCeAddress('240b:11:b901:1800::/64', '::1', '203.0.113'))).toBe('invalid-ipv4');
    expect(code(() => fixedIpCeAddress('203.0.113.10', '::1'))).toBe('ipv4-input');
  });
});
