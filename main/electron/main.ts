import { app, BrowserWindow, ipcMain, net, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppService, type AppService } from '../services/app-service.js';
import { dispatchApiCall } from '../services/dispatch.js';
import { appResources } from '../paths.js';
import { APP_SCHEME, APP_URL, RENDERER_CSP, isAppUrl, mainWindowOptions } from './window-options.js';
import { IPC_EVENT, IPC_INVOKE, guardIpcCall } from './ipc-guard.js';

// Thin by design: window, security settings and IPC wiring. Everything else is plain Node in main/services.

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererDir = appResources().renderer;
let service: AppService | null = null;

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    const file = normalize(join(rendererDir, decodeURIComponent(pathname)));
    if (!file.startsWith(rendererDir + sep)) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', RENDERER_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** The support report as PDF, printed by Chromium from the report's own self-contained HTML (no scripts). */
async function printToPdf(html: string): Promise<Buffer> {
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    win.destroy();
  }
}

function createWindow(): void {
  const win = new BrowserWindow(mainWindowOptions(appResources().preload));
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  const off = service!.onEvent((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT, event, payload);
  });
  win.on('closed', off);
  void win.loadURL(APP_URL);
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer();
  // Backups, known hosts and reports live in Electron's per-user data directory.
  process.env.IPOE_DOCTOR_DATA_DIR ??= app.getPath('userData');
  service = createAppService({ shell: 'electron', printToPdf });
  ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, method: unknown, params: unknown) => {
    const frame = event.senderFrame;
    const verdict = guardIpcCall(frame ? { url: frame.url, isMainFrame: frame === frame.top } : null, method);
    if (!verdict.ok) {
      console.warn(`[ipc] rejected: ${verdict.reason}`);
      return { ok: false, error: { code: 'rejected', message: verdict.reason } };
    }
    const result = await dispatchApiCall(service!, method, params);
    if (!result.ok) console.warn(`[ipc] ${String(method)} refused: ${result.error.message}`);
    return result;
  });
  createWindow();
});

app.on('window-all-closed', () => {
  void service?.dispose().finally(() => app.quit());
});
