/**
 * The fixed-IP notification set-up in an RTX config (not a rule): Yamaha's Lua script that calls the
 * provider's update server when a new prefix is logged (ipoe-domain.md §3.1), and the schedule that
 * starts it. Shared by the FIXEDIP_* rules.
 */
import type { DiagnosisContext } from '../context.js';
import { updateHost } from '../line/catalog.js';
import type { EmbeddedFile, ScheduleConfig } from '../../rtx/config/types.js';

export interface FixedIpScript {
  host: string;
  /** The embedded file that calls the host, if any. */
  file: EmbeddedFile | null;
  /** The schedule that starts that file (or any Lua script kept outside the config, which we cannot read). */
  schedule: ScheduleConfig | null;
  /** A line the config parser did not model that mentions the host (e.g. a hand-written HTTP command). */
  otherLines: number[];
  /** `IPv6_IF = "LAN1"` in the script: the interface whose prefix log it watches (lower-case), default lan1. */
  watchedInterface: string;
}

/** The script for the identified fixed-IP service, or null when the service is not fixed IP / config unknown. */
export function fixedIpScript(ctx: DiagnosisContext): FixedIpScript | null {
  const record = ctx.line.service;
  const cfg = ctx.rtx.config;
  if (!cfg || !record?.update) return null;
  const host = updateHost(record);
  if (!host) return null;
  const file = cfg.embeddedFiles.find((f) => f.body.toLowerCase().includes(host)) ?? null;
  const runs = (sc: ScheduleConfig): boolean => {
    const lua = sc.luaScript?.toLowerCase() ?? '';
    if (!lua) return false;
    if (file) return lua === `emfs:/${file.name.toLowerCase()}` || lua.endsWith(`/${file.name.toLowerCase()}`);
    // A script on a USB stick or SD card is invisible to us: give it the benefit of the doubt.
    return !lua.startsWith('emfs:');
  };
  const schedule = cfg.schedules.find(runs) ?? null;
  const otherLines = cfg.unknown.filter((u) => u.text.toLowerCase().includes(host)).flatMap((u) => u.lines);
  const watched = file ? /IPv6_IF\s*=\s*["']([A-Za-z]+\d+)["']/.exec(file.body)?.[1]?.toLowerCase() : undefined;
  return { host, file, schedule, otherLines, watchedInterface: watched ?? 'lan1' };
}
