import { describe, expect, it } from 'vitest';
import { rtxCases, biglobe, edit, field, fixed, transix } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { BR, codes, DSLITE, FIXED, mutate, only, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('BR_ADDRESS_WRONG', {
  fires: [
    { name: 'field report 000: 255 typed for 225', outputs: field },
    {
      name: 'fixed IP aimed at the dynamic MAP-E BR ::64',
      outputs: () => edit(fixed(), 'show config', 'tunnel endpoint address 2404:9200:225:100::65', 'tunnel endpoint address 2404:9200:225:100::64'),
      check: (f) => expect(f.explanation.en).toContain('dynamic-IP (MAP-E) BR'),
    },
    {
      name: 'BIGLOBE tunnel that ended up at the v6plus DMR ::64',
      outputs: () => edit(biglobe(), 'show status tunnel 1', 'Remote endpoint address: 2001:260:700:1::1:275', 'Remote endpoint address: 2404:9200:225:100::64'),
      check: (f) => {
        expect(f.explanation.en).toContain('2001:260:700:1::1:275');
        expect(f.explanation.en).toContain('east :275, west :276');
        expect(f.checklist?.map((c) => c.party)).toEqual(['vendor', 'vne']);
        expect(f.fix).toBeUndefined();
      },
    },
    {
      name: 'DS-Lite AFTR name typo',
      outputs: () => edit(transix(), 'show config', 'gw.transix.jp', 'gw.transx.jp'),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['tunnel select 1', 'tunnel endpoint name gw.transix.jp fqdn']);
        expect(f.fix?.inverse).toEqual(['tunnel select 1', 'tunnel endpoint name gw.transx.jp fqdn']);
      },
    },
    {
      name: 'the notice gives a BR the config does not use',
      outputs: fixed,
      notice: { br: '2404:9200:225:100::66' },
      check: (f) => expect(f.data).toMatchObject({ expected: '2404:9200:225:100::66', source: 'notice' }),
    },
  ],
  quiet: [
    {
      name: 'fixed IP with a BR far from the public one and no notice: the contract may say so',
      outputs: () => edit(fixed(), 'show config', 'tunnel endpoint address 2404:9200:225:100::65', 'tunnel endpoint address 2404:9200:1:2::5'),
    },
    { name: 'transix West AFTR by address', outputs: () => edit(transix(), 'show config', 'tunnel endpoint name gw.transix.jp fqdn', 'tunnel endpoint address 2404:8e01::feed:100') },
    { name: 'transix fixed IP: the catalog BR is only a sample', outputs: fixed, notice: { serviceId: 'transix-fixed' } },
  ],
});

describe('BR_ADDRESS_WRONG', () => {
  it('fires on a typo in the BR (255 for 225) and names the right one', () => {
    const r = run(mutate(V6PLUS, BR, '2404:9200:255:100::64'));
    const f = only(r, 'BR_ADDRESS_WRONG');
    expect(f.data).toMatchObject({ expected: BR, configured: '2404:9200:255:100::64' });
    expect(f.fix?.commands).toEqual([`ip -6 tunnel change mape remote ${BR}`]);
  });
  it('fires on fixed IP pointed at the dynamic MAP-E BR when the notice says fixed IP', () => {
    const r = run(mutate(FIXED, '2404:9200:225:100::65', BR), { serviceId: 'v6plus-fixed' });
    expect(only(r, 'BR_ADDRESS_WRONG').data).toMatchObject({ expected: '2404:9200:225:100::65' });
  });
  it('does not fire on the other transix AFTR (west)', () => {
    expect(codes(run(mutate(DSLITE, '2404:8e00::feed:100', '2404:8e01::feed:100')))).not.toContain('BR_ADDRESS_WRONG');
  });
  it('does not fire when the remote is written differently but is the same address', () => {
    expect(codes(run(mutate(V6PLUS, `remote ${BR} local`, 'remote 2404:9200:0225:0100:0:0:0:64 local')))).not.toContain('BR_ADDRESS_WRONG');
  });
});
