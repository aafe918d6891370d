/**
 * The provider's own provisioning (HB46PP) in the lab: a v6plus line whose provisioning server (https, the lab CA,
 * t=b) answers a MAP rule and a BR that differ from the catalog's, and a BR that only accepts the provider's values.
 * The plan uses them and says so; apply passes the strict BR; the token comes back on the next request; a CE aimed
 * at the catalog's BR is named wrong against the provider's own value; every failure the client knows (NXDOMAIN, an
 * untrusted certificate, 403, 404, order: [], auth: bad, malformed JSON, no answer, endless redirects) is provoked on
 * the CE's own tools (busybox nslookup, curl) and each falls back to the catalog with its reason; with the server
 * gone, `linux-ce plan` falls back and says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { LAB_LINE, LAB_TOPOLOGY, labAvailable, repoRoot, startLab, type Lab } from '../lab/lab.js';
import { inEnglish } from '../../shared/i18n/message.js';
import { buildPlan } from '../../shared/linux/datapath/plan.js';
import { lookupProvisioning } from '../../main/provisioning/hb46pp-client.js';
import { shellProvisioningIo } from '../../main/provisioning/io-shell.js';
import { linuxCe } from './cli.js';
import { missing } from '../support/real-parts.js';

const T = LAB_TOPOLOGY;
const INET = `${T.inetHost}:80`;
const TOKEN = 'd'.repeat(64);
/** The provider's answer: the v6plus rule shape, another IPv4 prefix, a BR in no catalog. */
const PROVIDER = {
  ttl: 3600, token: TOKEN, enabler_name: 'lab VNE', order: ['map_e'],
  map_e: { br: '2001:db8:b0::64', rules: [{ ipv6: '240b:12::/31', ipv4: '198.18.0.0/15', ea_length: 25, psid_offset: 4 }] },
};
const CATALOG_BR = '2404:9200:225:100::64';

