/**
 * Prefix changes (renumbering) on a persisted CE: a long-running watcher (ce-watch.sh, its own systemd unit) that
 * notices when the WAN's delegated prefix changes, works out the new CE address, IPv4 and port set (MAP-E, by the
 * same arithmetic as the calculator, over the service's or the provider's rules), or the new CE/B4 address (fixed IP,
 * DS-Lite: the new /64 and the same interface ID), and switches to them in one go: everything new is prepared and
 * checked first (nft -c), then the tunnel, the tunnel's IPv4 and the nft table change together, and only then the old
 * addresses go; if a step fails, the old ones come back. Fixed IP notifies the update server again from the new CE
 * address. Each change goes to the journal (logger -t ipoe-doctor) and to $STATE/prefix.env, which
 * `linux-ce status` reads. The boot copy and the rollback are rewritten to the new values, so a reboot or a rollback
 * after a renumbering still does exactly the right thing.
 *
 * Pure: the script text. The functions it shares with the calculator are checked against it by
 * test/unit/linux/datapath/replan.test.ts (dash runs them over many prefixes of every rule table).
 */
import type { MapRule } from '../../mape/rule.js';
import { NFT_FILE, STATE_DIR, TUNNEL, UP_SCRIPT_FILE, DOWN_SCRIPT_FILE, STATE_FILE, LIB_DIR } from './names.js';
import { NFT_RESOLUTION, TOOL_RESOLUTION } from './script-prelude.js';
import { parseIpv6Input } from '../../mape/ipv6-input.js';
import { shq } from './sh.js';
import { UPDATE_FUNCTIONS, type UpdateRequest } from './update-notify.js';

export const WATCH_SCRIPT_FILE = `${LIB_DIR}/ce-watch.sh`;
export const WATCH_UNIT_NAME = 'ipoe-doctor-ce-watch.service';
export const WATCH_UNIT_FILE = `/etc/systemd/system/${WATCH_UNIT_NAME}`;
/** What the watcher last saw and did (shell variables, one a line): read by `linux-ce status`. */
export const PREFIX_STATE_FILE = `${STATE_DIR}/prefix.env`;

/** Shell text written with String.raw: `\${` stands for the shell's own `${` (a bare one would be TypeScript's). */
function shellText(raw: string): string {
  return raw.replaceAll('\\${', '${');
}

/** What a re-plan needs, kept in the state at apply (JSON-safe). */
export interface ReplanSpec {
  encapsulation: 'map-e' | 'ipip' | 'ds-lite';
  wan: string;
  gateway: string;
  /** The tunnel's remote: a BR address, or `$AFTR` (DS-Lite by name: the boot copy resolves it). */
  br: string;
  /** The prefix the plan was made for, and the CE address and IPv4 it gave. */
  prefix: string;
  ce: string;
  ipv4: string;
  /** The plan added the CE address (/128) itself; false: it is the WAN's own address (SLAAC moves it, not us). */
  addCe?: boolean;
  mape: {
    /** Every rule the CE may fall under after a renumbering (the service's table, or the provider's answer). */
    rules: Array<{ ipv6Prefix: string; ipv4Prefix: string; eaLength: number; psidOffset: number }>;
    ifaceId: 'draft03' | 'rfc7597';
    /** As the ruleset's comment names it (the plan's provider). */
    provider: string;
  } | null;
  /** Fixed IP: notify the update server again from the new CE address. */
  update: { request: UpdateRequest; user: string } | null;
}

export function replanSpecRules(rules: readonly MapRule[]): NonNullable<ReplanSpec['mape']>['rules'] {
  return rules.map((r) => ({ ipv6Prefix: r.ipv6Prefix, ipv4Prefix: r.ipv4Prefix, eaLength: r.eaLength, psidOffset: r.psidOffset }));
}

