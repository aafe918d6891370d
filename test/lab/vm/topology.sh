#!/bin/bash
# Builds the provider world around the CE (this, the root namespace). See test/lab/README.md for the picture.
set -eu
[ -n "$(grep -o "lab.debug=1" /proc/cmdline)" ] && { PS4='+ ${EPOCHREALTIME} '; set -x; }
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
. /run/lab/params.sh
nsx() { local ns="$1"; shift; ip netns exec "$ns" "$@"; }

UPD_ADDR=2001:db8:f00d::80
CE_WAN_MAC=52:54:00:12:34:01      # EUI-64 link-local fe80::5054:ff:fe12:3401
MODE="${LAB_MODE:-mape}"

# Every ip(8) call costs ~0.1 s under TCG, so each namespace is configured by one `ip -batch`.
for ns in ngn br inet update lan; do ip netns add "$ns"; done
REMOTE="$LAB_CE"
if [ "$MODE" = fixed ]; then
  REMOTE="${LAB_REGISTERED:-2001:db8:dead::1}"   # whoever registered last (initially: another device)
fi
echo "$REMOTE" >/run/lab/registered
SLASH56=""
[ "$LAB_PREFIX" != "$LAB_PREFIX64" ] && SLASH56="route add $LAB_PREFIX via fe80::5054:ff:fe12:3401 dev ce0"

# --- CE (root namespace): WAN eth1 with the line's /64 (as SLAAC would give it), LAN eth2 192.168.1.1/24.
# No tunnel, no NAT, IPv4 forwarding off: a plain Debian box about to become the CE.
ip -batch - <<IP
link add eth1 address $CE_WAN_MAC type veth peer name ce0 netns ngn
link add eth2 type veth peer name eth0 netns lan
link set eth1 up
addr add $LAB_WAN6/64 dev eth1 nodad
route add default via fe80::1 dev eth1
link set eth2 up
addr add 192.168.1.1/24 dev eth2
IP

# --- NGN router: the CE's /64 on-link, the /56 routed to the CE, the BR and the update server behind it,
# everything else is dropped and counted (`unrouted`: "packets leave, nothing returns").
ip -n ngn -batch - <<IP
link set lo up
link add br0 type veth peer name ngn0 netns br
link add upd0 type veth peer name ngn0 netns update
link set ce0 up
link set br0 up
link set upd0 up
addr add fe80::1/64 dev ce0 nodad
addr add fe80::1/64 dev br0 nodad
addr add fe80::1/64 dev upd0 nodad
route add $LAB_PREFIX64 dev ce0
$SLASH56
route add $LAB_BR/128 via fe80::2 dev br0
route add $UPD_ADDR/128 via fe80::2 dev upd0
IP

# --- BR: strict. Tunnel from the BR address to the expected CE; decapsulated IPv4 is routed to inet.
ip -n br -batch - <<IP
link set lo up
link add inet0 type veth peer name eth0 netns inet
link set ngn0 up
addr add fe80::2/64 dev ngn0 nodad
addr add $LAB_BR/128 dev ngn0 nodad
route add default via fe80::1 dev ngn0
link set inet0 up
addr add 198.51.100.1/24 dev inet0
tunnel add cetun mode ip4ip6 local $LAB_BR remote $REMOTE dev ngn0 encaplimit none
link set cetun mtu 1460 up
route add $LAB_IPV4/32 dev cetun
IP

# --- update server (fixed-IP re-registration): HTTP on IPv6
ip -n update -batch - <<IP
link set lo up
link set ngn0 up
addr add fe80::2/64 dev ngn0 nodad
addr add $UPD_ADDR/128 dev ngn0 nodad
route add default via fe80::1 dev ngn0
IP

# --- IPv4 Internet host
ip -n inet -batch - <<IP
link set lo up
link set eth0 up
addr add 198.51.100.10/24 dev eth0
route add default via 198.51.100.1
IP

# --- LAN host
ip -n lan -batch - <<IP
link set lo up
link set eth0 up
addr add 192.168.1.10/24 dev eth0
route add default via 192.168.1.1
IP

