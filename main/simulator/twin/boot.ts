/**
 * What happened when the router booted with its saved config: the boot log (format from field report 000)
 * and whether the v6plus fixed-IP Lua notification registered the CE with the update server.
 */
import { Address6 } from 'ip-address';
import type { RtxConfig } from '../../../shared/rtx/config/types.js';
import { parseRtxTime } from './rtx-time.js';
import type { Scenario } from './scenario.js';
import { answerUpdate, startupScript } from './update-server.js';
import type { Registration, WorldState } from './world.js';

export interface LogEntry {
  at: Date;
  text: string;
}

export interface BootResult {
  log: LogEntry[];
  registration: Registration;
}

const PHY_LINES: Record<string, string[]> = {
  RTX1300: ['PORT1-8: PHY is Marvell 88E6193X.', 'PORT9: PHY is Marvell 88X3310.', 'PORT10: PHY is Marvell 88X3310.'],
};

/**
 * Boot log lines and the registration outcome. `world` is the line as the saved config sees it.
 * Offsets after boot follow field report 000 (schedule at +2 s, prefix at +10 s, notification at +16 s).
 */
export function simulateBoot(s: Scenario, cfg: RtxConfig, world: WorldState): BootResult {
  const t0 = parseRtxTime(s.device.bootTime);
  const at = (sec: number): Date => new Date(t0.getTime() + sec * 1000);
  const log: LogEntry[] = [];
  const add = (sec: number, text: string): void => void log.push({ at: at(sec), text });
  const d = s.device;
  add(0, 'Restart by restart command');
  add(0, `${d.model} Rev.${d.firmware} (${d.firmwareDate}) starts`);
  add(0, `main:  ${d.model} ver=${d.hardwareVersion} serial=${d.serial} MAC-Address=${d.mac[0]} - ${d.mac[1]}`);
  for (const t of Object.values(cfg.tunnels)) if (t.enabled?.value) add(0, `IP Tunnel[${t.id}] Up`);
  for (const l of PHY_LINES[d.model] ?? []) add(0, l);
  const logOn = (iface: string): boolean => cfg.interfaces[iface]?.prefixChangeLog?.on === true;
  // `Add IPv6 prefix …` lines are logged only with `ipv6 <if> prefix change log on`.
  if (logOn('lan1')) add(0, 'Add IPv6 prefix ff02::/64 (Lifetime: infinity) via LAN1 by Static');
  const script = startupScript(cfg);
  for (const sch of cfg.schedules) if (/\bstartup\b/.test(sch.spec) && sch.luaScript) add(2, `[SCHEDULE] Startup: lua ${sch.luaScript}`);
  add(5, 'LAN1: link up');
  add(5, `${world.wan.toUpperCase()}: link up`);

  // The delegated prefix appears on a LAN when a LAN address is built on dhcp-prefix@ (field report 000).
  const pdOnLan = new Map<string, string>();
  if (world.pdPrefix) {
    for (const a of world.addresses) {
      if (a.interface !== world.wan && !pdOnLan.has(a.interface)) pdOnLan.set(a.interface, prefix64(a.address));
    }
  }
  for (const [iface, p] of pdOnLan) {
    if (logOn(iface)) add(10, `Add IPv6 prefix ${p} (Lifetime: ${s.world.prefixLifetime}) via ${iface.toUpperCase()} by DHCPv6`);
  }

  let registration: Registration = { attempted: false, ok: false };
  // The script waits for its interface's `Add IPv6 prefix … (Lifetime: N) via LAN1 by` line.
  if (script && pdOnLan.has(script.iface) && logOn(script.iface)) {
    const answer = answerUpdate(s.world, script.url);
    const tag = script.tag;
    if (!answer.reached) {
      // A wrong server name or no route: three tries ten seconds apart, then the script gives up.
      for (const [i, left] of [2, 1].entries()) {
        add(16 + i * 10, `${tag} Failed to notify IPv6 address to the update server. (remaining retry: ${left} time(s))`);
      }
      add(36, `${tag} Failed to notify IPv6 address to the update server`);
      registration = { attempted: false, ok: false };
    } else {
      add(16, `${tag} Notified IPv6 address to the update server.`);
      // The unclosed parenthesis is real (Yamaha's script's format string). The NG code and body are the twin's
      // choice: the server's real failure answer is not public, so readers must key on `NG` / `code=`.
      add(16, `${tag} ${answer.ok ? 'OK' : 'NG'} to update IPv6 address. (code=${answer.code}, body=${answer.body}`);
      registration = { attempted: true, ok: answer.ok };
    }
  }
  return { log, registration };
}

function prefix64(address: string): string {
  const v = new Address6(address).bigInt();
  return `${Address6.fromBigInt((v >> 64n) << 64n).correctForm()}/64`;
}
