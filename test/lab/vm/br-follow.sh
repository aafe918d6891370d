#!/bin/bash
# Fixed-IP mode: the BR's tunnel peer is whatever the update server registered last.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
. /run/lab/params.sh
cur="$(cat /run/lab/registered)"
while sleep 0.2; do
  new="$(cat /run/lab/registered 2>/dev/null)" || continue
  [ -n "$new" ] && [ "$new" != "$cur" ] || continue
  if ip netns exec br ip -6 tunnel change cetun mode ip4ip6 local "$LAB_BR" remote "$new" dev ngn0 encaplimit none &&
    ip netns exec br nft "flush set inet br ce6; add element inet br ce6 { $new }"; then
    echo "[lab] BR tunnel peer is now $new (was $cur)"
    cur="$new"
  fi
done
