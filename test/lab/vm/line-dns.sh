#!/bin/bash
# The line's DNS on the NGN side (dnsmasq in namespace ngn, 2001:db8:53::53): the DS-Lite AFTR names at lab
# addresses that are in no catalog, prov.lab, and with lab.hb46pp=1 the TXT record of 4over6.info pointing at the
# lab's provisioning server. Authoritative for those domains: any other name there is NXDOMAIN.
#   line-dns.sh start | stop | restart [without-txt]
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
. /run/lab/params.sh
pidf=/run/lab/dnsmasq-dns.pid
stop() { [ -f "$pidf" ] && kill "$(cat "$pidf")" 2>/dev/null; for _ in $(seq 100); do [ -e "/proc/$(cat "$pidf" 2>/dev/null)" ] || break; sleep 0.05; done; rm -f "$pidf"; }
start() {
  txt=""
  if [ "${LAB_HB46PP:-0}" = 1 ] && [ "${1:-}" != without-txt ]; then txt='txt-record=4over6.info,"v=v6mig-1 url=https://prov.lab/cpe/v1/config t=b"'; fi
  cat >/run/lab/dns.conf <<CONF
port=53
user=root
pid-file=$pidf
listen-address=2001:db8:53::53
bind-interfaces
no-resolv
no-hosts
host-record=gw.transix.jp,2001:db8:af7e::1
host-record=dgw.xpass.jp,2001:db8:af7e::2
host-record=dslite.v6connect.net,2001:db8:af7e::3
host-record=prov.lab,2001:db8:f00d::443
local=/transix.jp/
local=/xpass.jp/
local=/v6connect.net/
local=/4over6.info/
local=/lab/
$txt
CONF
  ip netns exec ngn dnsmasq -C /run/lab/dns.conf --log-facility=/run/lab/dnsmasq-dns.log
  for _ in $(seq 200); do ip netns exec ngn grep -q ":0035 " /proc/net/udp6 && break; sleep 0.05; done
}
case "${1:-start}" in
  start) start "${2:-}" ;;
  stop) stop ;;
  restart) stop; start "${2:-}" ;;
esac
