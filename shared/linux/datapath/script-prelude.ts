/**
 * Shell functions the generated scripts share. They are printed at the top of every script, so what the
 * user reviews is the whole program, not a call into something hidden.
 */
import { STATE_DIR } from './names.js';

/**
 * Busybox `sh` runs its own `ip` applet even when iproute2's is first in PATH (ipoe-domain.md §5.3b), and the
 * applet knows neither `encaplimit` nor `-j`: resolve iproute2 and nft by full path and call them through
 * functions, which every sh looks up before applets and PATH.
 */
export const TOOL_RESOLUTION = [
  'find_tool() {',
  '\tfor d in /usr/sbin /sbin /usr/bin /bin /usr/local/sbin; do',
  '\t\tif [ -x "$d/$1" ] && "$d/$1" $2 2>&1 | grep -q "$3"; then echo "$d/$1"; return 0; fi',
  '\tdone',
  '\treturn 1',
  '}',
  "IP_BIN=$(find_tool ip -V iproute2) || { echo 'ipoe-doctor: iproute2 `ip` not found (apt-get install iproute2)' >&2; exit 1; }",
  'ip() { "$IP_BIN" "$@"; }',
];

export const NFT_RESOLUTION = [
  "NFT_BIN=$(find_tool nft --version nftables) || { echo 'ipoe-doctor: nft not found (apt-get install nftables)' >&2; exit 1; }",
  'nft() { "$NFT_BIN" "$@"; }',
];

export const COMMON = [
  // IPOE_DOCTOR_STATE moves the state (tests in a network namespace must not touch the host's).
  `STATE=\${IPOE_DOCTOR_STATE:-${STATE_DIR}}`,
  'JOURNAL=$STATE/journal',
  'say() { printf "ipoe-doctor: %s\\n" "$*"; }',
];

export const APPLY_FUNCTIONS = [
  'umask 022',
  'mkdir -p "$STATE"',
  'touch "$JOURNAL"',
  '# Record that a step changed something (once), so rollback undoes exactly that.',
  'journal() { grep -qx "$1" "$JOURNAL" || echo "$1" >> "$JOURNAL"; }',
  '# Keep the value a setting had before the first change; later runs never overwrite it.',
  'save_sysctl() { [ -e "$STATE/sysctl.$1" ] || sysctl -n "$1" > "$STATE/sysctl.$1"; }',
  '# Keep the routes a step replaces ($1: file name, then the `ip route show` selector).',
  'save_routes() { f="$STATE/routes.$1"; shift; [ -e "$f" ] || ip "$@" > "$f"; }',
  'fail() { echo "ipoe-doctor: $*" >&2; exit 1; }',
];

export const ROLLBACK_FUNCTIONS = [
  'rc=0',
  'journaled() { [ -e "$JOURNAL" ] && grep -qx "$1" "$JOURNAL"; }',
  'unjournal() { grep -vx "$1" "$JOURNAL" > "$JOURNAL.tmp" || true; mv "$JOURNAL.tmp" "$JOURNAL"; }',
  'undo() { "$@" || { echo "ipoe-doctor: could not undo: $*" >&2; rc=1; }; }',
  'restore_sysctl() {',
  '\tif [ -e "$STATE/sysctl.$1" ]; then undo sysctl -qw "$1=$(cat "$STATE/sysctl.$1")" && rm -f "$STATE/sysctl.$1"; fi',
  '}',
  '# Re-add routes saved by save_routes ($1: file, $2: -4 or -6); flags `ip route show` prints but `ip route add`',
  '# refuses, and the remaining lifetime, are left out.',
  'restore_routes() {',
  '\tf="$STATE/routes.$1"',
  '\t[ -e "$f" ] || return 0',
  '\twhile read -r line; do',
  '\t\t[ -n "$line" ] || continue',
  "\t\tline=$(printf '%s\\n' \"$line\" | sed -e 's/ linkdown//g; s/ dead//g; s/ offload//g; s/ trap//g; s/ expires [0-9]*sec//g')",
  '\t\t# shellcheck disable=SC2086 # the saved line is a list of ip arguments',
  '\t\tundo ip "$2" route replace $line',
  '\tdone < "$f"',
  '\trm -f "$f"',
  '}',
];