/**
 * POSIX sh functions of the address arithmetic (awk for the IPv6 text, shell arithmetic, which is 64-bit in dash,
 * bash and busybox, for the bits: a MAP-E end-user prefix always ends by bit 64).
 *   expand6 ADDR        → the 8 groups as decimal numbers
 *   format6 N1 … N8     → the RFC 5952 text
 *   wan_prefix WAN      → the delegated prefix (a PD route), else the /64 of the WAN's newest global address
 *   mape_calc PREFIX    → `CE IPV4 PSID PSIDLEN OFFSET` by the longest rule of $MAPE_RULES (rulesWords) that covers it
 *   mape_ports PSID PSIDLEN OFFSET → `start-end` per block
 *   mape_nft IPV4 PSID PSIDLEN OFFSET → the nft table, as the plan's (nft-ruleset.ts) writes it
 */
export const ADDRESS_FUNCTIONS = shellText(String.raw`expand6() {
	printf '%s\n' "\${1%%/*}" | awk '{
		n = split($0, p, "::"); nh = (p[1] == "") ? 0 : split(p[1], h, ":"); nt = (n < 2 || p[2] == "") ? 0 : split(p[2], t, ":")
		out = ""; for (i = 1; i <= nh; i++) out = out " " h[i]
		if (n > 1) for (i = 0; i < 8 - nh - nt; i++) out = out " 0"
		for (i = 1; i <= nt; i++) out = out " " t[i]
		m = split(out, g, " "); s = ""
		for (i = 1; i <= m; i++) { v = 0; x = tolower(g[i]); for (j = 1; j <= length(x); j++) v = v * 16 + index("0123456789abcdef", substr(x, j, 1)) - 1; s = s (i > 1 ? " " : "") v }
		print s
	}'
}
format6() {
	echo "$@" | awk '{
		bs = -1; bl = 0; cs = -1; cl = 0
		for (i = 1; i <= 8; i++) { if ($i == 0) { if (cs < 0) cs = i; cl++; if (cl > bl) { bs = cs; bl = cl } } else { cs = -1; cl = 0 } }
		if (bl < 2) bs = -1
		s = ""; i = 1
		while (i <= 8) {
			if (i == bs) { s = s "::"; i += bl; continue }
			if (s != "" && substr(s, length(s)) != ":") s = s ":"
			s = s sprintf("%x", $i); i++
		}
		print s
	}'
}
wan_prefix() {
	pd=$(ip -6 route show proto dhcp 2>/dev/null | awk '{ print $1 } ' | grep -E '^[23][0-9a-f]*:.*/(4[0-9]|5[0-9]|6[0-3])$' | head -n 1)
	[ -n "$pd" ] || pd=$(ip -6 route show type unreachable 2>/dev/null | awk '{ print $2 }' | grep -E '^[23][0-9a-f]*:.*/(4[0-9]|5[0-9]|6[0-3])$' | head -n 1)
	if [ -n "$pd" ]; then echo "$pd"; return 0; fi
	a=$(ip -6 -o addr show dev "$1" scope global -tentative -deprecated 2>/dev/null | awk '{ for (i = 1; i <= NF; i++) if ($i == "inet6") print $(i + 1) }' | grep -v '/128$' | grep -E '^[23]' | tail -n 1)
	[ -n "$a" ] || return 1
	set -- $(expand6 "$a")
	echo "$(format6 "$1" "$2" "$3" "$4" 0 0 0 0)/64"
}
mape_calc() {
	set -- $(expand6 "$1")
	v=$(( ($1 << 48) | ($2 << 32) | ($3 << 16) | $4 ))
	best=""; bestr=-1
	# Each rule word carries its network's upper 64 bits in decimal: no process per rule (tables have hundreds).
	for rule in $MAPE_RULES; do
		r6=\${rule%%,*}; net=\${rule##*,}
		r=\${r6#*/}; [ "$r" -gt "$bestr" ] || continue
		[ $(( v >> (64 - r) )) -eq $(( net >> (64 - r) )) ] || continue
		best=$rule; bestr=$r
	done
	[ -n "$best" ] || return 1
	r6=\${best%%,*}; rest=\${best#*,}; r4=\${rest%%,*}; rest=\${rest#*,}; ea=\${rest%%,*}; rest=\${rest#*,}; off=\${rest%%,*}
	r=\${r6#*/}; p=\${r4#*/}
	ip4=\${r4%/*}; IFS=. read -r o1 o2 o3 o4 <<EOF4
$ip4
EOF4
	v4net=$(( (o1 << 24) | (o2 << 16) | (o3 << 8) | o4 ))
	k=$(( ea - (32 - p) ))
	eabits=$(( (v >> (64 - r - ea)) & ((1 << ea) - 1) ))
	psid=$(( eabits & ((1 << k) - 1) ))
	v4=$(( v4net | (eabits >> k) ))
	up=$(( (v >> (64 - r - ea)) << (64 - r - ea) ))
	if [ "\${MAPE_IFACE_ID:-draft03}" = rfc7597 ]; then iid=$(( (v4 << 16) | psid )); else iid=$(( (v4 << 24) | (psid << 8) )); fi
	ce=$(format6 $(( (up >> 48) & 65535 )) $(( (up >> 32) & 65535 )) $(( (up >> 16) & 65535 )) $(( up & 65535 )) $(( (iid >> 48) & 65535 )) $(( (iid >> 32) & 65535 )) $(( (iid >> 16) & 65535 )) $(( iid & 65535 )))
	echo "$ce $(( (v4 >> 24) & 255 )).$(( (v4 >> 16) & 255 )).$(( (v4 >> 8) & 255 )).$(( v4 & 255 )) $psid $k $off"
}
mape_ports() {
	m=$(( 16 - $3 - $2 )); a=1
	while [ "$a" -lt $(( 1 << $3 )) ]; do
		s=$(( (a << (16 - $3)) | ($1 << m) )); echo "$s-$(( s + (1 << m) - 1 ))"; a=$(( a + 1 ))
	done
}
`);

