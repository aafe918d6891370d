#!/usr/bin/env bash
# Builds the provider lab for the Linux CE mode (issue 7): a Debian 12 cloud kernel and a small initramfs
# that turns one qemu VM into CE + NGN + BR + Internet + update server (network namespaces, see README.md).
#
# Idempotent: everything is cached in <repo>/.lab-cache/ (gitignored). A second run with nothing changed
# only checks and prints the paths. Needs root (apt-get) unless every package is already installed.
#
#   bash test/lab/build-lab.sh           # build or reuse
#   bash test/lab/build-lab.sh --force   # rebuild the initramfs
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CACHE="$REPO/.lab-cache"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1
mkdir -p "$CACHE"
# One build at a time (several test runs may start together); the finished image is swapped in atomically.
exec 9>"$CACHE/.build.lock"
flock 9
log() { printf '[build-lab] %s\n' "$*" >&2; }

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------------------------------------------------
# 1. Host packages (Debian 12). Only what is missing is installed; apt-get update only when needed.
# ---------------------------------------------------------------------------------------------------------
PKGS=(qemu-system-x86 busybox-static dropbear-bin nftables iproute2 socat cpio kmod openssh-client bash dash
  curl iputils-ping tcpdump gzip sudo dnsmasq-base isc-dhcp-client openssl)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---------------------------------------------------------------------------------------------------------
# 2. The kernel: the current Debian cloud kernel package, resolved through the metapackage.
# ---------------------------------------------------------------------------------------------------------
resolve_kernel_pkg() {
  apt-cache depends linux-image-cloud-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-6\.1[^ ]*-cloud-amd64\)$/\1/p' | head -n1
}
KPKG="$(resolve_kernel_pkg || true)"
if [ -z "$KPKG" ]; then
  $SUDO apt-get update -qq || true
  KPKG="$(resolve_kernel_pkg || true)"
fi
if [ -z "$KPKG" ]; then
  # No apt lists at all: reuse whatever kernel was cached before.
  KPKG="$(cat "$CACHE/kernel-package" 2>/dev/null || true)"
  [ -n "$KPKG" ] || { log "cannot resolve the cloud kernel package (apt-cache depends linux-image-cloud-amd64)"; exit 1; }
  log "apt-cache gave no answer; reusing the cached $KPKG"
fi
KVER="${KPKG#linux-image-}"
KDIR="$CACHE/kernel/$KPKG"
if [ ! -f "$KDIR/boot/vmlinuz-$KVER" ]; then
  log "downloading $KPKG"
  mkdir -p "$CACHE/debs"
  deb="$(ls "$CACHE/debs/${KPKG}_"*.deb 2>/dev/null | head -n1 || true)"
  if [ -z "$deb" ]; then
    (cd "$CACHE/debs" && chmod 0777 . && apt-get download "$KPKG" >/dev/null 2>&1) || (cd "$CACHE/debs" && $SUDO apt-get download "$KPKG")
    deb="$(ls "$CACHE/debs/${KPKG}_"*.deb | head -n1)"
  fi
  rm -rf "$KDIR.tmp" && mkdir -p "$KDIR.tmp"
  dpkg-deb -x "$deb" "$KDIR.tmp"
  rm -rf "$KDIR" && mv "$KDIR.tmp" "$KDIR"
fi
echo "$KPKG" >"$CACHE/kernel-package"
cp -f "$KDIR/boot/vmlinuz-$KVER" "$CACHE/vmlinuz"

