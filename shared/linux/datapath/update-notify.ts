/**
 * Fixed IP (IPIP): the update-server ("再設定") notification. The server registers the request's own source as
 * the tunnel endpoint (ipoe-domain.md §3.1), so it goes over IPv6 from the CE address, and the reply must be
 * HTTP 200 with body `OK`. The password never appears in a script: it is read at run time from
 * $IPOE_UPDATE_PASS or /etc/ipoe-doctor/update-pass, and handed to curl on stdin (not argv, which `ps` shows).
 */
import type { UpdateServer } from '../../services/index.js';
import { UPDATE_PASS_ENV, UPDATE_PASS_FILE } from './names.js';
import { shq } from './sh.js';
import type { PlanStep } from './step.js';
import { ceText } from './text.js';

export interface UpdateRequest {
  /** URL without the query, e.g. http://fcs.enabler.ne.jp/update */
  base: string;
  userParam: string;
  passParam: string;
}

/** Split the catalog's `…?user={user}&pass={password}` template into the URL and the two parameter names. */
export function updateRequestOf(server: UpdateServer): UpdateRequest {
  const [base, query = ''] = server.urlTemplate.split('?');
  const params = query.split('&').map((kv) => kv.split('=') as [string, string | undefined]);
  const userParam = params.find(([, v]) => v === '{user}')?.[0];
  const passParam = params.find(([, v]) => v === '{password}')?.[0];
  if (!base || !userParam || !passParam) throw new Error(`update URL template without {user}/{password}: ${server.urlTemplate}`);
  return { base, userParam, passParam };
}

/** How the URL is shown to people: the password is the variable's name, never its value. */
export function displayedUpdateUrl(req: UpdateRequest, user: string): string {
  return `${req.base}?${req.userParam}=${encodeURIComponent(user)}&${req.passParam}=$${UPDATE_PASS_ENV}`;
}

export const UPDATE_FUNCTIONS = [
  'update_pass() {',
  `\tif [ -n "\${${UPDATE_PASS_ENV}:-}" ]; then printf '%s' "$${UPDATE_PASS_ENV}"`,
  `\telif [ -r ${UPDATE_PASS_FILE} ]; then cat ${UPDATE_PASS_FILE}`,
  `\telse echo "ipoe-doctor: no update password: set ${UPDATE_PASS_ENV} or write it to ${UPDATE_PASS_FILE} (mode 600)" >&2; return 1; fi`,
  '}',
  '# notify_update BASE_URL USER_PARAM USER PASS_PARAM CE: GET over IPv6 from CE; succeed only on 200 + "OK".',
  'notify_update() {',
  '\tpass=$(update_pass) || return 1',
  "\tesc=$(printf '%s' \"$pass\" | sed 's/[\\\\\"]/\\\\&/g')",
  '\tn=1',
  '\twhile :; do',
  "\t\tout=$(printf 'url = \"%s\"\\ndata-urlencode = \"%s=%s\"\\n' \"$1\" \"$4\" \"$esc\" |",
  '\t\t\tcurl -q -6 -G -sS -m 10 --interface "$5" --data-urlencode "$2=$3" -K - -w \'\\n%{http_code}\') || out="curl failed"',
  "\t\tcode=$(printf '%s\\n' \"$out\" | tail -n 1)",
  "\t\tbody=$(printf '%s\\n' \"$out\" | sed '$d' | tr -d '\\r' | sed -e 's/^[[:space:]]*//; s/[[:space:]]*$//')",
  '\t\tif [ "$code" = 200 ] && [ "$body" = OK ]; then say "update server: OK (HTTP 200)"; return 0; fi',
  '\t\tsay "update server did not confirm (HTTP $code, body: $(printf \'%s\' "$body" | head -c 200)); try $n of 3"',
  '\t\t[ "$n" -ge 3 ] && return 1',
  '\t\tn=$((n + 1)); sleep 10',
  '\tdone',
  '}',
];

export function updateNotifyStep(req: UpdateRequest, user: string, ce: string): PlanStep {
  return {
    id: 'update-notify',
    text: ceText('STEP_UPDATE_NOTIFY', { url: displayedUpdateUrl(req, user), ce }),
    check: null,
    apply: [
      `notify_update ${shq(req.base)} ${shq(req.userParam)} ${shq(user)} ${shq(req.passParam)} ${ce} || fail "the update server did not accept the notification: the BR will not accept this CE's traffic"`,
    ],
    undo: [],
    kind: 'action',
  };
}