/**
 * The nft table for other MAP-E parameters, as a template made from the plan's own ruleset (nft-ruleset.ts): its
 * IPv4, PSID and counts become @IPV4@, @PSID@, @PORTS@, @BLOCKS@, and its per-block SNAT rules one line with @MARK@
 * and @RANGE@ that the script repeats per block. So the table a re-plan loads is the plan's, line for line.
 */
export function mapeNftTemplate(ruleset: string, m: { ipv4: string; psid: number; ports: number; portRanges: readonly (readonly [number, number])[] }): string {
  const n = m.portRanges.length;
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let snatDone = false;
  return ruleset
    .split('\n')
    .flatMap((line) => {
      if (/ snat ip to /.test(line) && / meta mark 0x[0-9a-f]+ /.test(line)) {
        if (snatDone) return [];
        snatDone = true;
        return [line.replace(/ meta mark 0x[0-9a-f]+ /, ' meta mark @MARK@ ').replace(new RegExp(`${esc(m.ipv4)}:\\d+-\\d+`), '@IPV4@:@RANGE@')];
      }
      return [
        line
          .replace(`${m.ipv4}, PSID ${m.psid}, ${m.ports} ports in ${n} blocks.`, '@IPV4@, PSID @PSID@, @PORTS@ ports in @BLOCKS@ blocks.')
          .replace(`numgen inc mod ${n} `, 'numgen inc mod @BLOCKS@ '),
      ];
    })
    .join('\n');
}

/** `mape_nft IPV4 PSID PSIDLEN OFFSET`: the template filled in (sed and awk only), on stdout. */
export function mapeNftFunction(template: string): string {
  const tag = 'IPOE_NFT_TEMPLATE';
  return [
    'mape_nft() {',
    '\tblocks=$(( (1 << $4) - 1 )); ports=$(( blocks << (16 - $4 - $3) ))',
    '\tranges=$(mape_ports "$2" "$3" "$4" | tr "\\n" " ")',
    `\tsed -e "s/@IPV4@/$1/g; s/@PSID@/$2/; s/@PORTS@/$ports/; s/@BLOCKS@/$blocks/g" <<'${tag}' | awk -v ranges="$ranges" '`,
    '\t\t/@RANGE@/ { n = split(ranges, r, " "); for (i = 1; i <= n; i++) { l = $0; sub(/@MARK@/, sprintf("0x%x", 16 + i - 1), l); sub(/@RANGE@/, r[i], l); print l } next }',
    '\t\t{ print }',
    "\t'",
    ...template.replace(/\n$/, '').split('\n'),
    tag,
    '}',
  ].join('\n');
}

