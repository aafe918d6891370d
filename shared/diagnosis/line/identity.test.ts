/** The line identity: service, prefix, expected BR/CE and fixed-IP facts, from what the CE shows and the notice. */
import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import { diagnose } from '../engine.js';
import type { ContractNotice } from '../input.js';
import { edit, loadCase, transcriptInput, type Outputs } from '../../../test/unit/diagnosis/rtx/fixtures.js';
import { ctxOf, fixture } from '../../../test/unit/diagnosis/linux/helpers.js';

const identify = (outputs: Outputs, notice?: ContractNotice) => createContext(transcriptInput(outputs, notice)).line;

const DSLITE = (endpoint: string) => `tunnel select 1
 tunnel encapsulation ipip
 tunnel endpoint name ${endpoint} fqdn
 tunnel enable 1
ip route default gateway tunnel 1
`;

describe('the line identity of an RTX', () => {
  it('transix fixed IP from update.transix.jp in the config', () => {
    const cfg = (loadCase('healthy-v6plus-fixed-rtx1300')['show config'] ?? '').replace('http://fcs.enabler.ne.jp/update', 'http://update.transix.jp/request');
    const s = identify({ 'show config': cfg });
    expect(s.service?.id).toBe('transix-fixed');
    // The transix BR is per contract: no catalog fallback to aim at.
    expect(s.br?.address).toBeNull();
    expect(s.br?.name).toBeNull();
  });

  it.each([
    ['gw.transix.jp', 'transix-dslite'],
    ['dgw.xpass.jp', 'xpass'],
    ['dslite.v6connect.net', 'v6connect'],
  ])('DS-Lite by AFTR name %s', (name, id) => {
    const s = identify({ 'show config': DSLITE(name) });
    expect(s.service?.id).toBe(id);
    expect(s.br?.name).toBe(name);
  });

  it('MAP-E type without a prefix: ocn → OCN Virtual Connect with its single BR', () => {
    const cfg = 'tunnel select 1\n tunnel encapsulation map-e\n tunnel map-e type ocn\n tunnel enable 1\n';
    const s = identify({ 'show config': cfg });
    expect(s.service?.id).toBe('ocn-vc');
    expect(s.mape).toBeNull();
    expect(s.br).toMatchObject({ address: '2001:380:a120::9', source: 'catalog' });
  });

  it('the prefix decides the provider under map-e type v6plus (BIGLOBE east → :275)', () => {
    const s = identify(loadCase('healthy-biglobe-rtx830'));
    expect(s.service?.id).toBe('biglobe');
    expect(s.br?.address).toBe('2001:260:700:1::1:275');
    expect(s.prefix?.origin).toBe('ipv6-address');
    expect(s.prefix?.source).toBe('show');
  });

  it('takes the prefix from show ipv6 route, then the log, when nothing better was run', () => {
    const route = 'Destination              Gateway                  Interface  Type\n240b:11:b901:1800::/64   -                        LAN1       implicit\n';
    expect(identify({ 'show ipv6 route': route }).prefix).toMatchObject({ value: '240b:11:b901:1800::/64', origin: 'ipv6-route' });
    const s = identify({ 'show log': loadCase('field-000')['show log'] ?? '' });
    expect(s.prefix).toMatchObject({ value: '240b:11:b901:1800::/64', origin: 'log' });
    expect(s.prefix?.evidence[0]?.excerpt[0]).toContain('by DHCPv6');
    expect(s.service?.id).toBe('v6plus');
  });

  it('fixed IP: CE = /64 of subnet 0 + the interface ID from the config, fixed IPv4 from the NAT', () => {
    const s = identify(loadCase('field-000'));
    expect(s.service?.id).toBe('v6plus-fixed');
    expect(s.encapsulation).toBe('ipip');
    expect(s.interfaceId).toMatchObject({ value: '::1b:5936:1800:0', source: 'config' });
    expect(s.fixedIpv4).toMatchObject({ value: '27.89.54.24', source: 'config' });
    expect(s.ce).toMatchObject({ value: '240b:11:b901:1800:1b:5936:1800:0', source: 'config' });
    expect(s.br).toMatchObject({ address: '2404:9200:225:100::65', source: 'catalog', obviousOnly: true });
    // Every config fact points at its lines.
    expect(s.fixedIpv4?.evidence[0]?.command).toBe('show config');
    expect(s.interfaceId?.evidence[0]?.excerpt.join('\n')).toContain('dhcp-prefix@lan2::1b:5936:1800:0');
  });

  it('the notice wins: service, BR, interface ID and fixed IPv4', () => {
    const s = identify(loadCase('field-000'), { serviceId: 'v6plus-fixed', br: '2404:9200:225:100::66', interfaceId: '1b:5936:1800:1', fixedIpv4: '27.89.54.30' });
    expect(s.br).toMatchObject({ address: '2404:9200:225:100::66', source: 'notice', complete: true });
    expect(s.ce).toEqual({ value: '240b:11:b901:1800:1b:5936:1800:1', source: 'notice', evidence: s.prefix?.evidence });
    expect(s.fixedIpv4).toEqual({ value: '27.89.54.30', source: 'notice', evidence: [] });
    expect(s.serviceSource).toBe('notice');
    expect(s.reasons.join(' ')).toContain('notice');
  });

  it('ignores a placeholder prefix, with a note that says it was hidden', () => {
    const ctx = createContext(transcriptInput(edit(loadCase('field-000'), 'show status ipv6 dhcp', '240b:11:b901:1800::/56', '(DHCPで降ってきた？IPv6アドレス)/56')));
    expect(ctx.line.prefix?.origin).toBe('log');
    // A placeholder is redacted, never an address: the note says so rather than calling it a bad prefix.
    expect(ctx.notes.join('\n')).toContain('hidden behind a placeholder ((DHCPで降ってきた？IPv6アドレス)/56)');
  });

  it('still calls a real non-global prefix what it is', () => {
    const ctx = createContext(transcriptInput(edit(loadCase('field-000'), 'show status ipv6 dhcp', '240b:11:b901:1800::/56', 'fe80::/56')));
    expect(ctx.line.prefix?.origin).toBe('log');
    expect(ctx.notes.join('\n')).toContain('(fe80::/56) is not a global IPv6 prefix');
  });

  it('summarizes for the JSON contract', () => {
    expect(diagnose(transcriptInput(loadCase('healthy-ocn-rtx1300'))).service).toEqual({
      id: 'ocn-vc',
      provider: 'OCN Virtual Connect',
      prefix: '2400:4050:2a1:5600::/56',
      ceAddress: '2400:4050:2a1:5600:99:f00a:8500:1600',
      br: '2001:380:a120::9',
    });
  });

  it('knows nothing without outputs or notice', () => {
    const s = identify({});
    expect([s.service, s.prefix, s.br, s.ce, s.fixedIpv4, s.interfaceId, s.mape]).toEqual(Array(7).fill(null));
    expect(diagnose(transcriptInput({})).service).toBeNull();
    expect(diagnose({ platform: 'linux', source: 'live', outputs: [] }).service).toBeNull();
  });
});

