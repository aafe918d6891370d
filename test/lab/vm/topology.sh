#!/bin/bash
# Builds the provider world around the CE (this, the root namespace). See test/lab/README.md for the picture.
set -eu
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
. /run/lab/params.sh
nsx() { local ns="$1"; shift; ip netns exec "$ns" "$@"; }
sysw() { local ns="$1" key="$2" val="$3"; ip netns exec "$ns" sh -c "echo $val > /proc/sys/${key//.//}"; }

UPD_ADDR=2001:db8:f00d::80
CE_WAN_MAC=52:54:00:12:34:01      # EUI-64 link-local fe80::5054:ff:fe12:3401
MODE="${LAB_MODE:-mape}"

for ns in ngn br inet update lan; do
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  # Provider-side boxes do no DAD (faster boot). The CE keeps the kernel defaults.
  sysw "$ns" net.ipv6.conf.all.accept_dad 0
  sysw "$ns" net.ipv6.conf.default.accept_dad 0
done

# --- links -------------------------------------------------------------------------------------------
ip link add eth1 type veth peer name ce0 netns ngn            # CE WAN  <-> NGN
ip link set eth1 address "$CE_WAN_MAC"
ip link add eth2 type veth peer name eth0 netns lan           # CE LAN  <-> LAN host
ip -n ngn link add br0 type veth peer name ngn0 netns br      # NGN     <-> BR
ip -n ngn link add upd0 type veth peer name ngn0 netns update # NGN     <-> update server
ip -n ngn link add sink type dummy                            # NGN: where unknown destinations go
ip -n br link add inet0 type veth peer name eth0 netns inet   # BR      <-> IPv4 Internet

# --- CE (root namespace): WAN with the line's /64, LAN 192.168.1.1/24. No tunnel, no NAT, forwarding off.
ip link set eth1 up
ip -6 addr add "$LAB_WAN6/64" dev eth1 nodad
ip -6 route add default via fe80::1 dev eth1
ip link set eth2 up
ip addr add 192.168.1.1/24 dev eth2

# --- LAN host
ip -n lan link set eth0 up
ip -n lan addr add 192.168.1.10/24 dev eth0
ip -n lan route add default via 192.168.1.1

# --- NGN router: the CE's /64 on-link, the /56 routed to the CE, the BR and the update server behind it.
for i in ce0 br0 upd0; do
  ip -n ngn link set "$i" up
  ip -n ngn -6 addr add fe80::1/64 dev "$i" nodad
done
ip -n ngn link set sink up
sysw ngn net.ipv6.conf.all.forwarding 1
ip -n ngn -6 route add "$LAB_PREFIX64" dev ce0
[ "$LAB_PREFIX" != "$LAB_PREFIX64" ] && ip -n ngn -6 route add "$LAB_PREFIX" via fe80::5054:ff:fe12:3401 dev ce0
ip -n ngn -6 route add "$LAB_BR/128" via fe80::2 dev br0
ip -n ngn -6 route add "$UPD_ADDR/128" via fe80::2 dev upd0
ip -n ngn -6 route add default dev sink
nsx ngn nft -f - <<NFT
table inet ngn {
	counter unrouted {}
	counter to_br {}
	counter to_update {}
	chain forward {
		type filter hook forward priority filter; policy accept;
		oifname "sink" counter name unrouted drop
		ip6 daddr $LAB_BR counter name to_br
		ip6 daddr $UPD_ADDR counter name to_update
	}
}
NFT

# --- update server (fixed-IP re-registration): HTTP on IPv6
ip -n update link set ngn0 up
ip -n update -6 addr add fe80::2/64 dev ngn0 nodad
ip -n update -6 addr add "$UPD_ADDR/128" dev ngn0
ip -n update -6 route add default via fe80::1 dev ngn0

# --- BR: strict. Tunnel from the BR address to the expected CE; decapsulated IPv4 is routed to inet.
REMOTE="$LAB_CE"
if [ "$MODE" = fixed ]; then
  REMOTE="${LAB_REGISTERED:-2001:db8:dead::1}"   # whoever registered last (initially: another device)
fi
echo "$REMOTE" >/run/lab/registered
ip -n br link set ngn0 up
ip -n br -6 addr add fe80::2/64 dev ngn0 nodad
ip -n br -6 addr add "$LAB_BR/128" dev ngn0
ip -n br -6 route add default via fe80::1 dev ngn0
ip -n br link set inet0 up
ip -n br addr add 198.51.100.1/24 dev inet0
sysw br net.ipv4.ip_forward 1
sysw br net.ipv4.conf.all.rp_filter 0
nsx br ip -6 tunnel add cetun mode ip4ip6 local "$LAB_BR" remote "$REMOTE" dev ngn0 encaplimit none
ip -n br link set cetun mtu 1460 up
ip -n br route add "$LAB_IPV4/32" dev cetun
sysw br net.ipv4.conf.cetun.rp_filter 0

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
nsx br nft -f /run/lab/br.nft

# --- IPv4 Internet host: HTTP on 80, hold-open TCP servers on 9000-9009, UDP echo on 7.
ip -n inet link set eth0 up
ip -n inet addr add 198.51.100.10/24 dev eth0
ip -n inet route add default via 198.51.100.1
sysw inet net.core.somaxconn 8192
nsx inet setsid socat TCP4-LISTEN:80,reuseaddr,fork EXEC:/lab/http-inet.sh </dev/null >/dev/null 2>&1 &
for p in $(seq 9000 9009); do
  # max-children: connections beyond it stay ESTABLISHED in the accept queue, so 1008 cost no processes.
  nsx inet setsid socat -u "TCP4-LISTEN:$p,reuseaddr,fork,backlog=4096,max-children=2" OPEN:/dev/null </dev/null >/dev/null 2>&1 &
done
nsx inet setsid socat UDP4-RECVFROM:7,fork EXEC:cat </dev/null >/dev/null 2>&1 &
nsx update setsid socat TCP6-LISTEN:80,reuseaddr,fork EXEC:/lab/update-handler.sh </dev/null >/dev/null 2>&1 &
if [ "$MODE" = fixed ]; then
  setsid /lab/br-follow.sh </dev/null >/dev/console 2>&1 &
fi

if [ "${LAB_STATE:-clean}" = field-003 ]; then
  /lab/ce-field-003.sh
fi

# Wait until the servers listen (socat is quick, but the test starts right after READY).
for _ in $(seq 100); do
  if nsx inet grep -q ':2328 ' /proc/net/tcp 2>/dev/null && nsx update grep -q ':0050 ' /proc/net/tcp6 2>/dev/null; then break; fi
  sleep 0.05
done
