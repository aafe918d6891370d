#!/bin/sh
# One HTTP/1.0 exchange on the "Internet" host: says who asked (the address and port the BR delivered).
cr="$(printf '\r')"
read -r method target proto || exit 0
while read -r line; do line="${line%$cr}"; [ -z "$line" ] && break; done
body="hello from inet: you are ${SOCAT_PEERADDR}:${SOCAT_PEERPORT}"
printf 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s\n' "$(( ${#body} + 1 ))" "$body"
