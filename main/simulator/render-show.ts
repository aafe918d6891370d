import type { Scenario } from './scenario.js';

/** Formats follow real captures: ../shared/reference/rtx-output-formats.md. */

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function formatRtxTime(d: Date): string {
  // RTX prints local time with its offset; the twin lives in JST like the routers it imitates.
  const jst = new Date(d.getTime() + 9 * 3600_000);
  return `${jst.getUTCFullYear()}/${pad2(jst.getUTCMonth() + 1)}/${pad2(jst.getUTCDate())} ${pad2(jst.getUTCHours())}:${pad2(jst.getUTCMinutes())}:${pad2(jst.getUTCSeconds())} +09:00`;
}

function formatElapsed(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const rest = seconds % 86400;
  return `${days}days ${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor((rest % 3600) / 60))}:${pad2(rest % 60)}`;
}

function mainLine(s: Scenario): string {
  const d = s.device;
  return `main:  ${d.model} ver=${d.hardwareVersion} serial=${d.serial} MAC-Address=${d.mac[0]} - ${d.mac[1]}`;
}

export function revisionLine(s: Scenario): string {
  return `${s.device.model} Rev.${s.device.firmware} (${s.device.firmwareDate})`;
}

export function renderShowEnvironment(s: Scenario, now: Date): string[] {
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
    `Elapsed time from boot: ${formatElapsed(s.device.uptimeSeconds)}`,
    'Security Class: 1, FORGET: ON, TELNET: OFF',
    'Inside Temperature(C.): 41',
  ];
}

export function renderShowConfig(s: Scenario, now: Date): string[] {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const jst = new Date(now.getTime() + 9 * 3600_000);
  const reportDate = `${months[jst.getUTCMonth()]} ${pad2(jst.getUTCDate())} ${pad2(jst.getUTCHours())}:${pad2(jst.getUTCMinutes())}:${pad2(jst.getUTCSeconds())} ${jst.getUTCFullYear()}`;
  return [
    `# ${revisionLine(s)}`,
    `# MAC Address : ${s.device.mac[0]} - ${s.device.mac[1]}`,
    `# Memory ${s.device.memory}`,
    `# ${mainLine(s)}`,
    `# Reporting Date: ${reportDate}`,
    '',
    ...s.config.replace(/\n$/, '').split('\n'),
  ];
}
