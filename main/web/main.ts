import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { createAppService } from '../services/app-service.js';
import { createSessionHub } from '../services/session-hub.js';
import { startWebServer } from './server.js';
import { appResources } from '../paths.js';
import { openInBrowser } from './open-browser.js';

/**
 * Browser mode: the same renderer and API as the Electron app, served on 127.0.0.1.
 * Flags: --port N (default: a free port), --no-open (do not launch a browser).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.IPOE_DOCTOR_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('ipoe-doctor web: --port needs a number between 0 and 65535\n');
    process.exit(2);
  }
  const staticDir = appResources().renderer;
  if (!existsSync(join(staticDir, 'index.html'))) {
    process.stderr.write('ipoe-doctor web: the UI is not built yet; run `npm run build` first\n');
    process.exit(2);
  }
  const sessions = createSessionHub(() => createAppService({ shell: 'browser' }));
  const server = await startWebServer({ sessions, staticDir, port });
  // Ctrl-C or SIGTERM always ends the process: a session that cannot close in time is not waited for. Set before the
  // address is announced: whoever reads it may stop the server at once (a loaded machine once delivered a test's
  // SIGTERM between the two, and the process died by the signal without closing its sessions).
  const STOP_GRACE_MS = 3_000;
  const stop = async () => {
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
    await server.close();
    await sessions.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.stdout.write(`IPoE Doctor is running in browser mode at:\n  ${server.url}\n`);
  if (!args.includes('--no-open') && !process.env.CI) {
    const opened = await openInBrowser(server.url);
    process.stdout.write(opened ? 'Opened it in your web browser.\n' : 'Open that address in a web browser (none could be launched from here).\n');
  }
}

void main();
