/**
 * Weeks of `show log` for a router with a `volume` (office-volume.ts): what an office router keeps between its
 * boot and now. Deterministic from the volume's seed; every address, MAC, user and tunnel comes from the office
 * plan and the scenario's world, so the log agrees with the config and the NAT table.
 *
 * The story: the router booted `uptimeSeconds` ago with the fixed-IP setup working; the office ran on it
 * (DHCP, web/SSH logins, remote-access L2TP/IPsec, site-to-site IPsec, scans rejected by the tunnel filter,
 * an NGN maintenance that re-delegated the prefix and re-notified the update server); `editedSecondsAgo`
 * before now an administrator edited tunnel 1 (the scenario's faults), the tunnel went down and up, and
 * since then nothing comes back: the branch tunnels drop and keep retrying IKE.
 *
 * Line formats, and where they come from:
 * - boot, `IP Tunnel[N] Up/Down`, `LANn: link up`, `Add IPv6 prefix …`, `[v6plus] …`, `[DHCPD] LAN1(port10)
 *   Allocates A: MAC`: field report 000 (../shared/reference/rtx-output-formats.md);
 * - `Login succeeded for …`, `Logout from …`, `'administrator' succeeded for …`, `[IKE] initiate/respond
 *   ISAKMP|IPsec phase to …`, `PP[…] PPP/IPCP up  (Local: …, Remote: …)`: a public RTX1100 `show log reverse`
 *   capture (an IPsec set-up write-up in a public repository);
 * - `[L2TP] TUNNEL[N] connected from A`, `… tunnel N established`, `… session N established`,
 *   `PP[ANONYMOUSnn] Call detected from user 'U'`: a public RTX remote-access troubleshooting guide;
 * - `… Rejected at IN(N) filter: …`, the L2TP/PP disconnect lines, the `[NAT]` and `[ND]` lines: the twin's
 *   own wording (no public capture found), so no reader may key on them.
 */
import type { LogEntry } from './boot.js';
import type { OfficePlan } from './office-volume.js';
import { parseRtxTime } from './rtx-time.js';
import type { Scenario } from './scenario.js';
import { SeededRandom } from './seeded-random.js';

/**
 * How many entries `show log` keeps, per model. No public document giving the RTX log buffer size was found, so
 * 3,000 entries is this twin's assumption (stated here and in README.md), used unless the scenario's volume sets
 * `logLines`. What matters for the gather is that the buffer holds weeks, hundreds of kB at 9600 bit/s.
 */
export const ASSUMED_LOG_LINES: Record<string, number> = { RTX1300: 3000, RTX1220: 3000, RTX1210: 3000, RTX830: 3000 };
const DEFAULT_LOG_LINES = 3000;

const DAY = 86_400_000;
const JST = 9 * 3_600_000;

interface Clock {
  boot: Date;
  now: Date;
  edit: Date;
}

class History {
  readonly entries: LogEntry[] = [];
  add(at: Date, text: string): void {
    this.entries.push({ at, text });
  }
}

/** Midnight JST of the day holding `d`, and the JST weekday (0 Sunday). */
function jstDay(d: Date): { start: number; weekday: number } {
  const local = d.getTime() + JST;
  const start = Math.floor(local / DAY) * DAY - JST;
  return { start, weekday: new Date(local).getUTCDay() };
}

function at(dayStart: number, hours: number): Date {
  return new Date(dayStart + Math.round(hours * 3_600_000));
}

