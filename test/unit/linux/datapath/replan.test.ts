/**
 * The re-plan's arithmetic runs on the CE in POSIX sh (ce-watch.sh): here dash runs it over prefixes of every rule
 * table and the answers must be the calculator's, field for field; the nft table it writes must be the plan's,
 * byte for byte; and the watcher itself must be valid sh for each kind of service.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calculateMapE, calculateMapEWithRule, mapeRules } from '../../../../shared/mape/index.js';
import { formatIpv6 } from '../../../../shared/mape/ipv6-input.js';
import { mapeRuleset } from '../../../../shared/linux/datapath/nft-ruleset.js';
import { buildPlan } from '../../../../shared/linux/datapath/plan.js';
import { ADDRESS_FUNCTIONS, mapeNftFunction, mapeNftTemplate, replanSpecRules, rulesWords, watchScript } from '../../../../shared/linux/datapath/replan.js';
import { PLAN_CASES } from './cases.js';

function dash(script: string): string {
  return execFileSync('dash', ['-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', STATE: '/tmp' } });
}

/** A deterministic spread of prefixes under a rule: its network plus varied EA bits and subnet bits. */
function prefixesUnder(network: bigint, length: number, count: number): string[] {
  const out: string[] = [];
  let x = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < count; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    const free = (x >> BigInt(length)) & ((1n << BigInt(64 - length)) - 1n);
    const upper = (network >> 64n) | (free & ((1n << BigInt(64 - length)) - 1n));
    out.push(`${formatIpv6(upper << 64n)}/64`);
  }
  return out;
}

const PROVIDERS = ['v6plus', 'biglobe', 'ocn-vc'] as const;

describe('the re-plan arithmetic in sh is the calculator\'s', () => {
  it.each(PROVIDERS)('%s: every rule, several prefixes each: CE, IPv4, PSID, PSID length, offset', (provider) => {
    const rules = mapeRules().filter((r) => r.providerId === provider);
    // All rules of small tables; a spread of the large ones (each rule still parsed by the script itself).
    const picked = rules.length > 40 ? rules.filter((_, i) => i % Math.ceil(rules.length / 40) === 0) : rules;
    const prefixes = picked.flatMap((r) => prefixesUnder(r.ipv6Network, r.ipv6Length, 3));
    const words = rulesWords(replanSpecRules(rules));
    const out = dash(`${ADDRESS_FUNCTIONS}\nMAPE_RULES='${words}'\nfor p in ${prefixes.join(' ')}; do mape_calc "$p"; done`).trim().split('\n');
    expect(out).toHaveLength(prefixes.length);
    prefixes.forEach((p, i) => {
      const c = calculateMapE(p);
      expect(out[i], p).toBe(`${c.ceAddress} ${c.ipv4} ${c.psid} ${c.psidLength} ${c.psidOffset}`);
    });
  });

  it('RFC 7597 Appendix A example with the RFC interface ID (an HB46PP answer with map_e.version 1)', () => {
    const rule = { ipv6Prefix: '2001:db8::/40', ipv4Prefix: '192.0.2.0/24', eaLength: 16, psidOffset: 6 };
    const c = calculateMapEWithRule('2001:db8:0012:3400::/56', rule, { ifaceId: 'rfc7597' });
    const out = dash(`${ADDRESS_FUNCTIONS}\nMAPE_RULES='${rulesWords([rule])}'; MAPE_IFACE_ID=rfc7597\nmape_calc 2001:db8:12:3400::/56`).trim();
    expect(out).toBe(`${c.ceAddress} 192.0.2.18 52 8 6`);
    expect(c.ceAddress).toBe('2001:db8:12:3400:0:c000:212:34');
  });

  it('expand6 / format6 give RFC 5952 text for any address', () => {
    const samples = ['2001:db8::1', '::', '2404:9200:225:100::64', '240b:13:1a65:a100:e:91a:6500:a100', '2001:db8:0:0:1:0:0:1', 'fe80::5054:ff:fe12:3401', '2001:DB8:AAAA:BBBB:CCCC:DDDD:EEEE:FFFF', '1::'];
    const out = dash(`${ADDRESS_FUNCTIONS}\nfor a in ${samples.join(' ')}; do format6 $(expand6 "$a"); done`).trim().split('\n');
    expect(out).toEqual(samples.map((a) => formatIpv6(BigInt(`0x${expandForTest(a)}`))));
  });

  it.each(PROVIDERS)('%s: the nft table written for a new prefix is the plan\'s, byte for byte', (provider) => {
    const rules = mapeRules().filter((r) => r.providerId === provider);
    const [first, second] = prefixesUnder(rules[0]!.ipv6Network, rules[0]!.ipv6Length, 2);
    const planned = calculateMapE(first!);
    const template = mapeNftTemplate(mapeRuleset(planned), planned);
    const next = calculateMapE(second!);
    const out = dash(`${ADDRESS_FUNCTIONS}\n${mapeNftFunction(template)}\nmape_nft ${next.ipv4} ${next.psid} ${next.psidLength} ${next.psidOffset}`);
    expect(out).toBe(mapeRuleset(next));
  });
});

