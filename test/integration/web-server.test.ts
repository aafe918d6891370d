import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { request } from 'node:http';
import { startWebProcess, type WebProcess } from '../support/web-process.js';

/** Opens a socket with the given headers and reports the HTTP status of a refusal, or 101 on success. */
function tryUpgrade(url: string, headers: Record<string, string>): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve({ status: 101, ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.once('error', () => resolve({ status: -1 }));
  });
}

function httpGet(port: number, path: string, host: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode server (real process)', () => {
  let web: WebProcess;
  beforeAll(async () => {
    web = await startWebProcess();
  });
  afterAll(async () => {
    await web?.stop();
  });

  it('listens on 127.0.0.1 only, on a random port', () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    expect(web.port).toBeGreaterThan(1024);
  });

  it('refuses a socket without the token', async () => {
    const r = await tryUpgrade(`ws://127.0.0.1:${web.port}/api`, { origin: web.origin });
    expect(r.status).toBe(401);
    const wrong = await tryUpgrade(`ws://127.0.0.1:${web.port}/api?token=${web.token}x`, { origin: web.origin });
    expect(wrong.status).toBe(401);
    await expect.poll(() => web.output()).toContain('refused WebSocket: missing or wrong session token');
  });

  it('refuses a foreign Origin even with the token', async () => {
    const r = await tryUpgrade(`ws://127.0.0.1:${web.port}/api?token=${web.token}`, { origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    await expect.poll(() => web.output()).toContain('foreign Origin');
  });

  it('refuses a foreign Host header (DNS rebinding) for the socket and the page', async () => {
    const r = await tryUpgrade(`ws://127.0.0.1:${web.port}/api?token=${web.token}`, {
      origin: `http://rebind.example:${web.port}`,
      host: `rebind.example:${web.port}`,
    });
    expect(r.status).toBe(403);
    expect((await httpGet(web.port, '/', `rebind.example:${web.port}`)).status).toBe(403);
  });

  it('serves the UI with a CSP and answers API calls on an authorised socket', async () => {
    const page = await httpGet(web.port, '/', `127.0.0.1:${web.port}`);
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const { status, ws } = await tryUpgrade(`ws://127.0.0.1:${web.port}/api?token=${web.token}`, { origin: web.origin });
    expect(status).toBe(101);
    const reply = await new Promise<unknown>((resolve) => {
      ws!.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { id?: number };
        if (frame.id === 7) resolve(frame);
      });
      ws!.send(JSON.stringify({ id: 7, method: 'app.info', params: {} }));
    });
    expect(reply).toMatchObject({ id: 7, ok: true, result: { name: 'IPoE Doctor', shell: 'browser' } });
    const bad = await new Promise<unknown>((resolve) => {
      ws!.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { id?: number };
        if (frame.id === 8) resolve(frame);
      });
      ws!.send(JSON.stringify({ id: 8, method: 'wizard.send', params: { type: 'SELF_DESTRUCT' } }));
    });
    expect(bad).toMatchObject({ id: 8, ok: false, error: { code: 'invalid-params' } });
    ws!.close();
  });
});