/**
 * The rules as the script's $MAPE_RULES words: `ipv6/len,ipv4/len,ea,offset,net` where net is the IPv6 network's
 * upper 64 bits in decimal (below 2^63 for any global unicast prefix, so shell arithmetic holds it).
 */
export function rulesWords(rules: NonNullable<ReplanSpec['mape']>['rules']): string {
  return rules.map((r) => `${r.ipv6Prefix},${r.ipv4Prefix},${r.eaLength},${r.psidOffset},${parseIpv6Input(r.ipv6Prefix).value >> 64n}`).join(' ');
}

/** What `ce-watch.sh` does when the prefix changed (before `replan` runs it has only the old values). */
const REPLAN = shellText(String.raw`log() { say "$*"; if command -v logger >/dev/null 2>&1; then logger -t ipoe-doctor -- "$*" 2>/dev/null || true; fi; }
record() { { echo "CURRENT_PREFIX=$1"; echo "PREVIOUS_PREFIX=$2"; echo "CE=$3"; echo "IPV4=$4"; echo "REPLANNED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)"; echo "RESULT='$5'"; } > "$PREFIX_STATE.tmp" && mv "$PREFIX_STATE.tmp" "$PREFIX_STATE"; }
# The new parameters of prefix $1: NEW_CE, NEW_IPV4 (and for MAP-E the nft table in $STATE/next.nft).
derive() {
	case "$KIND" in
	map-e)
		set -- $(mape_calc "$1") || return 1
		[ -n "\${1:-}" ] || return 1
		NEW_CE=$1; NEW_IPV4=$2
		mape_nft "$2" "$3" "$4" "$5" > "$STATE/next.nft" ;;
	*)
		# Fixed IP and DS-Lite: the new /64 and the same interface ID.
		set -- $(expand6 "$1"); p1=$1; p2=$2; p3=$3; p4=$4
		set -- $(expand6 "$CE")
		NEW_CE=$(format6 "$p1" "$p2" "$p3" "$p4" "$5" "$6" "$7" "$8"); NEW_IPV4=$IPV4 ;;
	esac
}
# Switch from (CE, IPV4) to (NEW_CE, NEW_IPV4): everything new prepared and checked first, then changed together.
switch_over() {
	if [ "$KIND" = map-e ]; then nft -c -f "$STATE/next.nft" || { log "the new nft table does not load: nothing changed"; return 1; }; fi
	if [ "$ADD_CE" = 1 ]; then
		ip -6 addr replace "$NEW_CE/128" dev "$WAN" || return 1
	elif ! ip -6 addr show dev "$WAN" | grep -q " $NEW_CE/"; then
		log "the WAN has no address $NEW_CE (yet): nothing changed"; return 1
	fi
	i=0; while ip -6 addr show dev "$WAN" to "$NEW_CE" tentative | grep -q inet6 && [ "$i" -lt 20 ]; do sleep 0.5; i=$((i + 1)); done
	if ! { ip -6 tunnel change ${TUNNEL} mode ip4ip6 remote "$BR" local "$NEW_CE" dev "$WAN" encaplimit none &&
		{ [ "$NEW_IPV4" = "$IPV4" ] || ip -4 addr add "$NEW_IPV4/$IPV4_LEN" dev ${TUNNEL}; } &&
		{ [ "$KIND" != map-e ] || nft -f "$STATE/next.nft"; }; }; then
		log "switching to $NEW_CE failed: going back to $CE"
		ip -6 tunnel change ${TUNNEL} mode ip4ip6 remote "$BR" local "$CE" dev "$WAN" encaplimit none
		[ "$NEW_IPV4" = "$IPV4" ] || ip -4 addr del "$NEW_IPV4/$IPV4_LEN" dev ${TUNNEL} 2>/dev/null
		[ "$KIND" != map-e ] || nft -f "$NFT_FILE"
		[ "$NEW_CE" = "$CE" ] || [ "$ADD_CE" != 1 ] || ip -6 addr del "$NEW_CE/128" dev "$WAN" 2>/dev/null
		return 1
	fi
	[ "$NEW_IPV4" = "$IPV4" ] || ip -4 addr del "$IPV4/$IPV4_LEN" dev ${TUNNEL} 2>/dev/null || true
	[ "$NEW_CE" = "$CE" ] || [ "$ADD_CE" != 1 ] || ip -6 addr del "$CE/128" dev "$WAN" 2>/dev/null || true
	ip -4 route replace default dev ${TUNNEL}
}
# swap FILE OLD NEW: every OLD that stands alone (not part of a longer address) becomes NEW, on stdout.
swap() {
	awk -v o="$2" -v n="$3" '
	function edge(c) { return c == "" || index("0123456789abcdefABCDEF:.", c) == 0 }
	{
		out = ""; s = $0
		while ((i = index(s, o)) > 0) {
			pre = (i > 1) ? substr(s, i - 1, 1) : substr(out, length(out), 1)
			if (edge(pre) && edge(substr(s, i + length(o), 1))) out = out substr(s, 1, i - 1) n
			else out = out substr(s, 1, i - 1 + length(o))
			s = substr(s, i + length(o))
		}
		print out s
	}' "$1"
}
# The boot copy, the rollback, the state and this script follow the new values (a reboot or a rollback must not use
# the old): every mention of the old CE address and IPv4 becomes the new one.
follow() {
	for f in "$UP_FILE" "$DOWN_FILE" "$STATE/rollback.sh" "$STATE_FILE" "$0"; do
		[ -f "$f" ] || continue
		swap "$f" "$CE" "$NEW_CE" > "$f.ce" && swap "$f.ce" "$IPV4" "$NEW_IPV4" > "$f.next" && cat "$f.next" > "$f"
		rm -f "$f.ce" "$f.next"
	done
	if [ "$KIND" = map-e ]; then mv "$STATE/next.nft" "$NFT_FILE"; fi
}
replan() {
	new=$1; old=$2
	log "prefix $old -> $new on $WAN: re-planning"
	if ! derive "$new"; then log "no rule covers $new: the datapath stays as it is"; record "$new" "$old" "$CE" "$IPV4" "no rule for the new prefix"; return 1; fi
	if [ "$NEW_CE" = "$CE" ] && [ "$NEW_IPV4" = "$IPV4" ]; then log "prefix $new gives the same CE $CE: nothing to change"; record "$new" "$old" "$CE" "$IPV4" "unchanged"; return 0; fi
	if ! switch_over; then record "$new" "$old" "$CE" "$IPV4" "failed: kept the old values"; return 1; fi
	log "now CE $NEW_CE, IPv4 $NEW_IPV4 (was $CE, $IPV4)"
	follow
	if [ -n "$UPDATE_BASE" ]; then
		if notify_update "$UPDATE_BASE" "$UPDATE_USER_PARAM" "$UPDATE_USER" "$UPDATE_PASS_PARAM" "$NEW_CE"; then log "update server told of $NEW_CE"; else log "the update server did not accept $NEW_CE"; fi
	fi
	CE=$NEW_CE; IPV4=$NEW_IPV4
	record "$new" "$old" "$CE" "$IPV4" "re-planned"
}
`);

