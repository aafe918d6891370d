import { describe, expect, it } from 'vitest';
import { rtxCases, edit, transix } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, ctxOf, detectOn, DSLITE, run } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('AFTR_NAME_UNRESOLVED', {
  fires: [
    {
      name: 'ping6 gw.transix.jp cannot resolve (synthetic error text)',
      outputs: () => ({ ...edit(transix(), 'show config', 'dns server dhcp lan2\n', ''), 'ping6 gw.transix.jp': 'Error: Failed to resolve host name gw.transix.jp\n' }),
      check: (f) => {
        expect(f.fix?.commands).toEqual(['dns server dhcp lan2']);
        expect(f.fix?.inverse).toEqual(['no dns server dhcp lan2']);
      },
    },
  ],
  quiet: [
    {
      name: 'the AFTR name resolves',
      outputs: () => ({ ...transix(), 'ping6 gw.transix.jp': 'received from 2404:8e00::feed:100: icmp_seq=0 hlim=58 time=5.1ms\n\n1 packets transmitted, 1 packets received, 0.0% packet loss\n' }),
    },
  ],
});

describe('AFTR_NAME_UNRESOLVED on a Linux CE', () => {
  it('fires when a ping of gw.transix.jp cannot resolve the name', () => {
    const text = DSLITE.replace(/root@ce:~# ping -c 3 8\.8\.8\.8/, (m) => `root@ce:~# ping -6 -c 3 gw.transix.jp\nping: gw.transix.jp: Name or service not known\n${m}`);
    const f = detectOn('AFTR_NAME_UNRESOLVED', ctxOf(text));
    expect(codes(f)).toEqual(['AFTR_NAME_UNRESOLVED']);
    expect(f[0]!.explanation.en).toContain('2404:8e00::feed:100');
    // Wired into the engine through the definition as well.
    expect(codes(run(text))).toContain('AFTR_NAME_UNRESOLVED');
  });
  it('does not fire when dig got an AAAA answer', () => {
    const text = DSLITE.replace(/root@ce:~# ping -c 3 8\.8\.8\.8/, (m) => `root@ce:~# dig AAAA gw.transix.jp\n;; ANSWER SECTION:\ngw.transix.jp.\t\t300\tIN\tAAAA\t2404:8e00::feed:100\n${m}`);
    expect(detectOn('AFTR_NAME_UNRESOLVED', ctxOf(text))).toEqual([]);
  });
});
