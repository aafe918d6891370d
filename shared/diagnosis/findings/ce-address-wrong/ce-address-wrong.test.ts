import { describe, expect, it } from 'vitest';
import { rtxCases, edit, fixed, v6pd } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { CE, codes, DSLITE, FIXED, mutate, only, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('CE_ADDRESS_WRONG', {
  fires: [
    {
      name: 'fixed IP: the LAN address uses another interface ID than the notice',
      outputs: fixed,
      notice: { interfaceId: '::1b:5936:1800:1' },
      check: (f) => {
        expect(f.fix?.commands).toEqual(['ipv6 lan1 address dhcp-prefix@lan2::1b:5936:1800:1/64']);
        expect(f.fix?.inverse).toEqual(['ipv6 lan1 address dhcp-prefix@lan2::1b:5936:1800:0/64']);
        expect(f.explanation.en).toContain('240b:11:b901:1800:1b:5936:1800:1');
      },
    },
    {
      name: 'fixed IP: the CE is not in subnet 0',
      outputs: () => edit(fixed(), 'show config', 'dhcp-prefix@lan2::1b:5936:1800:0/64', 'dhcp-prefix@lan2:0:0:1:1b:5936:1800:0/64'),
      check: (f) => expect(f.explanation.en).toContain('not in subnet 0'),
    },
    {
      name: 'MAP-E: the router reports another local address',
      outputs: () => edit(v6pd(), 'show status tunnel 1', '240b:11:b901:1800:6a:49b9:100:1800', '240b:11:b901:1801:6a:49b9:100:1800'),
      check: (f) => expect(f.checklist?.[0]?.party).toBe('vendor'),
    },
    {
      name: 'an explicit local endpoint that is not the computed CE',
      outputs: () => edit(v6pd(), 'show config', ' tunnel map-e type v6plus\n', ' tunnel map-e type v6plus\n tunnel endpoint address 240b:11:b901:1800::1 2404:9200:225:100::64\n'),
      check: (f) => expect(f.fix?.commands).toEqual(['tunnel select 1', 'tunnel endpoint address 240b:11:b901:1800:6a:49b9:100:1800 2404:9200:225:100::64']),
    },
  ],
  quiet: [{ name: 'the notice agrees with the config', outputs: fixed, notice: { interfaceId: '1b:5936:1800:0' } }],
});

describe('CE_ADDRESS_WRONG', () => {
  it('fires when the tunnel local is in subnet 1 instead of 0', () => {
    const wrong = '240b:13:1a65:a101:e:91a:6500:a100';
    const r = run(mutate(V6PLUS, `local ${CE}`, `local ${wrong}`));
    const f = only(r, 'CE_ADDRESS_WRONG');
    expect(f.explanation.en).toContain(CE);
    expect(f.fix?.commands).toEqual([`ip -6 tunnel change mape local ${CE}`]);
    expect(f.fix?.inverse).toEqual([`ip -6 tunnel change mape local ${wrong}`]);
  });
  it('fires on the RFC 7597 interface ID and says so', () => {
    const rfc = '240b:13:1a65:a100:0:e09:1a65:a1';
    const f = only(run(mutate(V6PLUS, `local ${CE}`, `local ${rfc}`)), 'CE_ADDRESS_WRONG');
    expect(f.explanation.en).toContain('RFC 7597');
  });
  it('does not fire for DS-Lite, whose local is just the WAN address', () => {
    expect(codes(run(DSLITE))).not.toContain('CE_ADDRESS_WRONG');
  });
});

describe('fixed IP with the contract notice', () => {
  it('checks the tunnel local against prefix + the notice interface ID', () => {
    const r = run(FIXED, { serviceId: 'v6plus-fixed', interfaceId: '::cb:71:a00:1' });
    const f = only(r, 'CE_ADDRESS_WRONG');
    expect(f.data).toMatchObject({ expected: '240b:11:b901:1800:cb:71:a00:1', configured: '240b:11:b901:1800:cb:71:a00:0' });
    expect(codes(run(FIXED, { serviceId: 'v6plus-fixed', interfaceId: '::cb:71:a00:0' }))).not.toContain('CE_ADDRESS_WRONG');
  });
});