# ---------------------------------------------------------------------------------------------------------
# 3. Keys: the client key the host logs in with, and the VM's (stable) dropbear host key.
# ---------------------------------------------------------------------------------------------------------
mkdir -p "$CACHE/keys" && chmod 700 "$CACHE/keys"
[ -f "$CACHE/keys/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C 'ipoe-doctor-lab' -f "$CACHE/keys/id_ed25519"
if [ ! -f "$CACHE/keys/dropbear_ed25519_host_key" ]; then
  dropbearkey -t ed25519 -f "$CACHE/keys/dropbear_ed25519_host_key" >/dev/null 2>&1
fi
dropbearkey -y -f "$CACHE/keys/dropbear_ed25519_host_key" 2>/dev/null | grep '^ssh-ed25519 ' | awk '{print $1" "$2}' >"$CACHE/keys/host_key.pub"
# The lab CA and the provisioning server's certificate (HB46PP over https, t=b: the CE verifies it against the lab
# CA, installed in the VM as its system CA bundle). Made once, kept (long-lived: the lab is private to the VM).
if [ ! -f "$CACHE/keys/prov.pem" ]; then
  (cd "$CACHE/keys" &&
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout lab-ca.key -out lab-ca.pem -days 3650 -subj '/CN=IPoE Doctor lab CA' 2>/dev/null &&
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout prov.key -out prov.csr -subj '/CN=prov.lab' 2>/dev/null &&
    printf 'subjectAltName=DNS:prov.lab\n' >prov.ext &&
    openssl x509 -req -in prov.csr -CA lab-ca.pem -CAkey lab-ca.key -CAcreateserial -out prov.pem -days 3650 -extfile prov.ext 2>/dev/null &&
    rm -f prov.csr prov.ext)
fi

# ---------------------------------------------------------------------------------------------------------
# 4. Is the initramfs up to date? (inputs: this script, vm/*, the kernel, the keys, the host binaries)
# ---------------------------------------------------------------------------------------------------------
BINS=(/usr/sbin/ip /usr/bin/ss /usr/sbin/nft /usr/bin/socat /usr/sbin/dropbear /usr/bin/dropbearkey /usr/bin/bash /usr/bin/dash
  /usr/bin/curl /usr/bin/ping /usr/bin/tcpdump /usr/bin/kmod /usr/bin/busybox /usr/bin/sudo
  /usr/libexec/sudo/sudoers.so /usr/lib/x86_64-linux-gnu/security/pam_unix.so /usr/lib/x86_64-linux-gnu/security/pam_permit.so
  /usr/lib/x86_64-linux-gnu/security/pam_deny.so
  /usr/sbin/dnsmasq /usr/sbin/dhclient /usr/sbin/dhclient-script)
stamp="$( { cat "$0" "$HERE"/vm/*; echo "$KPKG"; cat "$CACHE/keys/id_ed25519.pub" "$CACHE/keys/host_key.pub" "$CACHE/keys/lab-ca.pem" "$CACHE/keys/prov.pem";
  for b in "${BINS[@]}"; do sha256sum "$b"; done; } | sha256sum | cut -c1-16)"
if [ "$FORCE" -eq 0 ] && [ -f "$CACHE/initramfs.img" ] && [ "$(cat "$CACHE/initramfs.stamp" 2>/dev/null)" = "$stamp" ]; then
  log "up to date: $CACHE/vmlinuz $CACHE/initramfs.img ($KPKG)"
  exit 0
fi

# ---------------------------------------------------------------------------------------------------------
# 5. The root file system (merged /usr like Debian 12: /bin /sbin /lib /lib64 are symlinks).
# ---------------------------------------------------------------------------------------------------------
ROOT="$CACHE/rootfs"
rm -rf "$ROOT"
mkdir -p "$ROOT"/{usr/bin,usr/sbin,usr/lib,usr/lib64,etc,proc,sys,dev,run,tmp,root/.ssh,var/log,var/run,lab,etc/dropbear,var/lib/dhcp,etc/ssl/certs,lab/tls}
ln -s usr/bin "$ROOT/bin"; ln -s usr/sbin "$ROOT/sbin"; ln -s usr/lib "$ROOT/lib"; ln -s usr/lib64 "$ROOT/lib64"
chmod 1777 "$ROOT/tmp"; chmod 700 "$ROOT/root" "$ROOT/root/.ssh"

