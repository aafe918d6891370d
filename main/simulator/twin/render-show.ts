import type { Scenario } from './scenario.js';
import { formatElapsed, formatReportingDate, formatRtxTime } from './rtx-time.js';

/** Formats follow real captures: ../shared/reference/rtx-output-formats.md. */

function mainLine(s: Scenario): string {
  const d = s.device;
  return `main:  ${d.model} ver=${d.hardwareVersion} serial=${d.serial} MAC-Address=${d.mac[0]} - ${d.mac[1]}`;
}

export function revisionLine(s: Scenario): string {
  return `${s.device.model} Rev.${s.device.firmware} (${s.device.firmwareDate})`;
}

/** `now` is the router's clock; `uptimeSeconds` the time since boot. */
export function renderShowEnvironment(s: Scenario, now: Date, uptimeSeconds = s.device.uptimeSeconds): string[] {
  return [
    s.device.bootRom,
    revisionLine(s),
    `  ${mainLine(s)}`,
    'CPU:   1%(5sec)   1%(1min)   1%(5min)    Memory: 14% used',
    'Packet-buffer:   0%(small)   0%(middle)   0%(large)   0%(huge) used',
    'Firmware: exec0  Config. file: config0',
    'Default firmware: exec0  Default config. file: config0',
    `Boot time: ${s.device.bootTime}`,
    `Current time: ${formatRtxTime(now)}`,
    `Elapsed time from boot: ${formatElapsed(uptimeSeconds)}`,
    'Security Class: 1, FORGET: ON, TELNET: OFF',
    'Inside Temperature(C.): 41',
  ];
}

/** The header of the real `show config`, then the running configuration's lines. */
export function renderShowConfig(s: Scenario, now: Date, configText: string = s.config): string[] {
  return [
    `# ${revisionLine(s)}`,
    `# MAC Address : ${s.device.mac[0]} - ${s.device.mac[1]}`,
    `# Memory ${s.device.memory}`,
    `# ${mainLine(s)}`,
    `# Reporting Date: ${formatReportingDate(now)}`,
    '',
    ...configText.replace(/\n$/, '').split('\n'),
  ];
}