describe.skipIf(missing('qemu', labAvailable()))("HB46PP in the lab: the provider's own MAP rule and BR", () => {
  let lab: Lab;
  let catalog: { ipv4: string; br: string };
  beforeAll(async () => {
    lab = await startLab({ service: 'v6plus', hb46pp: PROVIDER, ra: true });
    catalog = JSON.parse(execFileSync(process.execPath, [join(repoRoot, 'bin', 'ipoe-doctor.mjs'), 'calc', lab.params.prefix, '--json'], { env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1' }, encoding: 'utf8' })) as { ipv4: string; br: string };
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it("plan uses the provider's rule and BR, which differ from the catalog's, and says so", async () => {
    expect(lab.params).toMatchObject({ ipv4: '198.19.26.101', psid: 161, br: '2001:db8:b0::64' });
    expect(catalog).toMatchObject({ ipv4: '14.9.26.101', br: CATALOG_BR });
    const r = await linuxCe(lab, ['plan', '--service', 'v6plus', '--verify-host', INET]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain(`  tunnel ipoe0 → 2001:db8:b0::64, local (CE) ${lab.params.ceAddress}, MTU 1460`);
    expect(r.stdout).toContain('  IPv4 198.19.26.101, 240 ports in 15 blocks');
    expect(r.stdout).toContain(`  source: MAP rule 240b:12::/31 → 198.18.0.0/15 and BR 2001:db8:b0::64: the provider's own values, from its provisioning server (${LAB_LINE.provisioning}, HB46PP)`);
    // The request left the CE over the line, with the CPE's identity (the server logs the peer and the query).
    const req = (await lab.hb46pp.requests()).trim().split('\n').pop()!;
    // (the peer as socat prints it: 240b:0013:1a65:a100:5054:00ff:fe12:3401, the CE's SLAAC address on the WAN)
    expect(req).toContain('5054:00ff:fe12:3401]');
    expect(req).toMatch(/ ok GET \/cpe\/v1\/config\?vendorid=acde48-ipoe_doctor&product=IPoE-Doctor&version=\d+_\d+_\d+&capability=map_e%2Cdslite%2Cipip$/);
  });

  it('apply passes the BR that only knows the provider\'s values; the token comes back on the next request', async () => {
    const before = await lab.brCounters();
    const r = await linuxCe(lab, ['apply', '--service', 'v6plus', '--verify-host', INET, '--yes']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const http = await lab.lanHttpGet('/');
    const m = /you are ([\d.]+):(\d+)/.exec(http.body);
    expect(m?.[1], http.output).toBe('198.19.26.101');
    expect(lab.params.portRanges.some(([a, b]) => Number(m?.[2]) >= a && Number(m?.[2]) <= b)).toBe(true);
    const after = await lab.brCounters();
    for (const d of ['dstopt_drop', 'wrong_source_drop', 'wrong_ipv4_drop', 'port_drop', 'icmp_id_drop']) expect((after[d]?.packets ?? 0) - (before[d]?.packets ?? 0), d).toBe(0);
    const again = await linuxCe(lab, ['plan', '--service', 'v6plus']);
    expect(again.code).toBe(0);
    expect((await lab.hb46pp.requests()).trim().split('\n').pop()).toContain(`&token=${TOKEN}`);
  });

  it("a CE aimed at the catalog's BR: diagnose names the provider's own value", async () => {
    expect((await linuxCe(lab, ['rollback'])).code).toBe(0);
    const wrong = await linuxCe(lab, ['apply', '--service', 'v6plus', '--no-provisioning', '--verify-host', INET, '--yes']);
    expect(wrong.stdout).toContain(`tunnel ipoe0 → ${CATALOG_BR}`);
    expect(wrong.code).toBe(1);
    const d = await linuxCe(lab, ['diagnose', '--service', 'v6plus', '--json']);
    const f = (JSON.parse(d.stdout) as { findings: { code: string; data: Record<string, unknown> }[] }).findings.find((x) => x.code === 'BR_ADDRESS_WRONG');
    expect(f?.data, d.stdout).toMatchObject({ configured: CATALOG_BR, expected: '2001:db8:b0::64', source: 'provisioning' });
    const text = await linuxCe(lab, ['diagnose', '--service', 'v6plus']);
    expect(text.stdout).toContain(`(the provider's own value, from its provisioning server ${LAB_LINE.provisioning}, HB46PP)`);
    expect((await linuxCe(lab, ['rollback'])).code).toBe(0);
  });

  describe('each failure has its meaning, and the plan falls back to the catalog saying so', () => {
    const look = (timeoutMs = 10_000) => lookupProvisioning(shellProvisioningIo((c, o) => lab.exec(c, o), 'eth1'), { timeoutMs, wan: 'eth1' });
    const planWith = (record: Awaited<ReturnType<typeof look>>) =>
      buildPlan({ service: 'v6plus', prefix: lab.params.prefix64, wan: 'eth1', gateway: T.ngnGateway, provisioning: record });

    it.each([
      ['403', 'source-unknown', /the provisioning server answered HTTP 403 \(https:\/\/prov\.lab\/cpe\/v1\/config\): it does not know this line's address/],
      ['404', 'source-unknown', /answered HTTP 404/],
      ['empty', 'nothing-offered', /offers nothing to this line \("order": \[\]\)/],
      ['authbad', 'auth-bad', /refused the user\/password \("auth": "bad"\) and offers nothing/],
      ['malformed', 'malformed', /not what the HB46PP spec says: not JSON/],
      ['slow', 'timeout', /did not answer within 3 s/],
      ['loop', 'too-many-redirects', /redirected more than 5 times/],
    ] as const)('server mode %s → %s', async (mode, code, said) => {
      await lab.hb46pp.mode(mode);
      const record = await look(3000);
      expect(record.failure?.code).toBe(code);
      const plan = planWith(record);
      expect(plan.summary).toMatchObject({ br: CATALOG_BR, ipv4: '14.9.26.101' });
      const text = inEnglish(plan.sources[0]!);
      expect(text).toMatch(/^the provider's provisioning \(HB46PP\) could not be used \(.*\): the catalog's values are used instead$/);
      expect(text).toMatch(said);
      await lab.hb46pp.mode('ok');
    });

    it('NXDOMAIN: the line publishes no provisioning server (retry in 1–3 h)', async () => {
      await lab.lineDns(false);
      try {
        const record = await look();
        expect(record.failure?.code).toBe('no-provisioning');
        expect(record.retryAfterSeconds).toEqual([3600, 10800]);
        expect(inEnglish(planWith(record).sources[0]!)).toContain(`the line's DNS (${LAB_LINE.dns}) says there is no provisioning record for 4over6.info (NXDOMAIN)`);
      } finally {
        await lab.lineDns(true);
      }
      expect((await look()).answer?.token).toBe(TOKEN);
    });

    it('t=b and a certificate the CE does not trust: certificate', async () => {
      await lab.exec('mv /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt.lab && : >/etc/ssl/certs/ca-certificates.crt');
      try {
        const record = await look();
        expect(record.failure?.code, JSON.stringify(record.failure)).toBe('certificate');
        expect(inEnglish(planWith(record).sources[0]!)).toContain("the provisioning server's certificate could not be verified (t=b asks for it)");
      } finally {
        await lab.exec('mv /etc/ssl/certs/ca-certificates.crt.lab /etc/ssl/certs/ca-certificates.crt');
      }
    });

    it('with the server gone, linux-ce plan falls back to the catalog and says why', async () => {
      await lab.hb46pp.stop();
      const r = await linuxCe(lab, ['plan', '--service', 'v6plus', '--verify-host', INET]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`  tunnel ipoe0 → ${CATALOG_BR}`);
      expect(r.stdout).toContain('  IPv4 14.9.26.101, 240 ports in 15 blocks');
      expect(r.stdout).toMatch(/ {2}source: the provider's provisioning \(HB46PP\) could not be used \(the provisioning server could not be reached: .*\(https:\/\/prov\.lab\/cpe\/v1\/config\)\): the catalog's values are used instead/);
    });
  });
});
