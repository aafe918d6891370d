#!/bin/bash
# The CE exactly as field report 003 left it (VyOS on BIGLOBE): tunnel to the v6plus DMR ::64 instead of
# the BIGLOBE BR, default encaplimit (4), the CE address NOT on any interface, IPv4 /32 on mape, default
# route dev mape, BR route via the NGN gateway, SNAT for tcp/udp to the FIRST 16-port block only.
set -eu
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
. /run/lab/params.sh
DMR=2404:9200:225:100::64
FIRST="${LAB_PORTS%%,*}"
ip -6 tunnel add mape mode ip4ip6 remote "$DMR" local "$LAB_CE" dev eth1
ip addr add "$LAB_IPV4/32" dev mape
ip link set mape up
ip route add default dev mape
ip -6 route add "$DMR/128" via fe80::1 dev eth1
echo 1 >/proc/sys/net/ipv4/ip_forward
nft -f - <<NFT
table ip vyos_nat {
	chain POSTROUTING {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "mape" ip saddr 192.168.1.0/24 meta l4proto { tcp, udp } counter snat to $LAB_IPV4:$FIRST comment "SRC-NAT-200"
		oifname "mape" meta l4proto { tcp, udp } counter snat to $LAB_IPV4:$FIRST comment "SRC-NAT-210"
	}
}
NFT
