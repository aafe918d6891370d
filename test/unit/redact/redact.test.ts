import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MASK, Redactor } from '../../../shared/redact/redact.js';

const twinConfig = readFileSync(join(import.meta.dirname, '..', '..', '..', 'main', 'simulator', 'scenarios', 'fixed-ip-br-typo', 'config.txt'), 'utf8');

describe('redaction', () => {
  it('masks config secrets by syntax even when the app never saw them', () => {
    const r = new Redactor().redact(
      [
        'login password Sekr1t!',
        'administrator password encrypted 0a1b2c3d',
        'login user admin Adm1nPass',
        'pp select 1',
        ' pp auth myname user@isp.ne.jp PppPass99',
        'ipsec ike pre-shared-key 1 text VpnKey123',
        'snmp community read-only PublicSecret',
        'ip lan1 address 192.168.100.1/24',
      ].join('\n'),
    );
    for (const s of ['Sekr1t!', '0a1b2c3d', 'Adm1nPass', 'PppPass99', 'VpnKey123', 'PublicSecret']) expect(r.text).not.toContain(s);
    expect(r.text).toContain('login user admin ' + MASK);
    expect(r.text).toContain(' pp auth myname user@isp.ne.jp ' + MASK);
    expect(r.text).toContain('ip lan1 address 192.168.100.1/24');
  });

  it('masks the update-server user and password inside embedded Lua, and in URLs', () => {
    const r = new Redactor().redact(twinConfig);
    expect(r.text).not.toContain('kamome-fixed-4471');
    expect(r.text).not.toContain('Upd8-Secret-x93');
    expect(r.text).toContain('UPD_SV = "http://fcs.enabler.ne.jp/update"');
    const url = new Redactor().redact('GET http://fcs.enabler.ne.jp/update?user=abc123&pass=p4ssw0rd and https://u1:pw2@update.transix.jp/request?username=x9&password=y8');
    for (const s of ['abc123', 'p4ssw0rd', 'u1:', 'pw2', 'x9', 'y8']) expect(url.text).not.toContain(s);
    expect(url.text).toContain('fcs.enabler.ne.jp/update?user=');
  });

  it('redacting JSON text keeps it JSON, and a format placeholder is no secret', () => {
    const json = JSON.stringify({ line: 'UPD_QUERY = "user=%s&pass=%s"', url: 'http://x.example/update?user=alice&pass=p4ss' });
    const r = new Redactor().redact(json);
    const back = JSON.parse(r.text) as { line: string; url: string };
    expect(back.line).toBe('UPD_QUERY = "user=%s&pass=%s"');
    expect(back.url).not.toContain('alice');
    expect(back.url).not.toContain('p4ss');
  });

  it('masks every secret the app was given wherever it appears, and keeps the shape of structured data', () => {
    const red = new Redactor(['rtx-login-9Qm2', 'rtx-admin-7Hk4', 'ab']);
    const finding = { code: 'X', evidence: [{ command: 'show log', excerpt: ['sent rtx-login-9Qm2 by mistake', 'ab is too short to mask'] }] };
    const out = red.redactDeep(finding);
    expect(JSON.stringify(out)).not.toContain('rtx-login-9Qm2');
    expect(out.evidence[0]!.excerpt[1]).toBe('ab is too short to mask');
  });
});