cat >/run/lab/ngn.nft <<NFT
table inet ngn {
	counter unrouted {}
	counter to_br {}
	counter to_update {}
	chain prerouting {
		type filter hook prerouting priority raw; policy accept;
		ip6 daddr { fe80::/10, ff00::/8 } accept
		ip6 daddr { $LAB_BR, $UPD_ADDR, $LAB_PREFIX } accept
		counter name unrouted drop
	}
	chain forward {
		type filter hook forward priority filter; policy accept;
		ip6 daddr $LAB_BR counter name to_br
		ip6 daddr $UPD_ADDR counter name to_update
	}
}
NFT

if [ "$MODE" = fixed ]; then
  V4RULES="iifname \"cetun\" ip saddr != $LAB_IPV4 counter name wrong_ipv4_drop drop"
  SETS=""
else
  PORTS="${LAB_PORTS//,/, }"
  SETS="set ports { type inet_service; flags interval; elements = { $PORTS } }
	set icmp_ids { typeof icmp id; flags interval; elements = { $PORTS } }"
  V4RULES="iifname \"cetun\" ip saddr != $LAB_IPV4 counter name wrong_ipv4_drop drop
		iifname \"cetun\" meta l4proto { tcp, udp } th sport != @ports counter name port_drop drop
		iifname \"cetun\" icmp type echo-request icmp id != @icmp_ids counter name icmp_id_drop drop"
fi
cat >/run/lab/br.nft <<NFT
table inet br {
	counter dstopt_drop {}
	counter not_ipip_drop {}
	counter wrong_source_drop {}
	counter wrong_ipv4_drop {}
	counter port_drop {}
	counter icmp_id_drop {}
	counter passed {}
	counter returned {}
	set ce6 { type ipv6_addr; elements = { $REMOTE } }
	$SETS
	chain input {
		type filter hook input priority filter; policy accept;
		ip6 daddr $LAB_BR ip6 nexthdr icmpv6 accept
		ip6 daddr $LAB_BR ip6 nexthdr 60 counter name dstopt_drop drop
		ip6 daddr $LAB_BR ip6 nexthdr != 4 counter name not_ipip_drop drop
		ip6 daddr $LAB_BR ip6 saddr != @ce6 counter name wrong_source_drop drop
	}
	chain forward {
		type filter hook forward priority filter; policy accept;
		$V4RULES
		iifname "cetun" counter name passed accept
		oifname "cetun" counter name returned accept
	}
}
NFT
# Per-namespace sysctls, rule sets and servers: one process per namespace (see the note on -batch above).
nsx ngn sh -c 'echo 1 >/proc/sys/net/ipv6/conf/all/forwarding; nft -f /run/lab/ngn.nft'
nsx br sh -c 'echo 1 >/proc/sys/net/ipv4/ip_forward; nft -f /run/lab/br.nft'
# inet: HTTP on 80, hold-open TCP servers on 9000-9005, UDP echo on 7. max-children: connections beyond it
# stay ESTABLISHED in the accept queue, so even 1008 of them cost no processes.
nsx inet sh -c '
  echo 8192 >/proc/sys/net/core/somaxconn
  setsid socat TCP4-LISTEN:80,reuseaddr,fork EXEC:/lab/http-inet.sh </dev/null >/dev/null 2>&1 &
  for p in 9000 9001 9002 9003 9004 9005; do
    setsid socat -u TCP4-LISTEN:$p,reuseaddr,fork,backlog=4096,max-children=2 OPEN:/dev/null </dev/null >/dev/null 2>&1 &
  done
  setsid socat UDP4-RECVFROM:7,fork EXEC:cat </dev/null >/dev/null 2>&1 &
'
nsx update sh -c 'setsid socat TCP6-LISTEN:80,reuseaddr,fork EXEC:/lab/update-handler.sh </dev/null >/dev/null 2>&1 &'
if [ "$MODE" = fixed ]; then
  setsid /lab/br-follow.sh </dev/null >/dev/console 2>&1 &
fi

if [ "${LAB_STATE:-clean}" = field-003 ]; then
  /lab/ce-field-003.sh
fi

# Wait until the servers listen (socat is quick, but the test starts right after READY).
nsx inet sh -c 'for i in $(seq 200); do grep -q ":232D " /proc/net/tcp && break; sleep 0.05; done'
nsx update sh -c 'for i in $(seq 200); do grep -q ":0050 " /proc/net/tcp6 && break; sleep 0.05; done'

