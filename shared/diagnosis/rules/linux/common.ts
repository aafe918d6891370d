/**
 * The old import path of the Linux commands the diagnosis reads. Kept only while main/datapath/diagnose-host.ts
 * still imports it: import ../../linux/common.js instead; delete this file when nothing does.
 */
export { LINUX_COMMANDS } from '../../linux/common.js';
