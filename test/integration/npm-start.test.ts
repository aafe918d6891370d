import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/web-process.js';

describe('npm start', () => {
  it('falls back to browser mode when Electron cannot run, says why, and serves the UI', async () => {
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    const child = spawn(process.execPath, [join(repoRoot, 'build', 'start.mjs'), '--no-open'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      // The bound: up in browser mode within 30 s.
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 30 s:\n${out}`)), 30_000);
        child.stdout.on('data', () => {
          const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      expect(out).toMatch(/Starting in browser mode because (the Electron binary|there is no graphical display)/);
      const res = await fetch(url.replace(/#.*/, ''));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
