#!/bin/bash
# Builds the provider world around the CE (this, the root namespace). See test/lab/README.md for the picture.
set -eu
[ -n "$(grep -o "lab.debug=1" /proc/cmdline)" ] && { PS4='+ ${EPOCHREALTIME} '; set -x; }
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
. /run/lab/params.sh
nsx() { local ns="$1"; shift; ip netns exec "$ns" "$@"; }

UPD_ADDR=2001:db8:f00d::80
# The line's DNS (AFTR names, 4over6.info) and the HB46PP provisioning server (prov.lab in /etc/hosts), lab-only.
DNS_ADDR=2001:db8:53::53
PROV_ADDR=2001:db8:f00d::443
CE_WAN_MAC=52:54:00:12:34:01      # EUI-64 link-local fe80::5054:ff:fe12:3401
MODE="${LAB_MODE:-mape}"
# RA mode: the NGN router announces the prefix (dnsmasq: RA with RDNSS, stateless DHCPv6 with the DNS and the
# search domain) and the CE configures itself by SLAAC and dhclient -6 -S, as a Debian box with ifupdown would.
RA="${LAB_RA:-0}"

# Every ip(8) call costs ~0.1 s under TCG, so each namespace is configured by one `ip -batch`.
for ns in ngn br inet update lan; do ip netns add "$ns"; done
REMOTE="$LAB_CE"
if [ "$MODE" = fixed ]; then
  REMOTE="${LAB_REGISTERED:-2001:db8:dead::1}"   # whoever registered last (initially: another device)
fi
echo "$REMOTE" >/run/lab/registered
SLASH56=""
[ "$LAB_PREFIX" != "$LAB_PREFIX64" ] && SLASH56="route add $LAB_PREFIX via fe80::5054:ff:fe12:3401 dev ce0"
# The CE's /64: on-link by the NGN's own address in it (RA mode: dnsmasq announces that), else a plain route.
P64="${LAB_PREFIX64%/64}"
# (RA mode: no static default route either: the kernel refuses the RA's whole content when it cannot add its own.)
if [ "$RA" = 1 ]; then ONLINK="addr add ${P64}1/64 dev ce0 nodad"; CE_ADDR=""; CE_DEFAULT="";
else ONLINK="route add $LAB_PREFIX64 dev ce0"; CE_ADDR="addr add $LAB_WAN6/64 dev eth1 nodad"; CE_DEFAULT="route add default via fe80::1 dev eth1"; fi

# --- CE (root namespace): WAN eth1 with the line's /64 (as SLAAC would give it), LAN eth2 192.168.1.1/24.
# No tunnel, no NAT, IPv4 forwarding off: a plain Debian box about to become the CE.
ip -batch - <<IP
link add eth1 address $CE_WAN_MAC type veth peer name ce0 netns ngn
link add eth2 type veth peer name eth0 netns lan
link set eth1 up
$CE_ADDR
$CE_DEFAULT
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
$ONLINK
$SLASH56
route add $LAB_BR/128 via fe80::2 dev br0
route add $UPD_ADDR/128 via fe80::2 dev upd0
route add $PROV_ADDR/128 via fe80::2 dev upd0
addr add $DNS_ADDR/128 dev lo
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
addr add $PROV_ADDR/128 dev ngn0 nodad
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
	set ceprefix { type ipv6_addr; flags interval; elements = { $LAB_PREFIX } }
	chain prerouting {
		type filter hook prerouting priority raw; policy accept;
		ip6 daddr { fe80::/10, ff00::/8 } accept
		ip6 daddr { $LAB_BR, $UPD_ADDR, $PROV_ADDR, $DNS_ADDR } accept
		ip6 daddr @ceprefix accept
		counter name unrouted drop
	}
	chain forward {
		type filter hook forward priority filter; policy accept;
		ip6 daddr $LAB_BR counter name to_br
		ip6 daddr $UPD_ADDR counter name to_update
	}
}
NFT

if [ "$MODE" = fixed ] || [ "$MODE" = dslite ]; then
  V4RULES="iifname \"cetun\" ip saddr != @ce4 counter name wrong_ipv4_drop drop"
  SETS=""
