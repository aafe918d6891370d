/**
 * Persistence: a oneshot systemd unit that runs the boot copy of the apply script (which loads the nft file)
 * and the rollback script on stop. Pure: the files and the commands; main/datapath/apply.ts writes and runs them.
 */
import { CONFIG_DIR, DOWN_SCRIPT_FILE, LIB_DIR, NFT_FILE, STATE_DIR, UNIT_FILE, UNIT_NAME, UP_SCRIPT_FILE } from './names.js';
import { WATCH_SCRIPT_FILE, WATCH_UNIT_FILE, WATCH_UNIT_NAME, watchScript, watchUnitFile, type ReplanSpec } from './replan.js';
import { heredocTag } from './sh.js';

export interface PersistFile {
  path: string;
  content: string;
  /** Octal mode. */
  mode: string;
}

export interface PersistSource {
  serviceName: string;
  br: string;
  upScript: string;
  rollbackScript: string;
  nftRuleset: string;
  /** The prefix watcher (replan.ts): what the plan applied needs to follow a renumbering; absent in older states. */
  replan?: { spec: ReplanSpec; nftTemplate: string | null } | undefined;
}

/** Without systemd the watcher is started at once in the background (its pid kept for unpersist). */
export const WATCH_PID_FILE = `${STATE_DIR}/ce-watch.pid`;
export const WATCH_LOG_FILE = `${STATE_DIR}/ce-watch.log`;

export function unitFile(src: PersistSource): string {
  return [
    '# Made by IPoE Doctor; `ipoe-doctor linux-ce unpersist` removes it (stopping it runs the rollback).',
    '[Unit]',
    `Description=IPoE Doctor Linux CE datapath (${src.serviceName}, tunnel ipoe0 to ${src.br})`,
    'Wants=network-online.target',
    // After nftables.service: Debian's /etc/nftables.conf flushes the whole ruleset when it loads.
    'After=network-online.target nftables.service',
    '',
    '[Service]',
    'Type=oneshot',
    'RemainAfterExit=yes',
    `ExecStart=/bin/sh ${UP_SCRIPT_FILE}`,
    `ExecStop=/bin/sh ${DOWN_SCRIPT_FILE}`,
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

export function persistFiles(src: PersistSource, systemd: boolean): PersistFile[] {
  return [
    { path: NFT_FILE, content: src.nftRuleset, mode: '644' },
    { path: UP_SCRIPT_FILE, content: src.upScript, mode: '755' },
    { path: DOWN_SCRIPT_FILE, content: src.rollbackScript, mode: '755' },
    ...(systemd ? [{ path: UNIT_FILE, content: unitFile(src), mode: '644' }] : []),
    ...(src.replan ? [{ path: WATCH_SCRIPT_FILE, content: watchScript(src.replan.spec, src.replan.nftTemplate), mode: '755' }] : []),
    ...(src.replan && systemd ? [{ path: WATCH_UNIT_FILE, content: watchUnitFile(src.serviceName), mode: '644' }] : []),
  ];
}

/** Enabled with --now so the unit is active: stopping it later (unpersist) runs the rollback. */
export const ENABLE_COMMANDS = ['systemctl daemon-reload', `systemctl enable --now ${UNIT_NAME}`];

/** The persistence's start commands: the datapath unit, then the prefix watcher (a unit, or a background process). */
export function startCommands(src: PersistSource, systemd: boolean): string[] {
  if (systemd) return [...ENABLE_COMMANDS, ...(src.replan ? [`systemctl enable --now ${WATCH_UNIT_NAME}`] : [])];
  return src.replan ? [startWatcherCommand()] : [];
}

/** Started, then confirmed: it must have said it is watching (a watcher that died at once is a failed persist). */
function startWatcherCommand(): string {
  return (
    `{ [ -s ${WATCH_PID_FILE} ] && kill "$(cat ${WATCH_PID_FILE})" 2>/dev/null; true; } && : >${WATCH_LOG_FILE} && ` +
    `(setsid sh ${WATCH_SCRIPT_FILE} </dev/null >>${WATCH_LOG_FILE} 2>&1 & echo $! >${WATCH_PID_FILE}) && ` +
    `i=0; while ! grep -q 'watching the prefix' ${WATCH_LOG_FILE} && [ "$i" -lt 150 ]; do sleep 0.2; i=$((i + 1)); done; ` +
    `if kill -0 "$(cat ${WATCH_PID_FILE})" 2>/dev/null && grep -q 'watching the prefix' ${WATCH_LOG_FILE}; then cat ${WATCH_LOG_FILE}; ` +
    `else echo "ipoe-doctor: the prefix watcher did not start:"; cat ${WATCH_LOG_FILE}; false; fi`
  );
}

export function unpersistScript(): string {
  return [
    '#!/bin/sh',
    '# IPoE Doctor: remove the boot-time datapath. Stopping the unit runs ce-down.sh, the rollback.',
    'set -u',
    '# The prefix watcher first: it must not re-plan a datapath that is going away.',
    `if [ -e ${WATCH_UNIT_FILE} ]; then`,
    `\tif [ -d /run/systemd/system ]; then systemctl disable --now ${WATCH_UNIT_NAME}; fi`,
    `\trm -f ${WATCH_UNIT_FILE}`,
    'fi',
    `if [ -s ${WATCH_PID_FILE} ]; then kill "$(cat ${WATCH_PID_FILE})" 2>/dev/null; rm -f ${WATCH_PID_FILE}; fi`,
    `if [ -d /run/systemd/system ] && [ -e ${UNIT_FILE} ]; then`,
    `\tsystemctl disable --now ${UNIT_NAME}`,
    `\trm -f ${UNIT_FILE}`,
    '\tsystemctl daemon-reload',
    `elif [ -e ${UNIT_FILE} ]; then`,
    `\trm -f ${UNIT_FILE}`,
    'else',
    '\techo "ipoe-doctor: no systemd unit was installed (systemd is not running here): only the scripts are removed"',
    'fi',
    `rm -f ${UP_SCRIPT_FILE} ${DOWN_SCRIPT_FILE} ${NFT_FILE} ${WATCH_SCRIPT_FILE}`,
    `rmdir ${LIB_DIR} ${CONFIG_DIR} 2>/dev/null || true`,
    '',
  ].join('\n');
}

/** The whole persistence as one script, for people who want to see or export it. */
export function persistScript(src: PersistSource, systemd: boolean): string {
  const lines = ['#!/bin/sh', '# IPoE Doctor: install the boot-time datapath.', 'set -eu'];
  for (const f of persistFiles(src, systemd)) {
    const tag = heredocTag(f.content);
    lines.push(`mkdir -p "$(dirname ${f.path})"`, `cat > ${f.path} <<'${tag}'`, f.content.replace(/\n$/, ''), tag, `chmod ${f.mode} ${f.path}`);
  }
  lines.push(...startCommands(src, systemd));
  if (!systemd) lines.push('echo "ipoe-doctor: systemd is not running: run ' + UP_SCRIPT_FILE + ' at boot from your init system"');
  return lines.join('\n') + '\n';
}
