import type { BrowserWindowConstructorOptions } from 'electron';

/** The renderer is served from this privileged custom scheme, never from file://. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://ipoe-doctor`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Security-relevant window options (Electron security checklist items 2–4, 6, 8–12): an isolated,
 * sandboxed renderer with no Node, no webviews and no relaxed web security.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'IPoE Doctor',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: process.env.IPOE_DOCTOR_DEVTOOLS === '1',
    },
  };
}

/** Navigation inside the window is allowed only within the app's own origin. */
export function isAppUrl(url: string): boolean {
  try {
    // Compare scheme and host, not `origin`: outside Electron a custom scheme's origin is "null".
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'ipoe-doctor' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
