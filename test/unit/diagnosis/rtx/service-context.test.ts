/** identifyService: the service, prefix and expected BR/CE from what the router shows, without asking. */
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../../shared/diagnosis/context.js';
import type { ContractNotice } from '../../../../shared/diagnosis/input.js';
import { identifyService, summarizeService } from '../../../../shared/diagnosis/service-context.js';
import { edit, loadCase, transcriptInput, type Outputs } from './fixtures.js';

const identify = (outputs: Outputs, notice?: ContractNotice) => createContext(transcriptInput(outputs, notice)).service;

const DSLITE = (endpoint: string) => `tunnel select 1
 tunnel encapsulation ipip
 tunnel endpoint name ${endpoint} fqdn
 tunnel enable 1
ip route default gateway tunnel 1
`;

describe('identifyService', () => {
  it('transix fixed IP from update.transix.jp in the config', () => {
    const cfg = (loadCase('healthy-v6plus-fixed-rtx1300')['show config'] ?? '').replace('http://fcs.enabler.ne.jp/update', 'http://update.transix.jp/request');
    const s = identify({ 'show config': cfg });
    expect(s?.id).toBe('transix-fixed');
    // The transix BR is per contract: no catalog fallback.
    expect(s?.endpoint).toBeNull();
  });

  it.each([
    ['gw.transix.jp', 'transix-dslite'],
    ['dgw.xpass.jp', 'xpass'],
    ['dslite.v6connect.net', 'v6connect'],
  ])('DS-Lite by AFTR name %s', (name, id) => {
    const s = identify({ 'show config': DSLITE(name) });
    expect(s?.id).toBe(id);
    expect(s?.endpoint?.name).toBe(name);
  });

  it('MAP-E type without a prefix: ocn → OCN Virtual Connect with its single BR', () => {
    const cfg = 'tunnel select 1\n tunnel encapsulation map-e\n tunnel map-e type ocn\n tunnel enable 1\n';
    const s = identify({ 'show config': cfg });
    expect(s).toMatchObject({ id: 'ocn-vc', mape: null, endpoint: { address: '2001:380:a120::9', source: 'catalog' } });
  });

  it('the prefix decides the provider under map-e type v6plus (BIGLOBE east → :275)', () => {
    const s = identify(loadCase('healthy-biglobe-rtx830'));
    expect(s?.id).toBe('biglobe');
    expect(s?.endpoint?.address).toBe('2001:260:700:1::1:275');
    expect(s?.prefix?.source).toBe('ipv6-address');
  });

  it('takes the prefix from show ipv6 route, then the log, when nothing better was run', () => {
    const route = 'Destination              Gateway                  Interface  Type\n240b:11:b901:1800::/64   -                        LAN1       implicit\n';
    expect(identify({ 'show ipv6 route': route })?.prefix).toMatchObject({ value: '240b:11:b901:1800::/64', source: 'ipv6-route' });
    const s = identify({ 'show log': loadCase('field-000')['show log'] ?? '' });
    expect(s?.prefix).toMatchObject({ value: '240b:11:b901:1800::/64', source: 'log' });
    expect(s?.prefix?.evidence.excerpt[0]).toContain('by DHCPv6');
    expect(s?.id).toBe('v6plus');
  });

  it('fixed IP: CE = /64 of subnet 0 + the interface ID from the config, fixed IPv4 from the NAT', () => {
    const s = identify(loadCase('field-000'));
    expect(s).toMatchObject({
      id: 'v6plus-fixed',
      encapsulation: 'ipip',
      interfaceId: { value: '::1b:5936:1800:0', source: 'config' },
      fixedIpv4: { value: '27.89.54.24', source: 'config' },
      expectedCe: { address: '240b:11:b901:1800:1b:5936:1800:0', source: 'config' },
      endpoint: { address: '2404:9200:225:100::65', source: 'catalog', obviousOnly: true },
    });
  });

  it('the notice wins: service, BR and interface ID', () => {
    const s = identify(loadCase('field-000'), { serviceId: 'v6plus-fixed', br: '2404:9200:225:100::66', interfaceId: '1b:5936:1800:1' });
    expect(s?.endpoint).toMatchObject({ address: '2404:9200:225:100::66', source: 'notice' });
    expect(s?.expectedCe).toEqual({ address: '240b:11:b901:1800:1b:5936:1800:1', source: 'notice' });
    expect(s?.reasons.join(' ')).toContain('notice');
  });

  it('ignores a placeholder prefix, with a note', () => {
    const ctx = createContext(transcriptInput(edit(loadCase('field-000'), 'show status ipv6 dhcp', '240b:11:b901:1800::/56', '(DHCPで降ってきた？IPv6アドレス)/56')));
    const s = ctx.service;
    expect(s?.prefix?.source).toBe('log');
    expect(ctx.notes.join('\n')).toContain('not a global IPv6 prefix');
  });

  it('summarizes for the JSON contract', () => {
    const s = identify(loadCase('healthy-ocn-rtx1300'));
    expect(s && summarizeService(s)).toEqual({
      id: 'ocn-vc',
      provider: 'OCN Virtual Connect',
      prefix: '2400:4050:2a1:5600::/56',
      ceAddress: '2400:4050:2a1:5600:99:f00a:8500:1600',
      br: '2001:380:a120::9',
    });
  });

  it('knows nothing without outputs or notice', () => {
    expect(identify({})).toBeNull();
    expect(identifyService(createContext({ platform: 'linux', source: 'live', outputs: [] }))).toBeNull();
  });
});
