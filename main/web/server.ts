import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { WsRequestFrameSchema, type WsEventFrame, type WsResponseFrame } from '../../shared/ipc/contract.js';
import type { AppService } from '../services/app-service.js';
import { dispatchApiCall } from '../services/dispatch.js';
import { allowedHosts, checkUpgrade, contentSecurityPolicy, newToken } from './security.js';

export interface WebServerOptions {
  service: AppService;
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
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
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

  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  const sockets = new Set<WebSocket>();

  http.on('upgrade', (req, socket, head) => {
    const verdict = checkUpgrade(req, port, token);
    if (!verdict.ok) {
      log(`refused WebSocket: ${verdict.reason}`);
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.status === 401 ? 'Unauthorized' : verdict.status === 404 ? 'Not Found' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      void (async () => {
        let frame;
        try {
          frame = WsRequestFrameSchema.parse(JSON.parse(isBinary ? '' : data.toString()));
        } catch {
          log('refused a malformed WebSocket frame');
          ws.close(1003, 'malformed frame');
          return;
        }
        const result = await dispatchApiCall(opts.service, frame.method, frame.params);
        if (!result.ok) log(`call ${frame.method} refused: ${result.error.message}`);
        const reply: WsResponseFrame = result.ok
          ? { id: frame.id, ok: true, result: result.result }
          : { id: frame.id, ok: false, error: result.error };
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
      })();
    });
  });

  const offEvents = opts.service.onEvent((event, payload) => {
    const frame: WsEventFrame = { event, payload };
    const text = JSON.stringify(frame);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
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
      offEvents();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
