/**
 * Ctrl-C / SIGTERM ends the browser-mode server whatever its clients hold open. A browser keeps sockets with no
 * request on them (Chromium preconnects), or a request half-sent; the server used to wait for those until the
 * headers timeout, so the process did not end (found as an e2e test that waited 120 s for `stop()`).
 * `startWebProcess().stop()` fails the test when the process has not exited 15 s after SIGTERM.
 */
import { describe, expect, it } from 'vitest';
import net from 'node:net';
import WebSocket from 'ws';
import { startWebProcess, type WebProcess } from '../support/web-process.js';

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

function openSocket(web: WebProcess): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/api?token=${web.token}`, { headers: { origin: web.origin } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('browser-mode server: SIGTERM ends it, whatever the clients hold open (real process)', () => {
  type Hold = (web: WebProcess, s: net.Socket) => Promise<unknown>;
  const cases: [string, Hold][] = [
    ['a socket with no request on it (a browser preconnect)', async () => undefined],
    ['a request half-sent', async (_web, s) => s.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n')],
    ['an open WebSocket of a page', async (web) => openSocket(web)],
  ];
  it.each(cases)('%s', async (_what, hold) => {
    const web = await startWebProcess();
    const s = await connect(web.port);
    try {
      await hold(web, s);
      await web.stop();
      expect(web.child.signalCode).toBeNull();
      expect(web.child.exitCode).toBe(0);
    } finally {
      s.destroy();
      await web.stop().catch(() => undefined);
    }
  });
});