else
  PORTS="${LAB_PORTS//,/, }"
  SETS="set ports { type inet_service; flags interval; elements = { $PORTS } }
	set icmp_ids { typeof icmp id; flags interval; elements = { $PORTS } }"
  V4RULES="iifname \"cetun\" ip saddr != @ce4 counter name wrong_ipv4_drop drop
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
	set ce4 { type ipv4_addr; elements = { $LAB_IPV4 } }
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
if [ "$MODE" = dslite ]; then
  # The AFTR's NAT44: every B4's 192.0.0.2 leaves towards the Internet as the AFTR's own address.
  nsx br nft -f - <<NFT
table ip aftr {
	chain post { type nat hook postrouting priority srcnat; policy accept; oifname "inet0" ip saddr 192.0.0.0/29 counter masquerade; }
}
NFT
fi
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
# The HB46PP provisioning server (https, the lab CA's certificate for prov.lab): answers as /run/lab/hb46pp/mode says.
mkdir -p /run/lab/hb46pp
echo '{"ttl":3600,"order":[]}' >/run/lab/hb46pp/answer.json
echo ok >/run/lab/hb46pp/mode
: >/run/lab/hb46pp/requests.log
nsx update sh -c "HB46PP_DIR=/run/lab/hb46pp setsid socat OPENSSL-LISTEN:443,pf=ip6,bind=[$PROV_ADDR],reuseaddr,fork,cert=/lab/tls/prov.pem,key=/lab/tls/prov.key,verify=0 EXEC:/lab/hb46pp-handler.sh </dev/null >/dev/null 2>&1 & echo \$! >/run/lab/hb46pp/pid"
# The line's DNS: AFTR names at lab addresses in no catalog, and (lab.hb46pp=1) the 4over6.info TXT record.
/lab/line-dns.sh start
if [ "$RA" = 1 ]; then
  cat >/run/lab/ra.conf <<CONF
port=0
user=root
pid-file=/run/lab/dnsmasq-ra.pid
dhcp-leasefile=/run/lab/dnsmasq-ra.leases
interface=ce0
bind-interfaces
enable-ra
ra-param=ce0,10,600
dhcp-range=::,constructor:ce0,ra-stateless,64,2h
dhcp-option=option6:dns-server,[$DNS_ADDR]
dhcp-option=option6:domain-search,${LAB_DOMAIN:-flets-east.jp}
CONF
  nsx ngn dnsmasq -C /run/lab/ra.conf --log-facility=/run/lab/dnsmasq-ra.log
fi
if [ "$MODE" = fixed ]; then
  setsid /lab/br-follow.sh </dev/null >/dev/console 2>&1 &
fi

if [ "$RA" = 1 ]; then
  # SLAAC from the RA (duplicate address detection included), then DHCPv6 information-request as ifupdown's
  # `inet6 auto` + `dhcp 1` does: dhclient writes the line's DNS and search domain to resolv.conf only (an
  # information-request leaves no lease file: waiting for one waited out the loop on every RA boot, ~12 s).
  for _ in $(seq 400); do ip -6 addr show dev eth1 scope global | grep -q inet6 && [ -z "$(ip -6 addr show dev eth1 tentative)" ] && ip -6 route show default | grep -q . && break; sleep 0.05; done
  dhclient -6 -S -nw -pf /run/dhclient6.eth1.pid -lf /var/lib/dhcp/dhclient6.eth1.leases eth1 2>/dev/null
  for _ in $(seq 200); do grep -q "^nameserver $DNS_ADDR" /etc/resolv.conf 2>/dev/null && break; sleep 0.05; done
fi

if [ "${LAB_STATE:-clean}" = field-003 ]; then
  /lab/ce-field-003.sh
fi

# Wait until the servers listen (socat is quick, but the test starts right after READY).
nsx inet sh -c 'for i in $(seq 200); do grep -q ":232D " /proc/net/tcp && break; sleep 0.05; done'
nsx update sh -c 'for i in $(seq 200); do grep -q ":0050 " /proc/net/tcp6 && break; sleep 0.05; done'