/** The entries of one office day, for every event family. */
function officeDay(h: History, rnd: SeededRandom, s: Scenario, plan: OfficePlan, day: number, weekday: number, clock: Clock): void {
  const workday = weekday >= 1 && weekday <= 5;
  const fixedIp = s.world.fixedIp?.ipv4 ?? '0.0.0.0';
  const inWindow = (d: Date): boolean => d > clock.boot && d < clock.now;
  const beforeEdit = (d: Date): boolean => inWindow(d) && d < clock.edit;
  const add = (d: Date, text: string, need: (d: Date) => boolean = inWindow): void => {
    if (need(d)) h.add(d, text);
  };

  // DHCP: office PCs come in on workdays; guests on the guest LAN now and then.
  for (const host of plan.hosts) {
    if (!host.officeHours || !workday || !rnd.chance(0.85)) continue;
    add(at(day, 7.75 + rnd.next() * 2.5), `[DHCPD] LAN1(port${rnd.pick([1, 2, 3, 4, 5, 6, 8, 10])}) Allocates ${host.address}: ${host.mac}`);
  }
  for (let g = rnd.int(0, workday ? 6 : 1); g > 0; g--) {
    add(at(day, 9 + rnd.next() * 9), `[DHCPD] LAN3(port7) Allocates 192.168.190.${rnd.int(2, 200)}: ${rnd.mac('9c:b6:d0')}`);
  }

  // Administrators on the web GUI and SSH.
  if (rnd.chance(workday ? 0.5 : 0.1)) {
    const pc = rnd.pick(plan.adminPcs.length ? plan.adminPcs : [plan.router]);
    const how = rnd.chance(0.7) ? 'HTTP' : 'SSH';
    const start = at(day, 9.5 + rnd.next() * 8);
    add(start, `Login succeeded for ${how}: ${pc}`);
    if (how === 'SSH' && rnd.chance(0.5)) add(new Date(start.getTime() + 20_000), `'administrator' succeeded for ${how}: ${pc}`);
    add(new Date(start.getTime() + rnd.int(2, 40) * 60_000), `Logout from ${how}: ${pc}`);
  }

  // Remote access: L2TP/IPsec into an anonymous PP, through the tunnel's IPv4 (so only while it worked).
  plan.remoteUsers.forEach((u, i) => {
    if (!rnd.chance(workday ? 0.45 : 0.15)) return;
    const tunnel = plan.l2tpTunnels[i % plan.l2tpTunnels.length]!;
    const pp = `PP[ANONYMOUS${String(i + 1).padStart(2, '0')}]`;
    let t = at(day, workday ? rnd.pick([7.5, 12.2, 18.5, 20]) + rnd.next() : 10 + rnd.next() * 10).getTime();
    const step = (text: string, seconds = 1): void => {
      add(new Date(t), text, beforeEdit);
      t += seconds * 1000;
    };
    const tid = rnd.int(1000, 65000);
    step(`[IKE] respond ISAKMP phase to ${u.from}`);
    step(`[IKE] respond IPsec phase to ${u.from}`);
    step(`[L2TP] TUNNEL[${tunnel}] connected from ${u.from}`, 0);
    step(`[L2TP] TUNNEL[${tunnel}] tunnel ${tid} established`, 0);
    step(`[L2TP] TUNNEL[${tunnel}] session ${tid + 1} established`);
    step(`${pp} Call detected from user '${u.name}'`, 2);
    step(`${pp} PPP/IPCP up  (Local: ${plan.router}, Remote: ${plan.lanPrefix}.${240 + i})`, 0);
    step(`IP Tunnel[${tunnel}] Up`, rnd.int(20, 240) * 60);
    step(`${pp} Disconnected, cause [L2TP session closed]`, 0);
    step(`[L2TP] TUNNEL[${tunnel}] disconnect tunnel ${tid} complete`, 0);
    step(`IP Tunnel[${tunnel}] Down`);
  });

  // Site-to-site IPsec: now and then a branch's line flaps and the SA is set up again.
  for (const b of plan.branches) {
    if (!rnd.chance(0.2)) continue;
    const t = at(day, rnd.next() * 24).getTime();
    add(new Date(t), `IP Tunnel[${b.tunnel}] Down`, beforeEdit);
    add(new Date(t + 5_000), `[IKE] initiate ISAKMP phase to ${b.peer} (local address ${plan.router})`, beforeEdit);
    add(new Date(t + 6_000), `[IKE] initiate IPsec phase to ${b.peer}`, beforeEdit);
    add(new Date(t + 7_000), `IP Tunnel[${b.tunnel}] Up`, beforeEdit);
  }

  // The Internet knocking: scans rejected (and logged) by the tunnel's reject-log filters.
  for (let n = rnd.int(8, 30); n > 0; n--) {
    const port = rnd.pick([135, 137, 139, 445]);
    const proto = port === 137 ? 'UDP' : 'TCP';
    const filter = port === 135 ? 200025 : port === 445 ? 200025 : 200027;
    const src = `${rnd.int(1, 223)}.${rnd.int(0, 255)}.${rnd.int(0, 255)}.${rnd.int(1, 254)}:${rnd.int(1024, 65535)}`;
    add(at(day, rnd.next() * 24), `IP Tunnel[${s.world.tunnel.id}] Rejected at IN(${filter}) filter: ${proto} ${src} > ${fixedIp}:${port}`, beforeEdit);
  }

  // NAT: a busy host now and then runs into the per-host masquerade session limit (twin's wording).
  if (workday && rnd.chance(0.3)) {
    const busy = rnd.pick(plan.hosts);
    add(at(day, 10 + rnd.next() * 8), `[NAT(1)] ${busy.address}: masquerade sessions over the limit, new session refused`, beforeEdit);
  }
  // ND: an IPv6 host on the LAN answering for a taken address now and then (twin's wording).
  if (rnd.chance(0.15)) {
    add(at(day, rnd.next() * 24), `[ND] LAN1: duplicate address detected from ${rnd.mac(rnd.pick(['3c:22:fb', 'a4:83:e7']))}`);
  }
}