describe('the line identity of a Linux/VyOS CE', () => {
  it.each([
    ['healthy-v6plus-nft.txt', 'v6plus', '2404:9200:225:100::64', 240],
    ['healthy-biglobe-nft-map.txt', 'biglobe', '2001:260:700:1::1:276', 240],
    ['healthy-ocn-nft.txt', 'ocn-vc', '2001:380:a120::9', 1008],
  ] as const)('%s is identified as %s with BR %s and %i ports', (name, id, br, ports) => {
    const s = ctxOf(fixture(name)).line;
    expect(s.service?.id).toBe(id);
    expect(s.br?.addresses[0]).toBe(br);
    expect(s.mape?.ports).toBe(ports);
    expect(s.portSet?.value).toHaveLength(ports / 16);
    // The prefix comes from the WAN's own address, not from the tunnel being judged.
    expect(s.prefix?.origin).toBe('wan-address');
  });

  it('tells v6plus fixed IP from v6plus MAP-E on the same prefix by the tunnel remote', () => {
    const s = ctxOf(fixture('healthy-v6plus-fixed-ipip.txt')).line;
    expect(s.service?.id).toBe('v6plus-fixed');
    expect(s.encapsulation).toBe('ipip');
    expect(s.mape).toBeNull();
  });

  it('recognises transix DS-Lite by its AFTR (no MAP-E rule covers the prefix)', () => {
    const s = ctxOf(fixture('healthy-transix-dslite.txt')).line;
    expect(s.service?.id).toBe('transix-dslite');
    expect(s.encapsulation).toBe('ds-lite');
  });

  it('the notice wins: its BR is the whole truth, its fixed IPv4 and update credentials are the contract', () => {
    const s = ctxOf(fixture('healthy-v6plus-fixed-ipip.txt'), {
      serviceId: 'v6plus-fixed',
      br: '2404:9200:225:100::66',
      fixedIpv4: ' 203.0.113.10 ',
      interfaceId: '::cb:71:a00:0',
      updateUser: 'u12345',
      updatePassword: 's3cretXY',
    }).line;
    expect(s.br).toMatchObject({ address: '2404:9200:225:100::66', addresses: ['2404:9200:225:100::66'], complete: true, source: 'notice' });
    expect(s.fixedIpv4).toEqual({ value: '203.0.113.10', source: 'notice', evidence: [] });
    expect(s.ce?.value).toBe('240b:11:b901:1800:cb:71:a00:0');
    expect(s.update).toEqual({ user: 'u12345', password: 's3cretXY' });
    // The secrets stay in the identity: the summary the report and --json carry never holds them.
    expect(JSON.stringify(diagnose({ ...ctxOf(fixture('healthy-v6plus-fixed-ipip.txt')).input, notice: { updateUser: 'u12345', updatePassword: 's3cretXY' } }))).not.toMatch(/u12345|s3cretXY/);
  });
});
