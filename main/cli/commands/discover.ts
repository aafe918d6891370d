import { DiscoverRequestSchema } from '../../../shared/ipc/views.js';
import { discover } from '../../discovery/discover.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError, flagString, parseArgs, type CliCommand, type CliIo } from '../command.js';

/** `ipoe-doctor discover`: the router candidates and serial ports the connect screen lists, found without typing. */
export const discoverCommand: CliCommand = {
  name: 'discover',
  summary: "Find the router without typing: this PC's default gateways (IPv4, IPv6 via the RA router) and the addresses you give, which of ports 23/22/80 answer, the vendor from the MAC (Yamaha's blocks), and the serial ports. No network sweep. Exit 1: nothing answers.",
  usage: 'discover [--address A[,B…]] [--no-serial] [--json]',
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { valued: ['address'], boolean: ['json', 'no-serial'] });
    if (parsed.positionals.length) throw new UsageError(`unexpected ${parsed.positionals.join(' ')}: give addresses with --address`);
    const typed = (flagString(parsed, 'address') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    const request = DiscoverRequestSchema.safeParse({ addresses: typed });
    if (!request.success) throw new UsageError(`--address: ${request.error.issues.map((i) => i.message).join('; ')}`);
    const found = await discover({ addresses: request.data.addresses, serial: !parsed.flags.has('no-serial') });
    if (parsed.flags.has('json')) io.out(JSON.stringify(found, null, 2) + '\n');
    else {
      const lines = ['Router candidates (this PC\'s default gateways and the addresses given; nothing else was contacted):'];
      if (!found.hosts.length) lines.push('  none: no default gateway, and no --address given');
      for (const h of found.hosts) {
        const open = (name: string, port: number, yes: boolean) => `${name} ${port} ${yes ? 'answers' : 'closed'}`;
        lines.push(
          `  ${h.address}  (${h.source === 'gateway' ? `default gateway${h.interface ? ` via ${h.interface}` : ''}` : 'typed'})` +
            `${h.mac ? `  MAC ${h.mac}${h.vendor ? ` (${h.vendor})` : ''}` : ''}`,
          `      ${[open('telnet', 23, h.ports.telnet), open('ssh', 22, h.ports.ssh), open('http', 80, h.ports.http)].join(', ')}${h.sshBanner ? `  [${h.sshBanner}]` : ''}`,
        );
        if (h.suggested) lines.push(`      connect: ipoe-doctor probe --${h.suggested} ${h.suggested === 'ssh' ? 'USER@' : ''}${h.address.includes(':') ? `[${h.address}]` : h.address}`);
      }
      if (!parsed.flags.has('no-serial')) {
        lines.push('Serial ports:');
        if (!found.serialPorts.length) lines.push('  none found');
        for (const p of found.serialPorts) {
          const name = [p.usbVendor ?? p.manufacturer, p.usbProduct].filter(Boolean).join(' ');
          lines.push(`  ${p.path}${name ? `  ${name}` : ''}${p.vendorId ? ` (${p.vendorId}:${p.productId ?? ''})` : ''}`);
        }
      }
      io.out(lines.join('\n') + '\n');
    }
    return found.hosts.some((h) => h.suggested) ? EXIT_OK : EXIT_FINDINGS;
  },
};
