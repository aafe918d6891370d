import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { repoRoot } from '../support/web-process.js';

/**
 * Electron-only checks. This suite SKIPS where the Electron binary is missing (as on the build
 * machines, which cannot download it); the browser-mode suites cover the same UI and API there.
 */
function electronBinary(): string | null {
  const pathFile = join(repoRoot, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(repoRoot, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) ? bin : null;
}

const binary = electronBinary();

describe.skipIf(!binary)('Electron shell (skipped: no Electron binary or no display here)', () => {
  it('opens a sandboxed, isolated window that reaches the demo router over IPC', async () => {
    const app = await _electron.launch({ executablePath: binary!, args: [repoRoot] });
    try {
      const page = await app.firstWindow();
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const w = BrowserWindow.getAllWindows()[0]!;
        const p = (w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
        return { sandbox: p.sandbox, contextIsolation: p.contextIsolation, nodeIntegration: p.nodeIntegration };
      });
      expect(prefs).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false });
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      await page.getByRole('button', { name: 'デモのルーターで試す' }).click();
      await page.getByTestId('identified-title').waitFor({ timeout: 30_000 });
    } finally {
      await app.close();
    }
  });
});
