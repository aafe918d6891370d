import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedElectron } from '../../build/electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const electronHere = Boolean(installedElectron(root).binary);

// `npm run dist` where the Electron download cannot work. The download is pointed at a server on loopback that
// this test runs and that has no Electron release (404), so the test never reaches beyond this machine.
describe('npm run dist without the Electron download', () => {
  const requests: string[] = [];
  let server: Server;
  let mirror = '';
  const cache = mkdtempSync(join(tmpdir(), 'ipoe-electron-cache-'));

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(404).end('no Electron release here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    mirror = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(cache, { recursive: true, force: true });
  });

  it.skipIf(electronHere)('stops at once, before building anything, and says why', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: mirror, electron_config_cache: cache, NO_COLOR: '1' };
    for (const k of Object.keys(env)) if (/^npm_(package_)?config_electron_/i.test(k) || k === 'ELECTRON_OVERRIDE_DIST_PATH') delete env[k];
    const releaseBefore = existsSync(join(root, 'release'));
    const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn('npm', ['run', 'dist'], { cwd: root, env });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(run.code).toBe(1);
    expect(run.out).toContain('npm run dist: cannot build the installers on this machine: the Electron download does not work here');
    expect(run.out).toContain('node_modules/electron/path.txt is missing');
    expect(run.out).toMatch(/downloading Electron \d+\.\d+\.\d+ failed \(.*404/);
    expect(run.out).toContain('test/integration/packaging.test.ts');
    // The download was really tried (against the loopback server), and nothing was built or packaged.
    expect(requests.some((u) => /electron-v\d+\.\d+\.\d+-/.test(u) || /SHASUMS256/.test(u))).toBe(true);
    expect(run.out).not.toMatch(/vite v\d|built in|electron-builder +version=/);
    expect(existsSync(join(root, 'release'))).toBe(releaseBefore);
  });
});