describe('ce-watch.sh', () => {
  it.each(['biglobe', 'v6plus-fixed', 'transix-dslite', 'transix-dslite-wan-address', 'v6connect-by-name'])('is valid sh for %s and carries the plan\'s values', (name) => {
    const plan = buildPlan(PLAN_CASES[name]!);
    const script = watchScript(plan.replan, plan.replanNft);
    execFileSync('/bin/sh', ['-n'], { input: script });
    expect(script).toContain(`CE='${plan.summary.ce}'`);
    expect(script).toContain(`IPV4='${plan.summary.ipv4}'`);
    if (plan.summary.encapsulation === 'map-e') expect(script).toContain('mape_nft() {');
    if (name === 'v6plus-fixed') expect(script).toContain('UPDATE_BASE=http://fcs.enabler.ne.jp/update');
    // The B4 on the WAN's own address: SLAAC moves it; the watcher neither adds nor removes one.
    expect(script).toContain(`ADD_CE=${name === 'transix-dslite-wan-address' ? 0 : 1}`);
  });
});

/** The 32 hex digits of an address (independent of the code under test). */
function expandForTest(a: string): string {
  const [h, t = ''] = a.toLowerCase().split('::');
  const head = h ? h.split(':') : [];
  const tail = a.includes('::') ? (t ? t.split(':') : []) : [];
  const groups = a.includes('::') ? [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail] : head;
  return groups.map((g) => g.padStart(4, '0')).join('');
}

describe('ce-watch.sh follows the new values in the files it keeps', () => {
  it('swap replaces only whole addresses (not one inside a longer one), in scripts and in JSON', () => {
    const fn = /swap\(\) \{[\s\S]*?\n\}\n/.exec(watchScript(buildPlan(PLAN_CASES['biglobe']!).replan, null))![0];
    const text = [
      'ip -6 addr add 2001:db8::a/128 dev eth1 # 2001:db8::a1 stays, x2001:db8::ab stays',
      '{"ce": "2001:db8::a", "rollbackScript": "ip -6 addr del 2001:db8::a/128\\nip -4 addr del 10.0.0.1/32"}',
      "CE='2001:db8::a'; IPV4='10.0.0.1'; other=10.0.0.10",
    ].join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'ipoe-swap-'));
    writeFileSync(join(dir, 'a'), `${text}\n`);
    const out = dash(`${fn}\nswap ${dir}/a 2001:db8::a 2001:db8:1::b > ${dir}/b; swap ${dir}/b 10.0.0.1 10.0.0.2`);
    expect(out).toBe(
      [
        'ip -6 addr add 2001:db8:1::b/128 dev eth1 # 2001:db8::a1 stays, x2001:db8::ab stays',
        '{"ce": "2001:db8:1::b", "rollbackScript": "ip -6 addr del 2001:db8:1::b/128\\nip -4 addr del 10.0.0.2/32"}',
        "CE='2001:db8:1::b'; IPV4='10.0.0.2'; other=10.0.0.10",
        '',
      ].join('\n'),
    );
  });
});
