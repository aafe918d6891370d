import { inEnglish } from '../../../../shared/i18n/message.js';
import { describe, expect, it } from 'vitest';
import { buildPlan, PlanError, type PlanInput } from '../../../../shared/linux/datapath/plan.js';
import { mapeRuleset } from '../../../../shared/linux/datapath/nft-ruleset.js';
import { calculateMapE } from '../../../../shared/mape/index.js';
import type { PlanStep } from '../../../../shared/linux/datapath/step.js';
import { renderMessage } from '../../../../shared/i18n/message.js';

const GW = 'fe80::a611:bbff:fe7d:ee11';
/** Field report 003: BIGLOBE, VyOS on eth1. */
const BIGLOBE: PlanInput = { service: 'biglobe', prefix: '2404:7a82:4d02:4100::/56', wan: 'eth1', gateway: GW };

function step(steps: readonly PlanStep[], id: string): PlanStep {
  const s = steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
}

const SNAT_BLOCK = /^\t\toifname "ipoe0" meta mark (0x[0-9a-f]+) meta l4proto \{ tcp, udp, icmp \} snat ip to ([\d.]+):(\d+)-(\d+) persistent$/;

describe('linux-ce plan: MAP-E, BIGLOBE (field report 003)', () => {
  const plan = buildPlan(BIGLOBE);

  it('aims the tunnel at the BIGLOBE BR, not the DMR ::64, with encaplimit none and MTU 1460', () => {
    expect(plan.summary).toMatchObject({
      br: '2001:260:700:1::1:275',
      ce: '2404:7a82:4d02:4100:85:d10d:200:4100',
      ipv4: '133.209.13.2',
      mtu: 1460,
      tunnel: 'ipoe0',
    });
    expect(plan.script).toContain(
      'ip -6 tunnel add ipoe0 mode ip4ip6 remote 2001:260:700:1::1:275 local 2404:7a82:4d02:4100:85:d10d:200:4100 dev eth1 encaplimit none',
    );
    expect(plan.script).toContain('ip link set dev ipoe0 mtu 1460');
    expect(plan.script).not.toContain('2404:9200:225:100::64');
  });

  it('puts the CE address on the WAN as a /128 and routes the BR via the upstream router', () => {
    expect(step(plan.steps, 'ce-address').apply[0]).toBe('ip -6 addr add 2404:7a82:4d02:4100:85:d10d:200:4100/128 dev eth1');
    expect(step(plan.steps, 'br-route').apply).toContain(`ip -6 route add 2001:260:700:1::1:275/128 via ${GW} dev eth1`);
  });

  it('SNATs tcp, udp and icmp across all 15 port blocks, one rule per block with its own mark', () => {
    const rules = plan.nftRuleset.split('\n').map((l) => SNAT_BLOCK.exec(l)).filter((m) => m !== null);
    expect(rules).toHaveLength(15);
    const mape = calculateMapE(BIGLOBE.prefix);
    expect(rules.map((m) => [Number(m[3]), Number(m[4])])).toEqual(mape.portRanges);
    expect(rules.map((m) => m[1])).toEqual(mape.portRanges.map((_, i) => `0x${(0x10 + i).toString(16)}`));
    expect(new Set(rules.map((m) => m[2]))).toEqual(new Set(['133.209.13.2']));
    // The marks the SNAT rules match are exactly the ones the round robin hands out, for forwarded and local traffic.
    expect(plan.nftRuleset.match(/ct state new meta mark set numgen inc mod 15 offset 0x10/g)).toHaveLength(2);
    expect(plan.nftRuleset).toContain('type route hook output priority mangle');
    expect(plan.nftRuleset).toContain('type nat hook postrouting priority srcnat - 1;');
  });

  it('clamps the MSS and sets loose rp_filter, recording the old sysctl values', () => {
    expect(plan.nftRuleset).toContain('oifname "ipoe0" tcp flags & (syn | rst) == syn tcp option maxseg size set rt mtu');
    const rp = step(plan.steps, 'sysctl:net.ipv4.conf.all.rp_filter');
    expect(rp.apply).toEqual(['save_sysctl net.ipv4.conf.all.rp_filter', 'sysctl -qw net.ipv4.conf.all.rp_filter=2']);
    expect(rp.undo).toEqual(['restore_sysctl net.ipv4.conf.all.rp_filter']);
    expect(step(plan.steps, 'sysctl:net.ipv4.ip_forward').undo).toEqual(['restore_sysctl net.ipv4.ip_forward']);
    expect(step(plan.steps, 'tunnel').apply).toContain('sysctl -qw net.ipv4.conf.ipoe0.rp_filter=2');
  });

  it('keeps every nft rule in the one table ip ipoe_doctor, replaced atomically', () => {
    expect(plan.nftRuleset.split('\n').slice(0, 3)).toEqual(['table ip ipoe_doctor', 'delete table ip ipoe_doctor', 'table ip ipoe_doctor {']);
    expect(plan.nftRuleset.match(/^(delete )?table /gm)).toHaveLength(3);
    expect(plan.nftRuleset).not.toMatch(/^(delete )?table (?!ip ipoe_doctor)/m);
    expect(step(plan.steps, 'nft-table').undo.join('\n')).toContain('nft delete table ip ipoe_doctor');
  });

  it('verifies with a ping and a TCP connection through ipoe0', () => {
    expect(plan.verify.map((v) => v.id)).toEqual(['route', 'ping', 'tcp']);
    expect(plan.verify.find((v) => v.id === 'ping')!.command).toBe('ping -c 3 -W 2 -I ipoe0 8.8.8.8');
    expect(plan.verify.find((v) => v.id === 'tcp')!.command).toContain('--interface ipoe0 http://8.8.8.8:443/');
  });

  it('reuses the calculator snippet rather than a copy: the ruleset is the snippet table, renamed and extended', () => {
    expect(() => mapeRuleset(calculateMapE(BIGLOBE.prefix))).not.toThrow();
  });
});

