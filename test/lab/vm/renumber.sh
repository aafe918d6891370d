#!/bin/bash
# Renumbering: the NGN moves the line to another prefix, as after a re-contract or a maintenance. RA mode only:
# dnsmasq (constructor:ce0) announces the new /64 and deprecates the old one, so the CE's SLAAC moves by itself.
# MAP-E: the BR is re-provisioned for the new CE (address, IPv4, port set) and knows ONLY it from now on; fixed IP:
# the BR follows whatever the update server registers (br-follow.sh), so only the NGN changes here.
#   renumber.sh NEW_PREFIX NEW_PREFIX64 NEW_CE NEW_IPV4 [NEW_PORTS a-b,c-d,…]
set -eu
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
. /run/lab/params.sh
NEW_PREFIX=$1; NEW_P64=$2; NEW_CE=$3; NEW_IPV4=$4; NEW_PORTS="${5:-}"
OLD_PREFIX=$(cat /run/lab/prefix 2>/dev/null || echo "$LAB_PREFIX")
OLD_P64=$(cat /run/lab/prefix64 2>/dev/null || echo "$LAB_PREFIX64")
OLD_CE=$(cat /run/lab/ce 2>/dev/null || echo "$LAB_CE")
OLD_IPV4=$(cat /run/lab/ipv4 2>/dev/null || echo "$LAB_IPV4")
[ "${LAB_RA:-0}" = 1 ] || { echo "renumber.sh needs the RA lab (lab.ra=1)"; exit 2; }
nsx() { local ns="$1"; shift; ip netns exec "$ns" "$@"; }

if [ "$LAB_MODE" = mape ]; then
  # The BR first: from now on it accepts only the new CE address, IPv4 and ports.
  nsx br ip -6 tunnel change cetun mode ip4ip6 local "$LAB_BR" remote "$NEW_CE" dev ngn0 encaplimit none
  nsx br ip route replace "$NEW_IPV4/32" dev cetun
  [ "$NEW_IPV4" = "$OLD_IPV4" ] || nsx br ip route del "$OLD_IPV4/32" dev cetun
  nsx br nft -f - <<NFT
flush set inet br ce6
add element inet br ce6 { $NEW_CE }
flush set inet br ce4
add element inet br ce4 { $NEW_IPV4 }
flush set inet br ports
add element inet br ports { ${NEW_PORTS//,/, } }
flush set inet br icmp_ids
add element inet br icmp_ids { ${NEW_PORTS//,/, } }
NFT
fi
# The NGN: the new /64 on the link (dnsmasq announces it; the old one goes out with lifetime 0), the new /56
# routed to the CE, the old prefix no longer routed.
nsx ngn ip -6 addr add "${NEW_P64%/64}1/64" dev ce0 nodad
nsx ngn ip -6 addr del "${OLD_P64%/64}1/64" dev ce0
[ "$NEW_PREFIX" = "$NEW_P64" ] || nsx ngn ip -6 route replace "$NEW_PREFIX" via fe80::5054:ff:fe12:3401 dev ce0
[ "$OLD_PREFIX" = "$OLD_P64" ] || nsx ngn ip -6 route del "$OLD_PREFIX" via fe80::5054:ff:fe12:3401 dev ce0 2>/dev/null || true
nsx ngn nft -f - <<NFT
flush set inet ngn ceprefix
add element inet ngn ceprefix { $NEW_PREFIX }
NFT
echo "$NEW_PREFIX" >/run/lab/prefix; echo "$NEW_P64" >/run/lab/prefix64; echo "$NEW_CE" >/run/lab/ce; echo "$NEW_IPV4" >/run/lab/ipv4
echo "[lab] renumbered $OLD_PREFIX -> $NEW_PREFIX (CE $OLD_CE -> $NEW_CE, IPv4 $OLD_IPV4 -> $NEW_IPV4)"
