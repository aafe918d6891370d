#!/bin/bash
# An HB46PP provisioning server (spec v6pc/v6mig-prov §3.3/3.4), one HTTP/1.0 exchange per connection behind
# `socat OPENSSL-LISTEN:… EXEC:…`. What it answers is chosen by the file $HB46PP_DIR/mode, so one server plays every
# case: ok (200 + $HB46PP_DIR/answer.json), redirect (two 307 hops, then ok), loop (307 for ever), 403, 404, empty
# (order: []), authbad (auth: bad, order: []), malformed (not JSON), slow (never answers). Every request line,
# with its query and the peer, goes to $HB46PP_DIR/requests.log.
dir="${HB46PP_DIR:-/run/lab/hb46pp}"
cr="$(printf '\r')"
read -r method target proto || exit 0
target="${target%$cr}"
while read -r line; do line="${line%$cr}"; [ -z "$line" ] && break; done
mode="$(cat "$dir/mode" 2>/dev/null || echo ok)"
echo "$(date +%s) ${SOCAT_PEERADDR:-?} $mode $method $target" >>"$dir/requests.log"
reply() { printf 'HTTP/1.0 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n%sConnection: close\r\n\r\n%s' "$1" "$2" "${#3}" "${4:-}" "$3"; }
path="${target%%\?*}"; query="${target#"$path"}"
case "$mode" in
  redirect)
    case "$path" in
      /cpe/v1/config) reply '307 Temporary Redirect' text/plain '' "Location: /cpe/v1/hop1$query"$'\r\n' ;;
      /cpe/v1/hop1) reply '307 Temporary Redirect' text/plain '' "Location: /cpe/v1/final$query"$'\r\n' ;;
      *) reply '200 OK' application/json "$(cat "$dir/answer.json")" ;;
    esac ;;
  loop) reply '307 Temporary Redirect' text/plain '' "Location: /cpe/v1/again$query"$'\r\n' ;;
  403) reply '403 Forbidden' text/plain 'forbidden' ;;
  404) reply '404 Not Found' text/plain 'not found' ;;
  empty) reply '200 OK' application/json '{"ttl":3600,"order":[]}' ;;
  authbad) reply '200 OK' application/json '{"ttl":3600,"auth":"bad","order":[]}' ;;
  malformed) reply '200 OK' application/json '{"ttl":3600,"order":["map_e"],"map_e":' ;;
  slow) sleep 600 ;;
  *) reply '200 OK' application/json "$(cat "$dir/answer.json")" ;;
esac
