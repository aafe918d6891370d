/**
 * `linux-ce diagnose`: the diagnosis of an existing Linux (or VyOS) CE shares its rules with the diagnosis
 * issue. This gathers, over the shell, exactly the commands the Linux rules say they need (ALL_RULES
 * needs.linux), plus IPv6 pings to the BRs so BR_UNREACHABLE can speak, and runs the engine on them.
 */
import { diagnose, type DiagnosisResult } from '../../shared/diagnosis/engine.js';
import type { CommandOutput, ContractNotice } from '../../shared/diagnosis/input.js';
import { needCommand } from '../../shared/diagnosis/read.js';
import { ALL_RULES } from '../../shared/diagnosis/registry.js';
import { LINUX_COMMANDS } from '../../shared/diagnosis/linux/common.js';
import { parseIpTunnelText } from '../../shared/linux/index.js';
import { calculateMapE } from '../../shared/mape/index.js';
import { serviceById } from '../../shared/services/index.js';
import { shq } from '../../shared/linux/datapath/sh.js';
import type { Target } from './target.js';
import type { ProvisioningRecord } from '../../shared/provisioning/index.js';

/** Commands that need root to show anything. */
const ROOT_ONLY = /^nft /;
const VYOS_ONLY = /^show configuration/;

/** What the rules declare they need, plus the Linux gather plan (LINUX_COMMANDS: rp_filter is read from it). */
export function linuxNeeds(): string[] {
  const all = [...ALL_RULES.flatMap((r) => (r.needs.linux ?? []).map(needCommand)), ...Object.values(LINUX_COMMANDS)];
  return [...new Set(all)].filter((c) => !c.includes('{')).sort();
}

export interface DiagnoseHostOptions {
  notice?: ContractNotice;
  /** The provider's HB46PP answer asked from the host (authoritative for the expected BR/AFTR). */
  provisioning?: ProvisioningRecord;
  /** The line's prefix (for the expected BR to ping). */
  prefix?: string;
  onProgress?: (command: string) => void;
}

export async function diagnoseHost(target: Target, opts: DiagnoseHostOptions = {}): Promise<{ result: DiagnosisResult; outputs: CommandOutput[] }> {
  const find = await target.run('for d in /usr/sbin /sbin /usr/bin /bin; do if [ -x "$d/ip" ] && "$d/ip" -V 2>&1 | grep -q iproute2; then echo "$d/ip"; break; fi; done');
  const ip = find.output.trim() || 'ip';
  const vyos = (await target.run('[ -x /opt/vyatta/bin/vyatta-op-cmd-wrapper ] || grep -qi "^ID=vyos" /etc/os-release 2>/dev/null')).exitCode === 0;
  const outputs: CommandOutput[] = [];
  const gather = async (label: string, command: string, root: boolean) => {
    opts.onProgress?.(label);
    const r = root ? await target.runRoot(command, { timeoutMs: 30_000 }) : await target.run(command, { timeoutMs: 30_000 });
    // Recorded under the canonical command the rules look for; the output is exactly what that command prints.
    outputs.push({ command: label, output: r.output, firstLine: 1, status: r.exitCode === 0 ? 'ok' : 'error', ...(r.exitCode === 0 ? {} : { errorText: r.output.trim().split('\n')[0] ?? '' }) });
    return r;
  };
  for (const c of linuxNeeds()) {
    if (VYOS_ONLY.test(c)) {
      if (vyos) await gather(c, `/opt/vyatta/bin/vyatta-op-cmd-wrapper ${c}`, false);
      continue;
    }
    await gather(c, c.replace(/^ip /, `${ip} `), ROOT_ONLY.test(c));
  }
  for (const br of brsToPing(outputs, opts)) await gather(`ping -6 -c 3 ${br}`, `ping -6 -c 3 -W 2 ${shq(br)}`, false);
  const result = diagnose({ platform: 'linux', source: 'live', outputs, ...(opts.notice ? { notice: opts.notice } : {}), ...(opts.provisioning ? { provisioning: opts.provisioning } : {}) });
  return { result, outputs };
}

/** The BR the line should use (when the service or prefix tells) and every configured tunnel's remote. */
function brsToPing(outputs: readonly CommandOutput[], opts: DiagnoseHostOptions): string[] {
  const brs = new Set<string>();
  if (opts.notice?.br) brs.add(opts.notice.br);
  const provided = opts.provisioning?.answer;
  if (provided?.mapE) brs.add(provided.mapE.br);
  for (const t of provided?.ipip ?? []) brs.add(t.ipv6Remote);
  if (opts.prefix) {
    try {
      const br = calculateMapE(opts.prefix).br;
      if (br && (!opts.notice?.serviceId || serviceById(opts.notice.serviceId).encapsulation.value === 'map-e')) brs.add(br);
    } catch {
      // Not a MAP-E prefix: fixed IP and DS-Lite BRs come from the notice or the tunnels.
    }
  }
  const tunnels = outputs.find((o) => o.command === 'ip -6 tunnel show' && o.status === 'ok');
  if (tunnels) {
    for (const t of parseIpTunnelText(tunnels.output).tunnels) {
      if (t.name !== 'ip6tnl0' && t.remote && t.remote !== 'any') brs.add(t.remote);
    }
  }
  return [...brs];
}
