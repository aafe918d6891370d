/**
 * How RTX detectors read the bulky outputs they share (read.ts): only the tunnels and the NAT descriptor they look
 * at, only as far as they need.
 */
import type { Read } from '../read.js';
import { RTX_COMMANDS } from './facts.js';

/**
 * How the tunnel rules read live tunnel status: `show status tunnel N` for each tunnel they look at (the one
 * carrying IPv4 and every IPIP one), or a transcript's `show status ipip` listing them all.
 */
export const TUNNEL_STATUS_READ: Read = {
  command: RTX_COMMANDS.ipip,
  scoped: 'show status tunnel {tunnel}',
  // A router without such a tunnel has no tunnel status to know.
  when: (ctx) => {
    const cfg = ctx.rtx.config;
    return cfg === undefined || ctx.rtx.tunnel !== null || Object.values(cfg.tunnels).some((t) => t.encapsulation?.value === 'ipip');
  },
};

/**
 * How the NAT rules read `show nat descriptor address`: only the IPv4 tunnel's descriptor, and only its head
 * (interface, outer address, port ranges), which comes before the session table; the table of a busy LAN (hundreds
 * of hosts) is never read.
 */
export const TUNNEL_NAT_READ: Read = {
  command: RTX_COMMANDS.nat,
  scoped: 'show nat descriptor address {natDescriptor}',
  enough: (lines) => lines.some((l) => /-\*-|\bNo\.\s+Inner\b/.test(l)),
  // The head is seven lines (compatibility type, descriptor, `Masquerade Table`, outer address, port ranges, the
  // table's separator and column names); a MAP-E port list wrapped over more lines takes a second page.
  pageLines: 10,
  // Without a descriptor on the tunnel there is nothing of it to show (NAT_DESCRIPTOR_MISSING reads the config).
  when: (ctx) => ctx.rtx.config === undefined || (ctx.rtx.tunnel?.natDescriptors?.ids.length ?? 0) > 0,
};
