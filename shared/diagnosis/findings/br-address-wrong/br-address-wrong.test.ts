import { describe, expect, it } from 'vitest';
import { rtxCases, biglobe, edit, field, fixed, transix } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { BR, codes, DSLITE, FIXED, mutate, only, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';
import { diagnose } from '../../engine.js';
import { createContext } from '../../context.js';
import { parseAnswer, parseTxtRecords, provisioningRecord, type ProvisioningRecord } from '../../../provisioning/index.js';
import { transcriptInput } from '../../../../test/unit/diagnosis/rtx/fixtures.js';
import { input } from '../../../../test/unit/diagnosis/linux/helpers.js';

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

/*
 * With the provider's own HB46PP answer: its BR/AFTR is the expected one (unless the notice says otherwise), and the
 * finding names it as the provider's own value, on an RTX and on Linux.
 */
const SERVER = 'https://prov.example/cpe/v1/config';
function record(answer: object): ProvisioningRecord {
  return provisioningRecord({ dnsServer: '2404:1a8:7f01:a::3', server: parseTxtRecords([`v=v6mig-1 url=${SERVER} t=b`]), chain: [`${SERVER}?vendorid=x`], answer: parseAnswer(JSON.stringify(answer)), failure: null });
}
/** A provider whose BR differs from every public table, with the v6plus rule shape. */
const V6PLUS_PROVIDER = record({ ttl: 3600, order: ['map_e'], map_e: { br: '2001:db8:b0::64', rules: [{ ipv6: '240b:12::/31', ipv4: '198.18.0.0/15', ea_length: 25, psid_offset: 4 }] } });

describe('the line identity with the provider\'s HB46PP answer', () => {
  it("MAP-E: the provider's rule and BR replace the built-in table's (source provisioning, with the server)", () => {
    const line = createContext({ ...input(V6PLUS), provisioning: V6PLUS_PROVIDER }).line;
    expect(line.br).toMatchObject({ address: '2001:db8:b0::64', complete: true, source: 'provisioning', server: SERVER });
    expect(line.mape).toMatchObject({ ipv4: '198.19.26.101', psid: 161 });
    expect(line.reasons.at(-1)).toBe(`the provider's HB46PP answer (${SERVER}) offers map_e`);
  });
  it('the notice still wins over the provider\'s answer', () => {
    const line = createContext({ ...input(V6PLUS, { br: BR }), provisioning: V6PLUS_PROVIDER }).line;
    expect(line.br).toMatchObject({ address: BR, source: 'notice' });
  });
  it('a failed look-up changes nothing and is said in the reasons', () => {
    const failed = provisioningRecord({ dnsServer: null, server: null, chain: [], answer: null, failure: { code: 'no-provisioning', detail: { key: 'hb46pp.failure.no-provisioning' } } });
    const line = createContext({ ...input(V6PLUS), provisioning: failed }).line;
    expect(line.br).toMatchObject({ address: BR, source: 'calculator' });
    expect(line.reasons.at(-1)).toBe('HB46PP: no-provisioning, the catalog is used');
  });
});

describe('BR_ADDRESS_WRONG names the provider\'s own value', () => {
  it('Linux: a tunnel to the public table\'s BR while the provider answers another', () => {
    const f = diagnose({ ...input(V6PLUS), provisioning: V6PLUS_PROVIDER }).findings.find((x) => x.code === 'BR_ADDRESS_WRONG');
    expect(f?.data).toMatchObject({ configured: BR, expected: '2001:db8:b0::64', source: 'provisioning' });
    expect(f?.explanation.en).toContain(`is 2001:db8:b0::64 (the provider's own value, from its provisioning server ${SERVER}, HB46PP)`);
    expect(f?.explanation.ja).toContain('事業者自身のプロビジョニングサーバー');
    expect(f?.fix?.commands).toEqual(['ip -6 tunnel change mape remote 2001:db8:b0::64']);
  });
  it('RTX (BIGLOBE by address): the provider\'s BR is expected, and so named', () => {
    const provider = record({ ttl: 3600, order: ['map_e'], map_e: { br: '2001:260:700:1::1:276', rules: [{ ipv6: '2404:7a80::/29', ipv4: '133.200.0.0/13', ea_length: 25, psid_offset: 4 }] } });
    const f = diagnose({ ...transcriptInput(biglobe()), provisioning: provider }).findings.find((x) => x.code === 'BR_ADDRESS_WRONG');
    expect(f?.data).toMatchObject({ expected: '2001:260:700:1::1:276', configured: '2001:260:700:1::1:275', source: 'provisioning' });
    expect(f?.explanation.en).toContain(`the expected BR is 2001:260:700:1::1:276 (from the provider's own value, from its provisioning server (HB46PP, ${SERVER}))`);
  });
  it('RTX DS-Lite by name: any other AFTR name than the provider\'s is wrong, and says whose it is', () => {
    const provider = record({ order: ['dslite'], dslite: { aftr: 'aftr.provider.example' } });
    const f = diagnose({ ...transcriptInput(transix()), provisioning: provider }).findings.find((x) => x.code === 'BR_ADDRESS_WRONG');
    expect(f?.explanation.en).toContain(`the transix DS-Lite AFTR is aftr.provider.example (the provider's own value, from its provisioning server (HB46PP, ${SERVER}))`);
    expect(f?.fix?.commands).toEqual(['tunnel select 1', 'tunnel endpoint name aftr.provider.example fqdn']);
  });
  it('quiet when the CE already uses the provider\'s value', () => {
    const sameAsCe = record({ order: ['dslite'], dslite: { aftr: 'gw.transix.jp' } });
    expect(diagnose({ ...transcriptInput(transix()), provisioning: sameAsCe }).findings.map((x) => x.code)).not.toContain('BR_ADDRESS_WRONG');
    expect(diagnose({ ...input(DSLITE), provisioning: sameAsCe }).findings.map((x) => x.code)).not.toContain('BR_ADDRESS_WRONG');
  });
});