describe('linux-ce plan: other services', () => {
  it('OCN Virtual Connect: 63 blocks of 16 ports, BR 2001:380:a120::9', () => {
    const plan = buildPlan({ service: 'ocn-vc', prefix: '2400:4050:1:2300::/56', wan: 'enp1s0', gateway: 'fe80::1' });
    expect(plan.summary.br).toBe('2001:380:a120::9');
    const rules = plan.nftRuleset.split('\n').filter((l) => SNAT_BLOCK.test(l));
    expect(rules).toHaveLength(63);
    expect(plan.nftRuleset).toContain('numgen inc mod 63 offset 0x10');
    expect(plan.summary.ports).toBe(1008);
  });

  it('refuses a prefix of another provider', () => {
    expect(() => buildPlan({ ...BIGLOBE, service: 'v6plus' })).toThrow(PlanError);
  });

  const FIXED: PlanInput = {
    service: 'v6plus-fixed',
    prefix: '240b:10:1:2300::/64',
    wan: 'eth1',
    gateway: 'fe80::1',
    fixedIpv4: '203.0.113.10',
    fixedIid: '::cb:71:a00:0',
    br: '2404:9200:225:100::65',
    updateUser: 'user01',
  };

  it('fixed IP: CE = prefix + notice IID, no port blocks, SNAT to the fixed IPv4', () => {
    const plan = buildPlan(FIXED);
    expect(plan.summary).toMatchObject({ ce: '240b:10:1:2300:cb:71:a00:0', ipv4: '203.0.113.10', br: '2404:9200:225:100::65', portRanges: null });
    expect(plan.nftRuleset).toContain('oifname "ipoe0" snat ip to 203.0.113.10\n');
    expect(plan.nftRuleset).not.toMatch(/meta mark|numgen|:\d+-\d+/);
    expect(plan.script).toContain('ip -6 tunnel add ipoe0 mode ip4ip6 remote 2404:9200:225:100::65 local 240b:10:1:2300:cb:71:a00:0');
  });

  it('fixed IP: notifies the update server over IPv6 from the CE address and checks the reply for 200 + OK', () => {
    const plan = buildPlan(FIXED);
    const notify = step(plan.steps, 'update-notify');
    expect(notify.kind).toBe('action');
    expect(notify.apply[0]).toMatch(/^notify_update http:\/\/fcs\.enabler\.ne\.jp\/update user user01 pass 240b:10:1:2300:cb:71:a00:0 /);
    expect(plan.script).toContain('curl -q -6 -G -sS -m 10 --interface "$5"');
    expect(plan.script).toContain('if [ "$code" = 200 ] && [ "$body" = OK ]; then');
    // The notification comes after the tunnel, address and CE are in place (the BR accepts traffic only then).
    const ids = plan.steps.map((s) => s.id);
    expect(ids.indexOf('update-notify')).toBeGreaterThan(ids.indexOf('ce-address'));
    expect(ids.at(-1)).toBe('update-notify');
  });

  it('fixed IP: the password is never in the script, only the variable that holds it', () => {
    const plan = buildPlan(FIXED);
    expect(plan.script).toContain('pass=$IPOE_UPDATE_PASS');
    expect(plan.script).toContain('/etc/ipoe-doctor/update-pass');
    // Wherever `pass=` appears it is followed by the variable's name (escaped in messages) or a format.
    for (const m of plan.script.matchAll(/pass=(.{0,20})/g)) expect(m[1]).toMatch(/^(\\?\$IPOE_UPDATE_PASS|%s|\$\{IPOE|\$\(update_pass\))/);
    expect(() => buildPlan({ ...FIXED, updateUser: undefined })).toThrow(/--update-user/);
    expect(() => buildPlan({ ...FIXED, fixedIid: undefined })).toThrow(/--fixed-iid/);
  });

  it('transix fixed IP uses its own update URL and parameter names', () => {
    const plan = buildPlan({ ...FIXED, service: 'transix-fixed', prefix: '2409:10:1:2300::/64', br: '2404:8e00::feed:100' });
    expect(step(plan.steps, 'update-notify').apply[0]).toMatch(/^notify_update http:\/\/update\.transix\.jp\/request username user01 password /);
  });

  it('DS-Lite: tunnel to the AFTR from the WAN address, 192.0.0.2/29, SNAT only to 192.0.0.2, no port blocks', () => {
    const plan = buildPlan({ service: 'transix-dslite', prefix: '2409:10:1:2300::/64', wan: 'eth1', gateway: 'fe80::1', localAddress: '2409:10:1:2300:5054:ff:fe12:3456' });
    expect(plan.summary).toMatchObject({ br: '2404:8e00::feed:100', ce: '2409:10:1:2300:5054:ff:fe12:3456', ipv4: '192.0.0.2' });
    expect(plan.steps.map((s) => s.id)).not.toContain('ce-address');
    expect(step(plan.steps, 'tunnel-ipv4').apply).toEqual(['ip -4 addr add 192.0.0.2/29 dev ipoe0']);
    expect(plan.nftRuleset).toContain('oifname "ipoe0" ip saddr != 192.0.0.2 snat ip to 192.0.0.2');
    expect(plan.nftRuleset).not.toMatch(/numgen|meta mark/);
    // The AFTR is resolved over the line's DNS when the script runs; the catalog's East address is the fallback.
    expect(plan.script).toContain('ip -6 tunnel add ipoe0 mode ip4ip6 remote $AFTR local 2409:10:1:2300:5054:ff:fe12:3456 dev eth1 encaplimit none');
    expect(plan.script).toContain("if found=$(resolve_aaaa eth1 gw.transix.jp); then");
    expect(plan.script).toContain('case "$region" in west) AFTR=2404:8e01::feed:100 ;; *) AFTR=2404:8e00::feed:100 ;; esac');
    expect(plan.sources.map(inEnglish)).toEqual([
      "AFTR gw.transix.jp: resolved over the line's DNS when the script runs on the CE; only if that fails, 2404:8e00::feed:100 (the catalog's address) is used",
      "East or West is not known (no NTT NGN DNS server or search domain seen): the fallback is the East address; the script takes West's when the host's line DNS is NTT West's",
    ]);
  });

  it('DS-Lite on an NTT West line: the West address is the fallback, and the plan says why', () => {
    const plan = buildPlan({ service: 'transix-dslite', prefix: '2409:10:1:2300::/64', wan: 'eth1', gateway: 'fe80::1', region: { region: 'west', evidence: 'the line DNS server 2001:a7ff:5f01::a is NTT West\'s' } });
    expect(plan.summary.br).toBe('2404:8e01::feed:100');
    expect(plan.script).toContain('\tregion=west\n');
    expect(inEnglish(plan.sources[1]!)).toBe("NTT West: the line DNS server 2001:a7ff:5f01::a is NTT West's");
  });

  it('DS-Lite with the AFTR the line DNS gave while planning: that address, and the script still resolves it', () => {
    const plan = buildPlan({ service: 'xpass', prefix: '2409:10:1:2300::/64', wan: 'eth1', gateway: 'fe80::1', aftrSeen: { name: 'dgw.xpass.jp', address: '2001:db8:af7e::2', server: '2001:db8:53::53' }, lineDns: ['2001:db8:53::53'] });
    expect(plan.summary.br).toBe('2001:db8:af7e::2');
    expect(plan.script).toContain("LINE_DNS_KNOWN='2001:db8:53::53 2404:1a8:7f01:a::3");
    expect(inEnglish(plan.sources[0]!)).toContain('AFTR dgw.xpass.jp is 2001:db8:af7e::2 on this line: the line\'s DNS (2001:db8:53::53) said so while planning');
  });

  it('v6 Connect needs no --br: its AFTR name is resolved on the CE, and without an address the script stops with the reason', () => {
    const plan = buildPlan({ service: 'v6connect', prefix: '2409:10:1:2300::/64', wan: 'eth1', gateway: 'fe80::1' });
    expect(plan.summary.br).toBe('dslite.v6connect.net');
    expect(plan.script).toContain('fail "AFTR dslite.v6connect.net did not resolve over the line\'s DNS, and no address for it is known: give the AFTR address (--br)"');
  });

  it('rejects names that would be unsafe in a script', () => {
    expect(() => buildPlan({ ...BIGLOBE, wan: 'eth1; rm -rf /' })).toThrow(PlanError);
    expect(() => buildPlan({ ...BIGLOBE, gateway: 'not-an-address' })).toThrow(PlanError);
  });
});

describe('the upstream router (gateway) field', () => {
  const detail = (gateway: string): string => {
    try {
      buildPlan({ ...BIGLOBE, gateway });
    } catch (err) {
      if (err instanceof PlanError && err.detail) return renderMessage('ja', err.detail, 'app');
      throw err;
    }
    return '';
  };

  it('takes any unicast address a host routes through: link-local, a ULA such as fd00::1, a global one', () => {
    expect(buildPlan({ ...BIGLOBE, gateway: 'fd00::1' }).summary.gateway).toBe('fd00::1');
    expect(buildPlan({ ...BIGLOBE, gateway: 'fe80::1%eth1' }).summary.gateway).toBe('fe80::1');
    expect(buildPlan({ ...BIGLOBE, gateway: '2001:db8::1' }).summary.gateway).toBe('2001:db8::1');
  });

  it('refuses multicast, :: and prefixes with advice that fits a gateway, and no CLI flag in the app', () => {
    for (const bad of ['ff02::2', '::']) {
      const text = detail(bad);
      expect(text).toContain(`「${bad}」はゲートウェイのアドレスとして使えません`);
      expect(text).not.toMatch(/グローバル|--/);
    }
    expect(detail('2001:db8::/64')).toContain('プレフィックス 2001:db8::/64 ではなく');
    // Text that is no address keeps the parser's own explanation, which names no global prefix either.
    expect(detail('zz')).not.toMatch(/グローバル|--/);
  });
});
