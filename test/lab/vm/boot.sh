#!/bin/bash
# PID 1 is busybox init; this is its sysinit. The VM's root network namespace IS the CE: SSH lands here.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
say() { echo "[lab] $*" >/dev/console; }

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
[ -e /dev/ptmx ] || ln -s pts/ptmx /dev/ptmx
mount -t tmpfs -o mode=755 tmpfs /run
mount -t tmpfs -o mode=1777 tmpfs /tmp
mkdir -p /run/lab /run/netns /var/run
hostname ce

# Parameters from the kernel command line (lab.KEY=VALUE, written by lab.ts from `ipoe-doctor calc`).
: >/run/lab/params.sh
for w in $(cat /proc/cmdline); do
  case "$w" in
    lab.*=*) k="${w%%=*}"; k="${k#lab.}"; v="${w#*=}"; printf "LAB_%s='%s'\n" "${k^^}" "$v" >>/run/lab/params.sh ;;
  esac
done
. /run/lab/params.sh

# The cloud kernel has everything as modules (docs §5.3b).
# (nft_exthdr and nft_rt are built into nf_tables.ko in 6.1.0-56; dummy0 is not wanted.)
modprobe dummy numdummies=0
modprobe -a virtio_pci virtio_net virtio_rng veth tunnel6 ip6_tunnel nf_tables nf_conntrack nf_nat nft_chain_nat \
  nft_nat nft_ct nft_numgen nft_masq nft_objref nft_reject_inet nft_fib_inet 2>&1 | sed 's/^/[lab] modprobe: /' >/dev/console

ip link set lo up
for _ in $(seq 100); do [ -e /sys/class/net/eth0 ] && break; sleep 0.05; done
# eth0: qemu user networking (10.0.2.15/24, the VM's own NIC; only the SSH port forward reaches it).
# No IPv6 on it: the provider's IPv6 is eth1 only (qemu also runs with ipv6=off; no slirp RA).
echo 1 >/proc/sys/net/ipv6/conf/eth0/disable_ipv6
ip link set eth0 up
ip addr add 10.0.2.15/24 dev eth0

# The sudo user's password (from lab.ts, on the command line) and the ownership its SSH login insists on.
echo "ceadmin:$(mkpasswd -m sha512 "$LAB_SUDOPASS"):19000:0:99999:7:::" >>/etc/shadow
chown -R 1000:1000 /home/ceadmin && chmod 700 /home/ceadmin /home/ceadmin/.ssh && chmod 600 /home/ceadmin/.ssh/authorized_keys

dropbear -R -E -p 22 -P /run/dropbear.pid 2>/dev/console

if bash /lab/topology.sh >/dev/console 2>&1; then
  read -r up _ </proc/uptime
  say "LAB READY service=${LAB_SERVICE:-?} state=${LAB_STATE:-clean} uptime=${up}s"
  touch /run/lab/ready
else
  say "LAB FAILED: topology.sh exited $?"
fi