/** The NGN's maintenance: the WAN link drops at night, the prefix comes back and the update server is told. */
function maintenance(h: History, s: Scenario, when: Date, registrationOk: boolean, hasScript: boolean): void {
  const t = when.getTime();
  const wan = s.world.wan.toUpperCase();
  const prefix = s.world.prefix.replace(/::\/\d+$/, '::/64');
  h.add(new Date(t), `${wan}: link down`);
  h.add(new Date(t + 95_000), `${wan}: PORT9 link up (10GBASE-T Full Duplex)`);
  h.add(new Date(t + 96_000), `${wan}: link up`);
  h.add(new Date(t + 104_000), `Add IPv6 prefix ${prefix} (Lifetime: ${s.world.prefixLifetime}) via LAN1 by DHCPv6`);
  if (!hasScript) return;
  h.add(new Date(t + 110_000), '[v6plus] Notified IPv6 address to the update server.');
  h.add(new Date(t + 110_000), registrationOk ? '[v6plus] OK to update IPv6 address. (code=200, body=OK' : '[v6plus] NG to update IPv6 address. (code=401, body=Unauthorized');
}

/** The edit that broke the office's IPv4, and what follows it. */
function editAndAfter(h: History, rnd: SeededRandom, s: Scenario, plan: OfficePlan, clock: Clock): void {
  const t = clock.edit.getTime();
  const pc = plan.adminPcs[0] ?? plan.router;
  const id = s.world.tunnel.id;
  h.add(new Date(t - 140_000), `Login succeeded for SSH: ${pc}`);
  h.add(new Date(t - 120_000), `'administrator' succeeded for SSH: ${pc}`);
  h.add(new Date(t - 1_000), `IP Tunnel[${id}] Down`);
  h.add(new Date(t), `IP Tunnel[${id}] Up`);
  h.add(new Date(t + 300_000), `Logout from SSH: ${pc}`);
  // Dead peer detection notices within a couple of minutes; IKE retries until now.
  for (const b of plan.branches) {
    let r = t + 90_000 + rnd.int(0, 60_000);
    h.add(new Date(r), `IP Tunnel[${b.tunnel}] Down`);
    for (r += 10_000; r < clock.now.getTime(); r += rnd.int(240, 420) * 1000) {
      h.add(new Date(r), `[IKE] initiate ISAKMP phase to ${b.peer} (local address ${plan.router})`);
    }
  }
}

/**
 * The log after the boot entries: weeks of office life, newest last, trimmed to what the buffer keeps (the boot
 * lines themselves fall out of a full buffer, as on a router that has run for weeks).
 */
export function officeLog(s: Scenario, boot: readonly LogEntry[], registrationOk: boolean): LogEntry[] {
  const plan = s.office;
  const volume = s.volume;
  if (!plan || !volume) return [...boot];
  const rnd = new SeededRandom(volume.seed).fork(1);
  const bootAt = parseRtxTime(s.device.bootTime);
  const now = new Date(bootAt.getTime() + s.device.uptimeSeconds * 1000);
  const clock: Clock = { boot: new Date(bootAt.getTime() + 60_000), now, edit: new Date(now.getTime() - volume.editedSecondsAgo * 1000) };
  const h = new History();
  const hasScript = boot.some((e) => e.text.startsWith('[v6plus]'));
  for (let day = jstDay(bootAt).start; day < now.getTime(); day += DAY) {
    officeDay(h, rnd.fork(Math.round(day / DAY)), s, plan, day, jstDay(new Date(day)).weekday, clock);
  }
  // One NGN maintenance night in each full week the router ran.
  for (let night = jstDay(bootAt).start + 6 * DAY; night + DAY < clock.edit.getTime(); night += 7 * DAY) {
    maintenance(h, s, at(night, 2 + rnd.next() * 2), registrationOk, hasScript);
  }
  editAndAfter(h, rnd, s, plan, clock);
  const history = h.entries.filter((e) => e.at > clock.boot && e.at <= now).sort((a, b) => a.at.getTime() - b.at.getTime());
  const keep = volume.logLines ?? ASSUMED_LOG_LINES[s.device.model] ?? DEFAULT_LOG_LINES;
  return [...boot, ...history].slice(-keep);
}
