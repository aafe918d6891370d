import { describe, expect, it } from 'vitest';
import { rtxCases, field, PING_LOST, v6pd } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { BR, codes, dropLines, mutate, only, run, V6PLUS } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('BR_UNREACHABLE', {
  fires: [
    {
      name: 'ping6 to the v6plus BR lost every packet',
      outputs: () => ({ ...v6pd(), 'ping6 2404:9200:225:100::64': PING_LOST('2404:9200:225:100::64') }),
      check: (f) => {
        expect(f.checklist?.map((c) => c.party)).toEqual(['isp', 'vne']);
        expect(f.evidence[0]?.excerpt).toContain('3 packets transmitted, 0 packets received, 100.0% packet loss');
      },
    },
  ],
  quiet: [
    { name: 'a failed ping6 to a mistyped BR is not the underlay', outputs: () => ({ ...field(), 'ping6 2404:9200:255:100::65': PING_LOST('2404:9200:255:100::65') }) },
    { name: 'the BR answers', outputs: v6pd },
  ],
});

describe('BR_UNREACHABLE (from ping -6 <BR>)', () => {
  const failed = dropLines(mutate(V6PLUS, '3 packets transmitted, 3 received, 0% packet loss, time 2003ms\nrtt min/avg/max/mdev = 3.980', '3 packets transmitted, 0 received, 100% packet loss, time 2003ms\nrtt min/avg/max/mdev = 3.980'), new RegExp(`^64 bytes from ${BR}`));
  it('fires when the BR never answers', () => {
    const f = only(run(failed), 'BR_UNREACHABLE');
    expect(f.data).toMatchObject({ target: BR, received: 0 });
    expect(f.evidence[0]!.excerpt.join('\n')).toContain('0 received');
    expect(f.checklist?.[0]?.party).toBe('isp');
  });
  it('does not fire when a later ping to the BR got replies', () => {
    const retried = failed.replace(/root@ce:~# ping -c 3 8\.8\.8\.8/, (m) => `root@ce:~# ping6 -c 3 ${BR}\n3 packets transmitted, 3 received, 0% packet loss\n${m}`);
    expect(codes(run(retried))).not.toContain('BR_UNREACHABLE');
  });
});
