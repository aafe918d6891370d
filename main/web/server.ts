import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { WsRequestFrameSchema, type WsEventFrame, type WsResponseFrame } from '../../shared/ipc/contract.js';
import { WS_MAX_FRAME_BYTES } from '../../shared/ipc/limits.js';
import type { SessionHub } from '../services/session-hub.js';
import { dispatchApiCall } from '../services/dispatch.js';
import { allowedHosts, checkUpgrade, contentSecurityPolicy, newToken, tokensEqual } from './security.js';

export interface WebServerOptions {
  /** The wizards, one per browser tab. */
  sessions: SessionHub;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. The server only ever listens on 127.0.0.1. */
  port?: number;
  token?: string;
  log?: (line: string) => void;
}

export interface RunningWebServer {
  port: number;
  token: string;
  /** Open this in a browser: the token travels in the fragment, which is never sent over HTTP. */
  url: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export async function startWebServer(opts: WebServerOptions): Promise<RunningWebServer> {
  const token = opts.token ?? newToken();
  const sessions = opts.sessions;
  const log = opts.log ?? ((line: string) => process.stderr.write(`[web] ${line}\n`));
  let port = 0;

  const http = createServer((req, res) => {
    void serveStatic(req, res).catch((err: unknown) => {
      log(`error serving ${req.url}: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts(port).includes(host)) {
      log(`refused HTTP request with Host ${JSON.stringify(req.headers.host)}`);
      res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden host\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/check') {
      // Lets a page whose socket will not open tell a stale or missing token (401) from a server that is gone.
      const ok = tokensEqual(url.searchParams.get('token'), token);
      res.writeHead(ok ? 204 : 401, { 'cache-control': 'no-store' }).end();
      return;
    }
    const pathname = decodeURIComponent(url.pathname);
    const rel = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^([/\\])+/, '');
    const file = join(opts.staticDir, rel);
    if (!file.startsWith(opts.staticDir + sep) && file !== opts.staticDir) {
      res.writeHead(404).end();
      return;
    }
    let target = file;
    try {
      if (!(await stat(target)).isFile()) throw new Error('not a file');
    } catch {
      // Unknown paths get the app shell, so a reload on any route still works.
      if (extname(rel)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      target = join(opts.staticDir, 'index.html');
    }
    const body = await readFile(target);
    res.writeHead(200, {
      'content-type': MIME[extname(target)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy(port),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': target.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_FRAME_BYTES });
  const sockets = new Set<WebSocket>();
  // A socket error (an oversize frame: 1009, invalid UTF-8: 1007, a reset) closes that socket, never the server.
  wss.on('error', (err) => log(`WebSocket server error: ${err.message}`));

  http.on('upgrade', (req, socket, head) => {
    const verdict = checkUpgrade(req, port, token);
    if (!verdict.ok) {
      log(`refused WebSocket: ${verdict.reason}`);
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.status === 401 ? 'Unauthorized' : verdict.status === 404 ? 'Not Found' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    socket.on('error', (err) => log(`socket error: ${err.message}`));
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    // Each browser tab has its own wizard (its key survives a reload); a client that names none shares the first.
    const { service, detach } = sessions.attach(tabKey(req.url));
    const send = (frame: WsResponseFrame | WsEventFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const offEvents = service.onEvent((event, payload) => send({ event, payload }));
    sockets.add(ws);
    ws.on('error', (err) => log(`WebSocket closed on error: ${err.message}`));
    ws.on('close', () => {
      sockets.delete(ws);
      offEvents();
      detach();
    });
    ws.on('message', (data, isBinary) => {
      void answer(data, isBinary)
        .then(send)
        .catch((err: unknown) => {
          log(`call failed: ${String(err)}`);
          send({ id: null, ok: false, error: { code: 'internal', message: 'the call failed inside the server; see its log' } });
        });
    });

    async function answer(data: RawData, isBinary: boolean): Promise<WsResponseFrame> {
      const frame = readFrame(data, isBinary);
      if (!frame.ok) {
        log(`refused a WebSocket frame: ${frame.error.message}`);
        return frame;
      }
      const result = await dispatchApiCall(service, frame.method, frame.params);
      if (!result.ok) log(`call ${frame.method} refused: ${result.error.message}`);
      return result.ok ? { id: frame.id, ok: true, result: result.result } : { id: frame.id, ok: false, error: result.error };
    }
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  port = (http.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      // close() waits for every connection to end, and a browser keeps some open without a request on them
      // (Chromium's preconnected sockets) for up to the headers timeout: end them all, or Ctrl-C would hang.
      http.closeAllConnections();
      await closed;
    },
  };
}

const TAB_KEY = /^[A-Za-z0-9-]{8,64}$/;

/** The tab's own key from `/api?token=…&tab=…`, or the shared one for a client that sends none. */
function tabKey(url: string | undefined): string {
  const tab = new URL(url ?? '/', 'http://x').searchParams.get('tab');
  return tab && TAB_KEY.test(tab) ? tab : 'shared';
}

type ReadFrame = { ok: true; id: number; method: string; params: unknown } | Extract<WsResponseFrame, { ok: false }>;

/** A frame as a call, or the error answer it gets: binary and garbage frames are answered, never fatal. */
function readFrame(data: RawData, isBinary: boolean): ReadFrame {
  if (isBinary) return { id: null, ok: false, error: { code: 'binary-frame', message: 'the API takes JSON text frames; this one was binary' } };
  const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { id: null, ok: false, error: { code: 'malformed-frame', message: `the frame is not JSON (${text.length} characters)` } };
  }
  const parsed = WsRequestFrameSchema.safeParse(json);
  if (parsed.success) return { ok: true, id: parsed.data.id, method: parsed.data.method, params: parsed.data.params };
  const id = json && typeof json === 'object' && 'id' in json && Number.isInteger(json.id) ? (json.id as number) : null;
  return { id, ok: false, error: { code: 'malformed-frame', message: `the frame is not a call: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}` } };
}
