/**
 * The fixed-IP update notification as a Lua script kept in the router (`embedded file`), written for IPoE Doctor.
 * It does what Yamaha's published v6plus script does (ipoe-domain.md §3.1): call the provider's update server over
 * HTTP and log the outcome in the same words the diagnosis reads (`Notified …`, `OK|NG to update … (code=N`,
 * `Failed to notify …`). It also calls once when started, so a set-up takes effect without waiting for the next
 * prefix change. Its settings are the variables the diagnosis and the twin read (UPD_SV, USERNAME, PASSWORD,
 * IPv6_IF). The URL's `?` is built with string.char(63): typed on an RTX console a `?` asks for help.
 */
import type { ServiceRecord } from '../../services/index.js';
import { SECRET_SLOTS } from './secrets.js';

export const UPDATE_SCRIPT_NAME = 'ipoe-doctor-fixed-ip.lua';

export interface UpdateScriptOptions {
  /** The catalog's update URL template, `http://host/path?user={user}&pass={password}`. */
  service: ServiceRecord;
  /** The LAN interface whose `Add IPv6 prefix … via LAN1 by` log line means a new prefix (`lan1`). */
  lan: string;
}

/** `http://fcs.enabler.ne.jp/update?user={user}&pass={password}` → the server and the query as a Lua format. */
export function splitUpdateUrl(template: string): { server: string; query: string } | null {
  const m = /^([a-z]+:\/\/[^?]+)\?(.*)$/i.exec(template);
  if (!m || !m[2]!.includes('{user}') || !m[2]!.includes('{password}')) return null;
  const query = m[2]!.replace(/%/g, '%%').replace('{user}', '%s').replace('{password}', '%s');
  // The query names the user first, as both catalogued templates do.
  if (m[2]!.indexOf('{user}') > m[2]!.indexOf('{password}')) return null;
  return { server: m[1]!, query };
}

/** The tag the script logs under: `[v6plus]` as Yamaha's script does, else the service id. */
function logTag(service: ServiceRecord): string {
  return service.id.startsWith('v6plus') ? 'v6plus' : service.id.split('-')[0]!;
}

/** The script's lines (without the heredoc's first and last line). Throws for a service without an update URL. */
export function updateScriptBody(opts: UpdateScriptOptions): string[] {
  const url = opts.service.update?.value.urlTemplate;
  const parts = url ? splitUpdateUrl(url) : null;
  if (!parts) throw new Error(`${opts.service.id} has no update URL the script can call`);
  return [
    `-- IPoE Doctor: tell the ${opts.service.name} update server this router's IPv6 prefix`,
    `UPD_SV = "${parts.server}"`,
    `UPD_QUERY = "${parts.query}"`,
    `USERNAME = "${SECRET_SLOTS.updateUser}"`,
    `PASSWORD = "${SECRET_SLOTS.updatePassword}"`,
    `IPv6_IF = "${opts.lan.toUpperCase()}"`,
    `LOG_PFX = "[${logTag(opts.service)}]"`,
    'TRIES = 3',
    'TRY_WAIT = 10',
    'local watch = "Add%s+IPv6%s+prefix.+via%s+" .. IPv6_IF .. "%s+by"',
    'local req = { method = "GET", url = UPD_SV .. string.char(63) .. string.format(UPD_QUERY, USERNAME, PASSWORD) }',
    'local function log(text)',
    '  rt.syslog("info", LOG_PFX .. " " .. text)',
    'end',
    'local function notify()',
    '  for left = TRIES - 1, 0, -1 do',
    '    local res = rt.httprequest(req)',
    '    if res.rtn1 then',
    '      log("Notified IPv6 address to the update server.")',
    '      local verdict = "NG"',
    '      if res.code == 200 then verdict = "OK" end',
    '      log(string.format("%s to update IPv6 address. (code=%d, body=%s)", verdict, res.code, tostring(res.body)))',
    '      return',
    '    end',
    '    if left > 0 then',
    '      log(string.format("Failed to notify IPv6 address to the update server. (remaining retry: %d time(s))", left))',
    '      rt.sleep(TRY_WAIT)',
    '    end',
    '  end',
    '  log("Failed to notify IPv6 address to the update server")',
    'end',
    'notify()',
    'while true do',
    '  if rt.syslogwatch(watch) then notify() end',
    'end',
  ];
}