# Host path -> path inside the merged-/usr tree.
inroot() { case "$1" in /usr/*) echo "$ROOT$1" ;; *) echo "$ROOT/usr$1" ;; esac; }
copy_file() {
  local src="$1" dst
  dst="$(inroot "$src")"
  [ -e "$dst" ] && return 0
  mkdir -p "$(dirname "$dst")"
  cp -L "$src" "$dst"
}
copy_bin() {
  local b="$1" lib
  copy_file "$b"
  # Shared libraries (and the dynamic loader) the binary needs.
  while read -r lib; do
    [ -n "$lib" ] && copy_file "$lib"
  done < <(ldd "$b" 2>/dev/null | awk '/=> \//{print $3} /^\t\/[^ ]+ \(/{print $1}')
}
for b in "${BINS[@]}"; do copy_bin "$b"; done
# sudo for the non-root login (LAB_SUDO in lab.ts): setuid, its sudoers plugin, and PAM with pam_unix only.
chmod 4755 "$ROOT/usr/bin/sudo"
mkdir -p "$ROOT/etc/pam.d" "$ROOT/etc/sudoers.d"
printf 'auth required pam_unix.so\naccount required pam_unix.so\nsession required pam_permit.so\n' >"$ROOT/etc/pam.d/sudo"
printf 'auth required pam_deny.so\naccount required pam_deny.so\n' >"$ROOT/etc/pam.d/other"
cat >"$ROOT/etc/sudoers" <<'EOF'
Defaults env_reset
Defaults secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
Defaults !fqdn, !lecture
root ALL=(ALL:ALL) ALL
ceadmin ALL=(ALL:ALL) ALL
EOF
chmod 440 "$ROOT/etc/sudoers"
mkdir -p "$ROOT/home/ceadmin/.ssh"
cp "$CACHE/keys/id_ed25519.pub" "$ROOT/home/ceadmin/.ssh/authorized_keys"
# Symlinks for the tools that are reached through other names.
ln -sf dash "$ROOT/usr/bin/sh"
for n in modprobe insmod rmmod lsmod depmod modinfo; do ln -sf ../bin/kmod "$ROOT/usr/sbin/$n"; done
ln -sf ip "$ROOT/usr/sbin/ip6" 2>/dev/null || true
# Every other tool is a busybox applet. Real binaries are never shadowed (ip, ping, sh, modprobe…).
for a in $(busybox --list); do
  case "$a" in busybox|sh|ash) continue ;; esac
  [ -e "$ROOT/usr/bin/$a" ] || [ -e "$ROOT/usr/sbin/$a" ] || ln -s busybox "$ROOT/usr/bin/$a"
done
ln -sf ../bin/busybox "$ROOT/init"

# Library search cache (the loader also finds the multiarch dirs without it, but be explicit).
printf '/usr/lib/x86_64-linux-gnu\n/lib/x86_64-linux-gnu\n' >"$ROOT/etc/ld.so.conf"
ldconfig -r "$ROOT" 2>/dev/null || true

# Data files: protocol/service names (nft, socat), iproute2 tables, terminfo for bash.
for f in /etc/protocols /etc/services /etc/ethertypes; do [ -f "$f" ] && cp -L "$f" "$ROOT/etc/"; done
[ -d /usr/share/iproute2 ] && mkdir -p "$ROOT/usr/share" && cp -a /usr/share/iproute2 "$ROOT/usr/share/"
[ -d /etc/iproute2 ] && cp -a /etc/iproute2 "$ROOT/etc/"
for t in v/vt100 x/xterm l/linux d/dumb; do
  for d in /usr/share/terminfo /lib/terminfo; do
    if [ -f "$d/$t" ]; then mkdir -p "$(inroot "$d")/$(dirname "$t")"; cp -L "$d/$t" "$(inroot "$d")/$t"; fi
  done
done

cat >"$ROOT/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/bash
ceadmin:x:1000:1000:lab sudo user:/home/ceadmin:/bin/bash
tcpdump:x:104:110::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
echo 'root:*:19000:0:99999:7:::' >"$ROOT/etc/shadow"; chmod 600 "$ROOT/etc/shadow"
printf 'root:x:0:\nceadmin:x:1000:\ntcpdump:x:110:\nnogroup:x:65534:\n' >"$ROOT/etc/group"
printf '/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/dash\n/usr/bin/dash\n' >"$ROOT/etc/shells"
echo ce >"$ROOT/etc/hostname"
printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files\nservices: files\nprotocols: files\n' >"$ROOT/etc/nsswitch.conf"
cat >"$ROOT/etc/hosts" <<'EOF'
127.0.0.1	localhost
127.0.1.1	ce
::1	localhost ip6-localhost ip6-loopback
# The lab's provider side (see test/lab/README.md).
2001:db8:f00d::80	fcs.enabler.ne.jp update.transix.jp update.lab
2001:db8:f00d::443	prov.lab
198.51.100.10	inet.lab
EOF
# dhclient-script reads it.
: >"$ROOT/etc/fstab"
# The CE trusts the lab CA as its system CAs (curl's default bundle on Debian), so t=b verifies for real.
cp "$CACHE/keys/lab-ca.pem" "$ROOT/etc/ssl/certs/ca-certificates.crt"
cp "$CACHE/keys/prov.pem" "$CACHE/keys/prov.key" "$ROOT/lab/tls/"
chmod 600 "$ROOT/lab/tls/prov.key"
cat >"$ROOT/etc/profile" <<'EOF'
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root
[ -n "${BASH_VERSION:-}" ] && PS1='\u@\h:\w\$ '
EOF
cat >"$ROOT/etc/inittab" <<'EOF'
::sysinit:/lab/boot.sh
::ctrlaltdel:/bin/busybox poweroff -f
::shutdown:/bin/busybox true
EOF
cp "$CACHE/keys/id_ed25519.pub" "$ROOT/root/.ssh/authorized_keys"; chmod 600 "$ROOT/root/.ssh/authorized_keys"
cp "$CACHE/keys/dropbear_ed25519_host_key" "$ROOT/etc/dropbear/"; chmod 600 "$ROOT/etc/dropbear/dropbear_ed25519_host_key"

# The lab's own scripts.
cp "$HERE"/vm/* "$ROOT/lab/"
chmod 755 "$ROOT"/lab/*.sh

# ---------------------------------------------------------------------------------------------------------
# 6. Kernel modules: kernel/net/{netfilter,ipv4,ipv6,8021q,sched}, the NIC drivers, and every dependency.
# ---------------------------------------------------------------------------------------------------------
KMOD="$KDIR/lib/modules/$KVER"
[ -f "$KMOD/modules.dep" ] || depmod -b "$KDIR" "$KVER"
MROOT="$ROOT/usr/lib/modules/$KVER"
mkdir -p "$MROOT"
cp "$KMOD"/modules.order "$KMOD"/modules.builtin "$KMOD"/modules.builtin.modinfo "$MROOT/" 2>/dev/null || true
want="$( (cd "$KMOD" && find kernel/net/netfilter kernel/net/ipv4 kernel/net/ipv6 kernel/net/8021q kernel/net/sched -name '*.ko*' 2>/dev/null; \
  for m in virtio_pci virtio_net virtio_rng veth dummy tunnel6 ip6_tunnel; do modprobe -d "$KDIR" -S "$KVER" -D "$m" 2>/dev/null | awk '$1=="insmod"{print $2}' | sed "s#^$KDIR/lib/modules/$KVER/##"; done) | sort -u)"
# Close over modules.dep so every copied module has its dependencies.
declare -A seen=()
queue=($want)
while [ "${#queue[@]}" -gt 0 ]; do
  m="${queue[0]}"; queue=("${queue[@]:1}")
  [ -n "${seen[$m]:-}" ] && continue
  seen[$m]=1
  mkdir -p "$MROOT/$(dirname "$m")"; cp "$KMOD/$m" "$MROOT/$m"
  deps="$(awk -v m="$m:" '$1==m{ $1=""; print }' "$KMOD/modules.dep")"
  for d in $deps; do [ -z "${seen[$d]:-}" ] && queue+=("$d"); done
done
depmod -b "$ROOT" "$KVER"
log "modules: ${#seen[@]} copied"

# ---------------------------------------------------------------------------------------------------------
# 7. Pack.
# ---------------------------------------------------------------------------------------------------------
(cd "$ROOT" && find . -print0 | cpio --null -o -H newc --quiet | gzip -1) >"$CACHE/initramfs.img.tmp"
mv "$CACHE/initramfs.img.tmp" "$CACHE/initramfs.img"
echo "$stamp" >"$CACHE/initramfs.stamp"
log "built $CACHE/initramfs.img ($(du -h "$CACHE/initramfs.img" | cut -f1)) for $KPKG"
