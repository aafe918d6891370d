/**
 * The line's own DNS, asked from the CE itself at run time (apply, boot, prefix change), never the host's other
 * resolvers: where a Debian host keeps the servers its WAN learned by RA (RDNSS) or DHCPv6, then the servers the
 * plan saw, then NTT NGN's well-known ones (reachable only from the NGN). And one question to one server with
 * whichever client the host has (dig, host, nslookup — bind9's or busybox's).
 *
 * The functions are POSIX sh, printed into the scripts so what runs is what the person reviews; the app runs the
 * same functions over its shell to the CE when it plans (test/integration/hb46pp.test.ts runs them against a
 * real dnsmasq with each client).
 */

export type NgnRegion = 'east' | 'west';

/**
 * NTT NGN's DNS servers (access-provisioning-packaging.md §1: the Junos HB46PP client's list) and the search
 * domain the NGN's DHCPv6 hands out (ipoe-domain.md §4.2 `show status ipv6 dhcp`: flets-east.jp).
 */
export const NGN_DNS: Readonly<Record<NgnRegion, { servers: readonly string[]; prefix: string; domain: string }>> = {
  east: { servers: ['2404:1a8:7f01:a::3', '2404:1a8:7f01:b::3'], prefix: '2404:1a8:', domain: 'flets-east.jp' },
  west: { servers: ['2001:a7ff:5f01::a', '2001:a7ff:5f01:1::a'], prefix: '2001:a7ff:', domain: 'flets-west.jp' },
};

/** Which NGN a DNS server or search domain belongs to (the evidence for East/West), or null. */
export function ngnRegionOf(serverOrDomain: string): NgnRegion | null {
  const t = serverOrDomain.trim().toLowerCase();
  for (const region of ['east', 'west'] as const) {
    const n = NGN_DNS[region];
    if (t.startsWith(n.prefix) || t === n.domain || t.endsWith(`.${n.domain}`)) return region;
  }
  return null;
}

/**
 * `line_dns WAN`: the line's DNS servers, one a line, best first: systemd-resolved's and NetworkManager's per-link
 * servers of WAN, dhclient's DHCPv6 leases for WAN, rdnssd's RA servers, the global IPv6 servers of resolv.conf
 * (where ifupdown's stateless DHCPv6 puts them; loopback stubs, local caches and IPv4 resolvers are never taken),
 * then $LINE_DNS_KNOWN (the plan's).
 * `dns_query TYPE NAME SERVER`: `answer VALUE` per record, else one of `nxdomain`, `nodata`, `fail WHY`.
 */
