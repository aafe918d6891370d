#!/bin/bash
# Opens N TCP connections one after the other from this namespace and keeps them open (one bash process
# holds every socket: cheap enough for the 1008 of OCN), then makes EXTRA more attempts in parallel (the
# over-the-limit probe; those are closed at once). Prints one line, then holds the N until killed/HOLD ends.
#   tcp-many.sh N HOST PORT [HOLD_SECONDS] [PIDFILE] [EXTRA]
# A connection the CE or the BR drops fails after ~3 s (tcp_syn_retries=1 in this namespace).
n="$1" host="$2" port="$3" hold="${4:-120}" pidfile="${5:-}" extra="${6:-0}"
[ -n "$pidfile" ] && echo $$ >"$pidfile"
ulimit -n 16384
echo 1 >/proc/sys/net/ipv4/tcp_syn_retries
ok=0 fail=0 t0="$EPOCHREALTIME"
for ((i = 0; i < n; i++)); do
  if exec {fd}<>"/dev/tcp/$host/$port"; then ok=$((ok + 1)); else fail=$((fail + 1)); fi
done 2>/dev/null
pids=()
for ((i = 0; i < extra; i++)); do
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null &
  pids+=($!)
done
xok=0 xfail=0
for p in "${pids[@]}"; do
  if wait "$p"; then xok=$((xok + 1)); else xfail=$((xfail + 1)); fi
done
t1="$EPOCHREALTIME"
echo "tcp-many opened=$ok failed=$fail extra_opened=$xok extra_failed=$xfail ms=$(( (${t1/./} - ${t0/./}) / 1000 ))"
sleep "$hold"
