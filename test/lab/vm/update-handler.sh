#!/bin/bash
# The fixed-IP update ("再設定") server: GET /update?user=U&pass=P over IPv6. On the right credentials it
# answers 200 "OK" and registers the request's SOURCE address as the tunnel endpoint (br-follow.sh moves the
# BR there). Wrong credentials: 401 "NG". Any other path: an HTML page (as public reports describe).
. /run/lab/params.sh
cr="$(printf '\r')"
read -r method target proto || exit 0
target="${target%$cr}"
while read -r line; do line="${line%$cr}"; [ -z "$line" ] && break; done
# socat gives the full form (240b:0011:…); write it the way ip(8) prints it (RFC 5952).
canon() {
  case "$1" in *::*) echo "$1"; return ;; esac
  local IFS=: out=() g i best=-1 bestlen=0 run=-1 len=0
  for g in $1; do out+=("$(printf '%x' "$((16#$g))")"); done
  for i in "${!out[@]}"; do
    if [ "${out[$i]}" = 0 ]; then
      [ "$run" -lt 0 ] && run=$i
      len=$((len + 1))
      if [ "$len" -gt "$bestlen" ]; then best=$run; bestlen=$len; fi
    else run=-1; len=0; fi
  done
  if [ "$bestlen" -lt 2 ]; then echo "${out[*]}"; return; fi
  local left="${out[*]:0:best}" right="${out[*]:best+bestlen}"
  echo "${left}::${right}"
}
peer="${SOCAT_PEERADDR#[}"; peer="$(canon "${peer%]}")"
reply() { printf 'HTTP/1.0 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' "$1" "$2" "${#3}" "$3"; }
user=""; pass=""
case "$target" in
  /update\?*)
    q="${target#*\?}"
    old_ifs="$IFS"; IFS='&'
    for kv in $q; do
      case "$kv" in user=*) user="${kv#user=}" ;; pass=*) pass="${kv#pass=}" ;; esac
    done
    IFS="$old_ifs"
    if [ "$user" = "${LAB_UPDUSER:-}" ] && [ "$pass" = "${LAB_UPDPASS:-}" ]; then
      echo "$(date +%s) $peer $method $target -> OK" >>/run/lab/update.log
      echo "$peer" >/run/lab/registered.tmp && mv /run/lab/registered.tmp /run/lab/registered
      reply '200 OK' 'text/plain' 'OK'
    else
      echo "$(date +%s) $peer $method $target -> NG" >>/run/lab/update.log
      reply '401 Unauthorized' 'text/plain' 'NG'
    fi
    ;;
  *)
    echo "$(date +%s) $peer $method $target -> page" >>/run/lab/update.log
    reply '200 OK' 'text/html' '<html><body>update server</body></html>'
    ;;
esac
