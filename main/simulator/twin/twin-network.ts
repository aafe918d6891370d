/**
 * The twin's running network: the provider world evaluated against the running config, the boot log and
 * registration, tunnel counters and how long each tunnel has been up. Time comes from an injectable clock,
 * so tests are deterministic; in the demo the counters trickle as LAN clients send traffic.
 */
import { parseRtxConfig } from '../../../shared/rtx/config/parse.js';
import type { RtxConfig } from '../../../shared/rtx/config/types.js';
import { simulateBoot, type LogEntry } from './boot.js';
import { officeLog } from './office-log.js';
import { parseRtxTime } from './rtx-time.js';
import type { Scenario } from './scenario.js';
import { resolveName, type Resolution } from './dns.js';
import { answerUpdate, type NotificationScript } from './update-server.js';
import { evaluateWorld, type Registration, type TunnelWorld, type WorldState } from './world.js';

export interface TunnelCounters {
  rxPackets: number;
  rxOctets: number;
  txPackets: number;
  txOctets: number;
}

export class TwinNetwork {
  private cachedText = '';
  private cachedConfig: RtxConfig | null = null;
  private cachedState: WorldState | null = null;
  private readonly counters = new Map<number, TunnelCounters>();
  private readonly upSince = new Map<number, Date>();
  private readonly log: LogEntry[];
  private registrationNow: Registration;
  /** Something besides the config changed what the world makes of it (a registration). */
  private stale = false;
  private readonly startedAt: number;
  private readonly bootAt: Date;
  private settledAt: number;

  constructor(
    private readonly scenario: Scenario,
    private readonly configText: () => string,
    private readonly clock: () => Date,
  ) {
    this.startedAt = clock().getTime();
    this.settledAt = this.startedAt;
    this.bootAt = parseRtxTime(scenario.device.bootTime);
    // The boot ran with the saved config, which is the scenario's config when the twin starts.
    const bootConfig = parseRtxConfig(scenario.config);
    const preliminary = evaluateWorld(scenario.world, bootConfig, { attempted: false, ok: false }, scenario.device.mac);
    const boot = simulateBoot(scenario, bootConfig, preliminary);
    // A router with a volume has weeks of history after its boot (office-log.ts); the others just booted.
    this.log = officeLog(scenario, boot.log, boot.registration.ok);
    this.registrationNow = boot.registration;
    const w = scenario.world.tunnel;
    this.counters.set(w.id, { ...w.counters });
    for (const t of this.state().tunnels) {
      if (t.up) this.upSince.set(t.id, new Date(this.bootAt.getTime() + (t.id === w.id ? w.upAfterSeconds : 0) * 1000));
    }
  }

  /** The router's clock: boot time + uptime at start + time since the twin started. */
  routerNow(): Date {
    return new Date(this.bootAt.getTime() + this.uptimeSeconds() * 1000);
  }

  uptimeSeconds(): number {
    return this.scenario.device.uptimeSeconds + Math.floor((this.clock().getTime() - this.startedAt) / 1000);
  }

  config(): RtxConfig {
    this.refresh();
    return this.cachedConfig!;
  }

  /** The world as the running config makes it now. */
  state(): WorldState {
    this.refresh();
    return this.cachedState!;
  }

  tunnel(id: number): TunnelWorld | undefined {
    return this.state().tunnels.find((t) => t.id === id);
  }

  /** Whether the fixed-IP update server has this CE registered (at boot, or by a script run since). */
  get registration(): Registration {
    return this.registrationNow;
  }

  /**
   * A notification script started now (`lua emfs:/NAME`): what it logs, and the registration when the update server
   * took it. A script that only waits for the next prefix log line (Yamaha's) does nothing until a prefix changes.
   */
  runNotification(script: NotificationScript): void {
    if (!script.callsAtStart) return;
    const state = this.state();
    const at = this.routerNow();
    const add = (text: string): void => void this.log.push({ at, text: `${script.tag} ${text}` });
    const online = state.pdPrefix !== null || state.raPrefix !== null;
    const answer = online ? answerUpdate(this.scenario.world, script.url) : ({ reached: false } as const);
    if (!answer.reached) {
      add('Failed to notify IPv6 address to the update server. (remaining retry: 2 time(s))');
      add('Failed to notify IPv6 address to the update server. (remaining retry: 1 time(s))');
      add('Failed to notify IPv6 address to the update server');
      return;
    }
    add('Notified IPv6 address to the update server.');
    add(`${answer.ok ? 'OK' : 'NG'} to update IPv6 address. (code=${answer.code}, body=${answer.body})`);
    // A refused update leaves whatever registration there was.
    if (answer.ok) {
      this.registrationNow = { attempted: true, ok: true };
      this.stale = true;
    }
  }

  private refresh(): void {
    const text = this.configText();
    if (text === this.cachedText && this.cachedState && !this.stale) return;
    const before = this.cachedState;
    this.stale = false;
    this.cachedText = text;
    this.cachedConfig = parseRtxConfig(text);
    this.cachedState = evaluateWorld(this.scenario.world, this.cachedConfig, this.registrationNow, this.scenario.device.mac);
    if (!before) return;
    for (const t of this.cachedState.tunnels) {
      const was = before.tunnels.find((x) => x.id === t.id)?.up ?? false;
      if (t.up && !was) {
        this.upSince.set(t.id, this.routerNow());
        this.log.push({ at: this.routerNow(), text: `IP Tunnel[${t.id}] Up` });
      }
    }
    for (const t of before.tunnels) {
      const now = this.cachedState.tunnels.find((x) => x.id === t.id)?.up ?? false;
      if (t.up && !now) {
        this.upSince.delete(t.id);
        this.log.push({ at: this.routerNow(), text: `IP Tunnel[${t.id}] Down` });
      }
    }
  }

  /**
   * Account the background traffic up to now under the state that was in force. Call before the config
   * changes, so time before the change is counted with the old state.
   */
  settle(): void {
    const now = this.clock().getTime();
    const every = this.scenario.world.trickle.everySeconds * 1000;
    const packets = Math.floor((now - this.settledAt) / every);
    if (packets <= 0) return;
    this.settledAt += packets * every;
    const octets = this.scenario.world.trickle.octets;
    for (const t of this.cachedState?.tunnels ?? []) this.count(t, packets, octets);
  }

  /** Packets sent into a tunnel: TX always when it can send, RX only when the provider answers. */
  count(t: TunnelWorld, packets: number, octets: number): { sent: boolean; answered: boolean } {
    if (!t.canSend) return { sent: false, answered: false };
    const c = this.countersOf(t.id);
    c.txPackets += packets;
    c.txOctets += packets * octets;
    if (t.receives) {
      c.rxPackets += packets;
      c.rxOctets += packets * octets;
    }
    return { sent: true, answered: t.receives };
  }

  countersOf(id: number): TunnelCounters {
    let c = this.counters.get(id);
    if (!c) this.counters.set(id, (c = { rxPackets: 0, rxOctets: 0, txPackets: 0, txOctets: 0 }));
    return c;
  }

  tunnelUpSince(id: number): Date | null {
    return this.upSince.get(id) ?? null;
  }

  /** What the router gets asking the line's DNS for a name. */
  resolve(name: string): Resolution {
    return resolveName(this.scenario.world, this.config(), name);
  }

  lanClientAddresses(): string[] {
    return this.scenario.world.lanClients.map((c) => c.address);
  }

  ipv6Unreachable(): readonly string[] {
    return this.scenario.world.ipv6Unreachable;
  }

  /** Log entries, oldest first (as `show log` prints them). */
  logEntries(): readonly LogEntry[] {
    return this.log;
  }
}