/** ce-watch.sh: the long-running watcher (`--once` checks a single time: for tests and for people). */
export function watchScript(spec: ReplanSpec, nftTemplate: string | null): string {
  const v = (name: string, value: string) => `${name}=${shq(value)}`;
  return [
    '#!/bin/sh',
    '# IPoE Doctor: follows the WAN\'s delegated prefix. When it changes (renumbering), the CE address, IPv4 and port set',
    '# (or the CE/B4 address) are worked out again and switched over together; fixed IP tells the update server again.',
    '# Each change is logged (logger -t ipoe-doctor) and kept in ' + PREFIX_STATE_FILE + '. Made by `ipoe-doctor linux-ce persist`.',
    'set -u',
    ...TOOL_RESOLUTION,
    ...NFT_RESOLUTION,
    `STATE=\${IPOE_DOCTOR_STATE:-${STATE_DIR}}`,
    'PREFIX_STATE=$STATE/prefix.env',
    `STATE_FILE=\${IPOE_DOCTOR_STATE_FILE:-${STATE_FILE}}`,
    v('UP_FILE', UP_SCRIPT_FILE),
    v('DOWN_FILE', DOWN_SCRIPT_FILE),
    v('NFT_FILE', NFT_FILE),
    'say() { printf "ipoe-doctor: %s\\n" "$*"; }',
    v('KIND', spec.encapsulation),
    v('WAN', spec.wan),
    v('BR', spec.br),
    `CE='${spec.ce}'`,
    `IPV4='${spec.ipv4}'`,
    v('ADD_CE', spec.addCe === false ? '0' : '1'),
    v('IPV4_LEN', spec.encapsulation === 'ds-lite' ? '29' : '32'),
    v('PLANNED_PREFIX', spec.prefix),
    v('MAPE_RULES', spec.mape ? rulesWords(spec.mape.rules) : ''),
    v('MAPE_IFACE_ID', spec.mape?.ifaceId ?? 'draft03'),
    v('UPDATE_BASE', spec.update?.request.base ?? ''),
    v('UPDATE_USER_PARAM', spec.update?.request.userParam ?? ''),
    v('UPDATE_USER', spec.update?.user ?? ''),
    v('UPDATE_PASS_PARAM', spec.update?.request.passParam ?? ''),
    // DS-Lite by name: the AFTR the last run resolved.
    ...(spec.br === '$AFTR' ? ['BR=$(cat "$STATE/aftr" 2>/dev/null) || { say "no AFTR address in $STATE/aftr: run the datapath first"; exit 1; }'] : []),
    ADDRESS_FUNCTIONS,
    ...(nftTemplate ? [mapeNftFunction(nftTemplate)] : []),
    ...(spec.update ? UPDATE_FUNCTIONS : []),
    REPLAN,
    '# The prefix the datapath was made for, or the one the last re-plan moved to.',
    `last=$(sed -n 's/^CURRENT_PREFIX=//p' "$PREFIX_STATE" 2>/dev/null); [ -n "$last" ] || last=$PLANNED_PREFIX`,
    'check() {',
    '\tnow=$(wan_prefix "$WAN") || return 0',
    '\t# The same line seen as a /56 (PD) or its first /64 (RA) is no change: compare the CE it gives.',
    '\t[ "$now" = "$last" ] && return 0',
    '\tif derive "$now" && [ "$NEW_CE" = "$CE" ] && [ "$NEW_IPV4" = "$IPV4" ]; then last=$now; return 0; fi',
    '\treplan "$now" "$last" && last=$now',
    '}',
    'if [ "${1:-}" = --once ]; then check; exit $?; fi',
    'log "watching the prefix on $WAN (now $last, CE $CE)"',
    '# A look every 2 s: RA (SLAAC) and DHCPv6-PD both show up as an address or a route, whichever client made them.',
    'while :; do check; sleep 2; done',
    '',
  ].join('\n');
}

export function watchUnitFile(serviceName: string): string {
  return [
    '# Made by IPoE Doctor; `ipoe-doctor linux-ce unpersist` removes it.',
    '[Unit]',
    `Description=IPoE Doctor: follow the delegated prefix of the Linux CE (${serviceName})`,
    'After=ipoe-doctor-ce.service',
    'Requires=ipoe-doctor-ce.service',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=/bin/sh ${WATCH_SCRIPT_FILE}`,
    'Restart=always',
    'RestartSec=5',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}
