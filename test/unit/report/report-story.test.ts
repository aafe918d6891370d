/**
 * The report tells what happened: found, changed and verified, left. After a verified fix of field report 000 the
 * summary says so, TUNNEL_NO_RX is resolved, and the VNE is no longer asked about the BR; before it, or after a
 * reverted fix, the VNE checklist names the address the tunnel really aimed at. Every table row has a label.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis/engine.js';
import { say } from '../../../shared/i18n/message.js';
import { renderMarkdown } from '../../../shared/report/render-markdown.js';
import { markdownToHtml } from '../../../shared/report/render-html.js';
import { findingOutcomes, type ApplyRecord } from '../../../shared/report/report-model.js';
import { loadCase, transcriptInput } from '../diagnosis/rtx/fixtures.js';

const diagnosis = diagnose(transcriptInput(loadCase('field-000')));
const generatedAt = new Date('2026-01-02T03:04:05Z');
const saved: ApplyRecord = {
  status: 'saved',
  fixedCodes: ['BR_ADDRESS_WRONG', 'IPV4_FILTER_LAN_MISMATCH'],
  appliedCommands: ['tunnel select 1', 'tunnel endpoint address 2404:9200:225:100::65', 'ip filter 200030 pass * 192.168.182.0/24 icmp * *'],
  checks: [{ detail: say('msg.check.tunnelRx', { tunnel: '1', before: 0, after: 3, target: '192.0.2.53', ping: say('msg.check.pingReplies', { received: 3, transmitted: 3 }) }), passed: true }],
  backupPath: '/data/backups/RTX1300.txt',
  difference: null,
};
const section = (md: string, heading: string) => md.split(/\n(?=## )/).find((s) => s.startsWith(`## ${heading}`)) ?? '';

describe('the report as a story', () => {
  it('before any fix: three problems, all open, and the VNE asked about the BR the tunnel really used', () => {
    const md = renderMarkdown({ diagnosis, generatedAt, connectionLabel: 'demo:fixed-ip-br-typo' }, 'en');
    expect(md).toContain('3 problem(s) that block IPv4 were found.');
    const vne = section(md, 'What each party must check').split('### ')[2] ?? '';
    expect(vne).toContain('VNE');
    expect(vne).toContain('reach BR 2404:9200:255:100::65');
    expect(vne).not.toContain('2404:9200:225:100::65');
    expect(md).toContain('| Connection | demo:fixed-ip-br-typo |');
  });

  it('after a verified fix: what was fixed, that nothing is left, and no party asked to check anything', () => {
    const outcomes = findingOutcomes(diagnosis.findings, saved);
    expect(Object.fromEntries(outcomes)).toEqual({ BR_ADDRESS_WRONG: 'fixed', IPV4_FILTER_LAN_MISMATCH: 'fixed', TUNNEL_NO_RX: 'resolved' });
    const md = renderMarkdown({ diagnosis, apply: saved, generatedAt }, 'en');
    const summary = section(md, 'Summary');
    expect(summary).toContain('3 of them were fixed on the router, verified, and the config was saved: `BR_ADDRESS_WRONG`, `TUNNEL_NO_RX`, `IPV4_FILTER_LAN_MISMATCH`.');
    expect(summary).toContain('Nothing is left to do.');
    expect(summary).toContain('`TUNNEL_NO_RX` Tunnel transmits but receives nothing — Resolved by the fix (verified)');
    const checklists = section(md, 'What each party must check');
    expect(checklists).not.toContain('- [ ]');
    expect(checklists.match(/Nothing left to check: the cause was on the router, and its fix was verified\./g)).toHaveLength(3);
    const ja = renderMarkdown({ diagnosis, apply: saved, generatedAt }, 'ja');
    expect(section(ja, '概要')).toContain('3 件は、ルーターで直して確認し、設定を保存しました');
    expect(ja).toContain('トンネル 1 の受信 0 → 3');
  });

  it('only part fixed: the rest is named as left, and its party still asked', () => {
    const partial: ApplyRecord = { ...saved, fixedCodes: ['IPV4_FILTER_LAN_MISMATCH'], checks: [{ detail: say('msg.check.outputShows', { command: 'show config', text: 'x' }), passed: true }] };
    const md = renderMarkdown({ diagnosis, apply: partial, generatedAt }, 'en');
    expect(section(md, 'Summary')).toContain('Still left: 2 (`BR_ADDRESS_WRONG`, `TUNNEL_NO_RX`).');
    expect(section(md, 'What each party must check')).toContain('- [ ] Do IPv4-in-IPv6 packets');
  });

  it('a reverted fix leaves every problem open and says so', () => {
    const reverted: ApplyRecord = { ...saved, status: 'reverted', checks: [{ ...saved.checks[0]!, passed: false }] };
    expect([...findingOutcomes(diagnosis.findings, reverted).values()]).toEqual(['open', 'open', 'open']);
    const md = renderMarkdown({ diagnosis, apply: reverted, generatedAt }, 'en');
    expect(section(md, 'Summary')).toContain('The fix did not pass verification and was undone');
    expect(section(md, 'What each party must check')).toContain('- [ ] Do IPv4-in-IPv6 packets');
  });

  it('every table row and column has a label in the HTML', () => {
    const html = markdownToHtml(renderMarkdown({ diagnosis, apply: saved, generatedAt, connectionLabel: '/dev/ttyUSB0 @ 9600 bit/s' }, 'ja'), 'ja', 'x');
    expect(html).toContain('<tr><th scope="col">項目</th><th scope="col">内容</th></tr>');
    expect(html).toContain('<tr><td>接続</td><td>/dev/ttyUSB0 @ 9600 bit/s</td></tr>');
    expect(html).not.toMatch(/<td><\/td>/);
  });
});
