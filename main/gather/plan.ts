import type { Rule } from '../../shared/diagnosis/rule.js';
import { canonicalCommand } from '../../shared/diagnosis/input.js';

export interface GatherStep {
  command: string;
  /** `show config` needs administrator mode on RTX. */
  needsAdmin: boolean;
  /** Typical output size, for the ETA at line speed before the real size is known. */
  expectBytes: number;
}

/** Typical sizes measured on the twin and public captures; only used for the ETA. */
const TYPICAL_BYTES: Record<string, number> = {
  'show config': 3500,
  'show environment': 650,
  'show status ipip': 520,
  'show status ipv6 dhcp': 600,
  'show ipv6 address': 700,
  'show ip route': 300,
  'show ipv6 route': 500,
  'show nat descriptor address': 600,
  'show log': 2500,
};
const ADMIN_ONLY = new Set(['show config']);

/** What the config told us, to expand per-tunnel, per-BR and per-AFTR commands (`show status tunnel {tunnel}`, `ping6 {br}`, `ping6 -c 1 {aftr}`). */
export interface PlanFacts {
  tunnels: number[];
  br: string | null;
  /** DS-Lite AFTR names to ask the router to resolve (a router with no tunnel and no known service). */
  aftrNames?: readonly string[];
}

/**
 * The smallest command set that answers every rule for this platform: the union of the rules' needs,
 * each command once, cheap and identity-giving ones first. Placeholders expand from what `show config`
 * revealed; a placeholder with nothing to expand to is dropped (it would only produce "unknown").
 */
export function planGather(rules: readonly Rule[], facts: PlanFacts | null): GatherStep[] {
  const wanted: string[] = [];
  for (const rule of rules) for (const need of rule.needs.rtx ?? []) wanted.push(need);
  const expanded: string[] = [];
  for (const need of wanted) {
    if (need.includes('{tunnel}')) {
      for (const t of facts?.tunnels ?? []) expanded.push(need.replaceAll('{tunnel}', String(t)));
    } else if (need.includes('{br}')) {
      if (facts?.br) expanded.push(need.replaceAll('{br}', facts.br));
    } else if (need.includes('{aftr}')) {
      for (const name of facts?.aftrNames ?? []) expanded.push(need.replaceAll('{aftr}', name));
    } else {
      expanded.push(need);
    }
  }
  const unique = [...new Set(expanded.map(canonicalCommand))];
  const size = (c: string) => TYPICAL_BYTES[c] ?? (c.startsWith('ping') ? 400 : c.startsWith('show status tunnel') ? 450 : 800);
  // `show config` first (it decides the rest), then the cheapest: the user sees results flow in early.
  unique.sort((a, b) => Number(b === 'show config') - Number(a === 'show config') || size(a) - size(b));
  return unique.map((command) => ({ command, needsAdmin: ADMIN_ONLY.has(command), expectBytes: size(command) }));
}
