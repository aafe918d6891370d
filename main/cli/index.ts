import { EXIT_USAGE, UsageError, type CliCommand, type CliIo } from './command.js';
import { commandLoaders } from './commands/index.js';

function help(list: CliCommand[]): string {
  const lines = ['ipoe-doctor: diagnose and fix IPv4-over-IPv6 (IPoE) connections', '', 'Commands:'];
  for (const c of list) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push('', 'Run `ipoe-doctor <command> --help` for details.');
  return lines.join('\n') + '\n';
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help(await Promise.all(commandLoaders.map(([, load]) => load()))));
    return name ? 0 : EXIT_USAGE;
  }
  const loader = commandLoaders.find(([n]) => n === name);
  if (!loader) {
    io.err(`ipoe-doctor: unknown command "${name}". Commands: ${commandLoaders.map(([n]) => n).join(', ')}\n`);
    return EXIT_USAGE;
  }
  const command = await loader[1]();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`ipoe-doctor ${name}: ${err.message}\nusage: ${command.usage}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
};
