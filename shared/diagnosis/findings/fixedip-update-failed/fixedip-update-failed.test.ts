import { describe, expect, it } from 'vitest';
import { rtxCases, edit, fixed } from '../../../../test/unit/diagnosis/rtx/cases.js';
import { codes, FIXED, only, run } from '../../../../test/unit/diagnosis/linux/cases.js';

rtxCases('FIXEDIP_UPDATE_FAILED', {
  fires: [
    {
      name: 'the server answered NG',
      outputs: () => edit(fixed(), 'show log', '[v6plus] OK to update IPv6 address. (code=200, body=OK', '[v6plus] NG to update IPv6 address. (code=401, body=NG'),
      check: (f) => {
        expect(f.data).toMatchObject({ code: 401 });
        expect(f.checklist?.map((c) => c.party)).toEqual(['vne', 'isp']);
      },
    },
    {
      name: 'the server could not be reached',
      outputs: () =>
        edit(
          fixed(),
          'show log',
          /2022\/12\/13 01:42:55: \[v6plus\] Notified[^\n]*\n[^\n]*\n?/,
          '2022/12/13 01:42:55: [v6plus] Failed to notify IPv6 address to the update server. (remaining retry: 2 time(s))\n2022/12/13 01:43:25: [v6plus] Failed to notify IPv6 address to the update server\n',
        ),
    },
  ],
  quiet: [
    {
      name: 'an NG followed by an OK',
      outputs: () =>
        edit(fixed(), 'show log', '2022/12/13 01:42:55: [v6plus] Notified', '2022/12/13 01:42:50: [v6plus] NG to update IPv6 address. (code=500, body=\n2022/12/13 01:42:55: [v6plus] Notified'),
    },
  ],
});

describe('FIXEDIP_UPDATE_FAILED on a Linux CE, through the engine', () => {
  const call = (command: string, body: string) => FIXED.replace(/root@ce:~# ping -c 3 8\.8\.8\.8/, (m) => `root@ce:~# ${command}\n${body}\n${m}`);
  const url = `curl -6 'http://fcs.enabler.ne.jp/update?user=u123&pass=s3cret'`;
  it('the update call did not answer OK, and neither the user ID nor the password is repeated', () => {
    const r = run(call(url, '<!DOCTYPE html><html><body>Not Found</body></html>'));
    const f = only(r, 'FIXEDIP_UPDATE_FAILED');
    expect(JSON.stringify(r)).not.toContain('s3cret');
    expect(JSON.stringify(r)).not.toContain('u123');
    expect(f.explanation.en).toContain('/update');
    expect(codes(run(call(url, 'OK')))).not.toContain('FIXEDIP_UPDATE_FAILED');
  });
  it('masks the notice\u2019s update credentials wherever they appear (curl -u user:password too)', () => {
    const r = run(call(`curl -6 -u u12345:s3cretXY 'http://fcs.enabler.ne.jp/update'`, 'NG'), { serviceId: 'v6plus-fixed', updateUser: 'u12345', updatePassword: 's3cretXY' });
    expect(only(r, 'FIXEDIP_UPDATE_FAILED').evidence[0]?.command).toContain('fcs.enabler.ne.jp');
    expect(JSON.stringify(r)).not.toContain('s3cretXY');
    expect(JSON.stringify(r)).not.toContain('u12345');
  });
});
