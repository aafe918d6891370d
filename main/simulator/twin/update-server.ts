/**
 * The fixed-IP update (再設定) server, on the provider's side of the twin: the request a notification script in the
 * router's config would send, and what the server answers. Yamaha's published v6plus script and IPoE Doctor's own
 * (shared/rtx/setup/update-script.ts) both keep their settings in Lua variables: UPD_SV (the server), USERNAME,
 * PASSWORD, IPv6_IF, and IPoE Doctor's UPD_QUERY (the query as a format; Yamaha's is `user=%s&pass=%s`) and LOG_PFX.
 */
import type { EmbeddedFile, RtxConfig } from '../../../shared/rtx/config/types.js';
import type { ScenarioWorld } from './scenario.js';

export interface NotificationScript {
  /** The file name, as `emfs:/NAME` runs it. */
  name: string;
  /** The URL the script requests, credentials in its query. */
  url: string;
  /** The interface whose `Add IPv6 prefix … via LAN1 by` log line the script waits for (lower-case). */
  iface: string;
  /** The tag it logs under, `[v6plus]`. */
  tag: string;
  /** Whether it calls once as soon as it starts (IPoE Doctor's script) or only on a prefix log line (Yamaha's). */
  callsAtStart: boolean;
}

function luaString(body: string, name: string): string | null {
  return new RegExp(`^\\s*${name}\\s*=\\s*"([^"]*)"`, 'm').exec(body)?.[1] ?? null;
}

/** Lua's string.format for the `%s` (and `%%`) a query format uses. */
function format(fmt: string, values: string[]): string {
  let i = 0;
  return fmt.replace(/%([%s])/g, (_, c: string) => (c === '%' ? '%' : (values[i++] ?? '')));
}

/** The notification script an embedded file holds, or null when it is no such script. */
export function notificationScript(file: EmbeddedFile): NotificationScript | null {
  const server = luaString(file.body, 'UPD_SV');
  const user = luaString(file.body, 'USERNAME');
  const password = luaString(file.body, 'PASSWORD');
  if (!server || user === null || password === null) return null;
  const query = luaString(file.body, 'UPD_QUERY') ?? 'user=%s&pass=%s';
  return {
    name: file.name,
    url: `${server}?${format(query, [user, password])}`,
    iface: (luaString(file.body, 'IPv6_IF') ?? 'LAN1').toLowerCase(),
    tag: luaString(file.body, 'LOG_PFX') ?? '[v6plus]',
    callsAtStart: /^\s*notify\(\)\s*$/m.test(file.body),
  };
}

/** The script a `schedule at N startup * lua emfs:/NAME` starts at boot, if the config has both. */
export function startupScript(cfg: RtxConfig): NotificationScript | null {
  for (const s of cfg.schedules) {
    if (!/\bstartup\b/.test(s.spec) || !s.luaScript) continue;
    const script = scriptFile(cfg, s.luaScript);
    if (script) return script;
  }
  return null;
}

/** `emfs:/NAME` → the notification script in that embedded file, or null. */
export function scriptFile(cfg: RtxConfig, path: string): NotificationScript | null {
  const name = path.replace(/^emfs:\/?/, '');
  const file = cfg.embeddedFiles.find((f) => f.name === name);
  return file ? notificationScript(file) : null;
}

export type UpdateAnswer =
  /** The request never reached the server (wrong host, or no IPv6 route). */
  | { reached: false }
  | { reached: true; ok: boolean; code: number; body: string };

/**
 * What the provider's update server answers the request. The right server (scheme, host and path) with the contract's
 * user and password registers the CE (200, `OK`); the right server with anything else refuses (the failure code and
 * body are the twin's: the real ones are not public); any other host is not reached.
 */
export function answerUpdate(world: ScenarioWorld, url: string): UpdateAnswer {
  const fx = world.fixedIp;
  if (!fx) return { reached: false };
  const [base, query = ''] = url.split('?', 2) as [string, string?];
  if (base!.replace(/\/+$/, '') !== fx.updateUrl.replace(/\/+$/, '')) return { reached: false };
  const params = new Map(query.split('&').map((kv) => kv.split('=', 2) as [string, string]));
  const ok = params.get(fx.userParam) === fx.updateUser && params.get(fx.passwordParam) === fx.updatePassword;
  return ok ? { reached: true, ok: true, code: 200, body: 'OK' } : { reached: true, ok: false, code: 401, body: 'Unauthorized' };
}