export const LINE_DNS_FUNCTIONS = [
  'line_dns() {',
  '\t{',
  '\t\tif command -v resolvectl >/dev/null 2>&1; then resolvectl dns "$1" 2>/dev/null | sed "s/^[^:]*://"; fi',
  '\t\tif command -v nmcli >/dev/null 2>&1; then nmcli -g IP6.DNS device show "$1" 2>/dev/null | tr "|" " "; fi',
  '\t\tfor f in /var/lib/dhcp/dhclient6."$1".leases /var/lib/dhcp/dhclient6.leases /var/lib/dhclient/dhclient6-"$1".leases /var/lib/dhclient/dhclient6.leases; do',
  '\t\t\t[ -r "$f" ] && sed -n "s/.*option dhcp6.name-servers \\(.*\\);.*/\\1/p" "$f" | tail -n 1 | tr "," " "',
  '\t\tdone',
  '\t\t[ -r /run/rdnssd/resolv.conf ] && sed -n "s/^nameserver //p" /run/rdnssd/resolv.conf',
  // ifupdown's `dhcp 1` (dhclient -6 -S) leaves the line's servers only in resolv.conf: its global IPv6 ones.
  '\t\t[ -r /etc/resolv.conf ] && sed -n "s/^nameserver \\([23][0-9a-fA-F]*:[0-9a-fA-F:]*\\)[[:space:]]*$/\\1/p" /etc/resolv.conf',
  '\t\techo "${LINE_DNS_KNOWN:-}"',
  '\t} 2>/dev/null | tr " \\t" "\\n\\n" | grep ":" | awk \'!seen[$0]++\'',
  '}',
  'dns_query() {',
  '\tif command -v dig >/dev/null 2>&1; then',
  '\t\tout=$(dig +noall +comments +answer +tries=2 +time=3 "$1" "$2" "@$3" 2>&1)',
  '\t\tst=$(printf "%s\\n" "$out" | sed -n "s/.*status: \\([A-Z]*\\).*/\\1/p" | head -n 1)',
  '\t\tcase "$st" in',
  '\t\tNOERROR) printf "%s\\n" "$out" | awk -v t="$1" \'$4 == t { $1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); print "answer " $0 }\' | grep . || echo nodata ;;',
  '\t\tNXDOMAIN) echo nxdomain ;;',
  '\t\t"") echo "fail $(printf "%s\\n" "$out" | grep -v "^;; *$" | tail -n 1)" ;;',
  '\t\t*) echo "fail $st" ;;',
  '\t\tesac',
  '\telif command -v host >/dev/null 2>&1; then',
  '\t\tout=$(host -W 3 -t "$1" "$2" "$3" 2>&1)',
  '\t\tcase "$out" in',
  '\t\t*"has IPv6 address "*|*"descriptive text "*) printf "%s\\n" "$out" | sed -n "s/.* has IPv6 address /answer /p; s/.* descriptive text /answer /p" ;;',
  '\t\t*NXDOMAIN*) echo nxdomain ;;',
  '\t\t*"has no "*) echo nodata ;;',
  '\t\t*) echo "fail $(printf "%s\\n" "$out" | tail -n 1)" ;;',
  '\t\tesac',
  '\telif command -v nslookup >/dev/null 2>&1 || command -v busybox >/dev/null 2>&1; then',
  '\t\tif command -v nslookup >/dev/null 2>&1; then ns=nslookup; else ns="busybox nslookup"; fi',
  '\t\tout=$($ns -type="$1" "$2" "$3" 2>&1)',
  '\t\tcase "$out" in',
  '\t\t*NXDOMAIN*) echo nxdomain ;;',
  '\t\t*"timed out"*|*"no servers"*|*"can\'t connect"*|*SERVFAIL*|*REFUSED*) echo "fail $(printf "%s\\n" "$out" | grep -i "timed out\\|no servers\\|can.t connect\\|SERVFAIL\\|REFUSED" | head -n 1)" ;;',
  '\t\t*) printf "%s\\n" "$out" | awk \'/^Name:/ { n = 1; next } n && /^Address:/ { print "answer " $2 } /[ \\t]text = / { sub(/.*[ \\t]text = /, ""); print "answer " $0 }\' | grep . || echo nodata ;;',
  '\t\tesac',
  '\telse',
  '\t\techo "fail no DNS client (dig, host or nslookup) on this host"',
  '\tfi',
  '}',
];

/**
 * `resolve_aaaa WAN NAME`: the first AAAA of NAME from the first line DNS server that answers, printed as
 * `ADDRESS SERVER`; nothing (and a non-zero status) when none does. Each server's answer goes to stderr.
 */
export const RESOLVE_AAAA_FUNCTION = [
  'resolve_aaaa() {',
  '\tfor s in $(line_dns "$1"); do',
  '\t\tr=$(dns_query AAAA "$2" "$s" | head -n 1)',
  '\t\tcase "$r" in',
  '\t\t"answer "*:*) echo "${r#answer } $s"; return 0 ;;',
  '\t\tesac',
  '\t\techo "ipoe-doctor: $2 over $s: ${r:-no answer}" >&2',
  '\tdone',
  '\treturn 1',
  '}',
];
