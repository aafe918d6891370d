import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, APP_URL, RENDERER_CSP, isAppUrl, mainWindowOptions } from '../../../main/electron/window-options.js';
import { guardIpcCall } from '../../../main/electron/ipc-guard.js';
import { dispatchApiCall } from '../../../main/services/dispatch.js';
import type { AppService } from '../../../main/services/app-service.js';

describe('BrowserWindow options', () => {
  const opts = mainWindowOptions('/app/dist/electron/preload.cjs');
  const web = opts.webPreferences!;

  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.preload).toBe('/app/dist/electron/preload.cjs');
  });

  it('opens at a size that fits the 1280×800 target', () => {
    expect(opts.width).toBeLessThanOrEqual(1280);
    expect(opts.height).toBeLessThanOrEqual(800);
  });

  it('has a strict Content-Security-Policy', () => {
    expect(RENDERER_CSP).toContain("default-src 'self'");
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).toContain("object-src 'none'");
    expect(RENDERER_CSP).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });

  it('allows navigation only within the app origin', () => {
    expect(isAppUrl(APP_URL)).toBe(true);
    expect(isAppUrl(`${APP_ORIGIN}/x/y`)).toBe(true);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('IPC validation', () => {
  const top = { url: APP_URL, isMainFrame: true };

  it('accepts a known method from the app top frame', () => {
    expect(guardIpcCall(top, 'wizard.send')).toEqual({ ok: true });
  });

  it('rejects sub-frames, foreign origins, missing frames and unknown methods', () => {
    expect(guardIpcCall({ ...top, isMainFrame: false }, 'wizard.send').ok).toBe(false);
    expect(guardIpcCall({ url: 'https://attacker.example/', isMainFrame: true }, 'wizard.send').ok).toBe(false);
    expect(guardIpcCall(null, 'wizard.send').ok).toBe(false);
    expect(guardIpcCall(top, 'fs.readFile').ok).toBe(false);
    expect(guardIpcCall(top, '__proto__').ok).toBe(false);
    expect(guardIpcCall(top, 42).ok).toBe(false);
  });

  it('checks every parameter against the zod contract before a handler runs', async () => {
    const seen: unknown[] = [];
    const service = {
      handlers: new Proxy({}, { get: () => async (input: unknown) => (seen.push(input), { accepted: true }) }),
      onEvent: () => () => undefined,
      dispose: async () => undefined,
    } as unknown as AppService;

    const bad = await dispatchApiCall(service, 'wizard.send', { type: 'CONNECT', request: { kind: 'serial', path: '' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    const extra = await dispatchApiCall(service, 'wizard.send', { type: 'CANCEL', evil: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    const unknownScenario = await dispatchApiCall(service, 'wizard.send', { type: 'CONNECT', request: { kind: 'demo', scenario: '../../etc' } });
    expect(unknownScenario.ok).toBe(false);
    const unknown = await dispatchApiCall(service, 'shell.exec', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(seen).toEqual([]);

    const good = await dispatchApiCall(service, 'wizard.send', { type: 'CONNECT', request: { kind: 'serial', path: '/dev/ttyUSB0' } });
    expect(good).toEqual({ ok: true, result: { accepted: true } });
    // Defaults are applied by the schema: 9600 bit/s unless told otherwise.
    expect(seen).toEqual([{ type: 'CONNECT', request: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 9600 } }]);
  });
});
