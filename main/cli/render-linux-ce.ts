/**
 * `ipoe-doctor linux-ce` as text: the detection report, the plan, the checks. The core's texts are catalog codes
 * rendered in the CLI's wording (which may name flags) and language (English unless --lang says otherwise);
 * the frame around them is the CLI's own.
 */
import type { Language } from '../../shared/i18n/catalogs.js';
import { renderMessage, type Message } from '../../shared/i18n/message.js';
import type { DatapathPlan } from '../../shared/linux/datapath/plan.js';
import type { VerifyResult } from '../../shared/linux/datapath/verify.js';
import type { Gap, HostFacts } from '../../shared/linux/host-facts.js';

export type CliText = (m: Message) => string;

export function cliText(lang: Language): CliText {
  return (m) => renderMessage(lang, m, 'cli');
}

/** A gap as the CLI shows it: `[blocker] CODE: message` and how to close it. */
export function gapLines(g: Gap, text: CliText): [string, string] {
  return [`[${g.severity}] ${g.code}: ${text(g.message)}`, `how: ${text(g.hint)}`];
}

/** Detection's facts with every text rendered (the --json shape: a gap's message and hint are sentences). */
export function factsJson(f: HostFacts, text: CliText): Omit<HostFacts, 'gaps'> & { gaps: { code: string; severity: string; message: string; hint: string }[] } {
  return { ...f, gaps: f.gaps.map((g) => ({ code: g.code, severity: g.severity, message: text(g.message), hint: text(g.hint) })) };
}

/** Human-readable detection report. */
export function renderFacts(f: HostFacts, text: CliText): string {
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  const lines = [
    `Distribution: ${f.os?.prettyName || 'unknown'}`,
    `Kernel:       ${f.kernel ?? 'unknown'}`,
    `Root:         ${f.root ? 'yes' : `no (sudo: ${f.sudo})`}`,
    `iproute2:     ${f.iproute2 ?? 'missing'}`,
    `nft:          ${f.tools.nft ?? 'missing'}${f.nftNat === 'ok' ? ' (NAT chain accepted)' : f.nftNat === 'failed' ? ' (NAT chain refused)' : ''}`,
    `ip6tnl:       ${f.ip6tnl === 'ok' ? 'yes (tested in a throwaway namespace)' : f.ip6tnl === 'missing' ? 'NO' : 'not tested'}`,
    `systemd:      ${yes(f.systemd)}`,
    `WAN:          ${f.wan ?? 'unknown'}${f.gateway ? ` (upstream router ${f.gateway})` : ''}`,
    `IPv6 prefix:  ${f.prefix ? `${f.prefix.prefix} by ${f.prefix.source === 'pd' ? 'DHCPv6-PD' : f.prefix.source === 'ra' ? 'RA (SLAAC)' : 'static configuration'} — ${f.prefix.evidence}` : 'none found'}`,
    `DNS:          ${f.dns.length ? f.dns.join(', ') : 'none'}`,
    `Tunnels:      ${f.tunnels.length ? f.tunnels.map((t) => `${t.name} → ${t.remote ?? '?'}`).join(', ') : 'none'}`,
  ];
  if (f.gaps.length) {
    lines.push('', 'Gaps:');
    for (const g of f.gaps) {
      const [what, how] = gapLines(g, text);
      lines.push(`  ${what}`, `      ${how}`);
    }
  } else {
    lines.push('', 'Nothing is missing.');
  }
  return lines.join('\n') + '\n';
}

export function planText(plan: DatapathPlan, text: CliText): string {
  const s = plan.summary;
  const lines = [
    `Plan: ${s.serviceName} (${s.encapsulation}) on ${s.wan}, upstream router ${s.gateway}`,
    `  tunnel ${s.tunnel} → ${s.br}, local (CE) ${s.ce}, MTU ${s.mtu}`,
    `  IPv4 ${s.ipv4}${s.portRanges ? `, ${s.ports} ports in ${s.portRanges.length} blocks: ${s.portRanges.map(([a, b]) => `${a}-${b}`).join(' ')}` : ''}`,
    ...plan.sources.map((m) => `  source: ${text(m)}`),
    '  steps:',
    ...plan.steps.map((st, i) => `    ${i + 1}. ${text(st.text)}`),
    ...plan.warnings.map((w) => `  ! ${text(w)}`),
  ];
  return lines.join('\n') + '\n';
}

/**
 * The plan as --json prints it (the calculator's result left out): every step, check and warning with its text
 * rendered, beside its code.
 */
export function planJson(plan: DatapathPlan, text: CliText): object {
  // The watcher's re-plan inputs are kept in the host's state for persist; they are not part of what is shown.
  const { mape: _mape, sources, provisioning, replan: _replan, replanNft: _replanNft, ...rest } = plan;
  return {
    ...rest,
    ...(provisioning ? { provisioning } : {}),
    // Where the BR/AFTR and the rule came from (left out when nothing but the built-in tables was used).
    ...(sources.length ? { sources: sources.map(text) } : {}),
    steps: plan.steps.map(({ id, text: t, ...s }) => ({ id, description: text(t), ...s, text: t })),
    verify: plan.verify.map((v) => ({ id: v.id, description: text(v.text), command: v.command, text: v.text })),
    warnings: plan.warnings.map(text),
  };
}

export function verifyLines(results: readonly VerifyResult[], text: CliText): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(`${r.ok ? '✓' : '✗'} ${text(r.text)}\n`);
    const tail = r.output.trim().split('\n').slice(-3);
    for (const l of tail) if (l.trim()) out.push(`    ${l}\n`);
  }
  return out.join('');
}

/** Verify results as --json prints them. */
export function verifyJson(results: readonly VerifyResult[], text: CliText): object[] {
  return results.map((r) => ({ id: r.id, description: text(r.text), ok: r.ok, output: r.output }));
}
