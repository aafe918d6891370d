/**
 * DS-Lite's AFTR in the datapath: resolved over the line's own DNS each time the script runs (apply, boot, prefix
 * change), as an RTX's `tunnel endpoint name … fqdn` does, so an exported script or a moved AFTR still works. The
 * catalog's address (East or West, by where the line is) is only the named fallback; without one the script
 * stops with the reason. The resolved address is kept in the state so rollback removes exactly its route.
 */
import type { Message } from '../../i18n/message.js';
import { NGN_DNS, type NgnRegion } from './line-dns.js';
import { shq } from './sh.js';
import type { PlanStep } from './step.js';
import { ceText } from './text.js';

/** The shell variable the tunnel and route steps use for the AFTR when it is resolved at run time. */
export const AFTR_VAR = '$AFTR';

export interface AftrByName {
  name: string;
  /** The catalog's address per region (transix), or one for any region (Xpass); empty: none known (v6 Connect). */
  fallback: Partial<Record<NgnRegion | 'any', string>>;
  /** The region the plan picked (with its evidence elsewhere); the script may still see West's DNS and switch. */
  region: NgnRegion;
  /** Servers the plan saw as the line's DNS: asked after the host's own per-link ones. */
  lineDns: readonly string[];
}

export function fallbackAddress(a: AftrByName): string | null {
  return a.fallback[a.region] ?? a.fallback.any ?? null;
}

/** The first step of a DS-Lite plan whose AFTR is a name: sets $AFTR (never journaled: it changes nothing). */
export function aftrResolveStep(a: AftrByName, wan: string, gateway: string): PlanStep {
  const known = [...a.lineDns, ...NGN_DNS.east.servers, ...NGN_DNS.west.servers].filter((s, i, all) => all.indexOf(s) === i);
  const fb = fallbackAddress(a);
  const pick = a.fallback.east || a.fallback.west
    ? [
        `\tregion=${a.region}`,
        // What the host itself learned on the WAN (not the plan's or the NGN's well-known list) tells the region.
        `\tfor s in $(LINE_DNS_KNOWN=''; line_dns ${shq(wan)}); do case "$s" in ${NGN_DNS.east.prefix}*) region=east; break ;; ${NGN_DNS.west.prefix}*) region=west; break ;; esac; done`,
        `\tcase "$region" in west) AFTR=${a.fallback.west ?? a.fallback.east} ;; *) AFTR=${a.fallback.east ?? a.fallback.west} ;; esac`,
        `\tsay "AFTR ${a.name} did not resolve over the line's DNS: using the catalog's $region address $AFTR"`,
      ]
    : fb
      ? [`\tAFTR=${fb}`, `\tsay "AFTR ${a.name} did not resolve over the line's DNS: using the catalog's address $AFTR"`]
      : [`\tfail "AFTR ${a.name} did not resolve over the line's DNS, and no address for it is known: give the AFTR address (--br)"`];
  return {
    id: 'aftr',
    text: fb ? ceText('STEP_AFTR_RESOLVE', { name: a.name, fallback: fb }) : ceText('STEP_AFTR_RESOLVE_NO_FALLBACK', { name: a.name }),
    check: null,
    kind: 'action',
    apply: [
      `LINE_DNS_KNOWN=${shq(known.join(' '))}`,
      `if found=$(resolve_aaaa ${shq(wan)} ${a.name}); then`,
      '\tAFTR=${found%% *}',
      `\tsay "AFTR ${a.name} is $AFTR (the line's DNS \${found#* } answered)"`,
      'else',
      ...pick,
      'fi',
      // An AFTR that moved: the route this datapath added to the old one goes.
      `if [ -s "$STATE/aftr" ] && old=$(cat "$STATE/aftr") && [ "$old" != "$AFTR" ]; then ip -6 route del "$old/128" via ${gateway} dev ${shq(wan)} 2>/dev/null || true; say "AFTR moved from $old to $AFTR"; fi`,
      'echo "$AFTR" > "$STATE/aftr"',
    ],
    undo: [],
  };
}

/** Rollback and the boot copy's undo need the AFTR the last run used. */
export function aftrRollbackLines(a: AftrByName): string[] {
  return [`AFTR=$(cat "$STATE/aftr" 2>/dev/null) || AFTR=${fallbackAddress(a) ?? a.name}`];
}

/** Where the AFTR address comes from, for the plan's sources. */
export function aftrSource(a: AftrByName, seen: { address: string; server: string } | null, regionSaid: Message): Message[] {
  const fb = fallbackAddress(a);
  return [
    seen
      ? ceText('AFTR_SOURCE_DNS', { name: a.name, address: seen.address, server: seen.server })
      : fb
        ? ceText('AFTR_SOURCE_RUNTIME', { name: a.name, fallback: fb })
        : ceText('AFTR_SOURCE_RUNTIME_NO_FALLBACK', { name: a.name }),
    ...(a.fallback.east || a.fallback.west ? [regionSaid] : []),
  ];
}
