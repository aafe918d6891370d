/**
 * The browser-mode server keeps serving whatever a socket sends it: a 1 MB paste is diagnosed, a paste over the limit
 * is refused with the reason, binary and garbage frames get an error answer, invalid UTF-8 and a frame over the
 * socket's limit close only that socket. Each browser tab has its own wizard. A page can ask whether its token is
 * still good (a stale one is 401).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { startWebProcess, type WebProcess } from '../support/web-process.js';
import { PASTE_MAX_BYTES, WS_MAX_FRAME_BYTES } from '../../shared/ipc/limits.js';

type Frame = { id?: number | null; ok?: boolean; result?: unknown; error?: { code: string; message: string }; event?: string; payload?: { state?: string } };

/** A socket with every frame it received, and a way to wait for one. */
async function socket(web: WebProcess, tab?: string): Promise<{ ws: WebSocket; frames: Frame[]; next: (pred: (f: Frame) => boolean) => Promise<Frame>; call: (id: number, method: string, params: unknown) => Promise<Frame> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${web.port}/api?token=${web.token}${tab ? `&tab=${tab}` : ''}`, { origin: web.origin, maxPayload: 64 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const frames: Frame[] = [];
  const waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString()) as Frame;
    frames.push(f);
    for (const w of [...waiters]) if (w.pred(f)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(f);
    }
  });
  const next = (pred: (f: Frame) => boolean) =>
    new Promise<Frame>((resolve) => {
      const seen = frames.find(pred);
      if (seen) resolve(seen);
      else waiters.push({ pred, resolve });
    });
  const call = (id: number, method: string, params: unknown) => {
    ws.send(JSON.stringify({ id, method, params }));
    return next((f) => f.id === id);
  };
  return { ws, frames, next, call };
}

const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

function check(web: WebProcess, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path: `/api/check?token=${encodeURIComponent(token)}`, headers: { host: `127.0.0.1:${web.port}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Field report 000 as posted, made up to 1 MB with more of its own log: a real paste of a real size. */
function megabytePaste(): string {
  const seed = readFileSync(new URL('../fixtures/pastes/seed-000-forum-post.md', import.meta.url), 'utf8');
  const logLine = (i: number) => `2022/12/13 01:${String(i % 60).padStart(2, '0')}:39: [DHCPD] LAN1(port10) Allocates 192.168.182.${(i % 200) + 2}: 38:56:10:c6:f3:39\n`;
  const lines: string[] = [];
  // The log lines are ASCII: their length is their size in bytes.
  for (let size = Buffer.byteLength(seed); size < 1024 * 1024; ) size += lines[lines.push(logLine(lines.length)) - 1]!.length;
  return `${seed}\n\`\`\`\n${lines.join('')}\`\`\`\n`;
}

describe('browser-mode server limits (real process)', () => {
  let web: WebProcess;
  beforeAll(async () => {
    web = await startWebProcess();
  });
  afterAll(async () => {
    await web?.stop();
  });

  it('diagnoses a 1 MB paste of field report 000 and keeps serving', async () => {
    const s = await socket(web, 'tab-megabyte-1');
    const text = megabytePaste();
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(1024 * 1024);
    expect(await s.call(1, 'wizard.send', { type: 'PASTE_TRANSCRIPT', text })).toMatchObject({ id: 1, ok: true, result: { accepted: true } });
    await s.next((f) => f.event === 'wizard.view' && f.payload?.state === 'router.findings');
    const view = (await s.call(2, 'wizard.view', {})).result as { diagnosis: { findings: { code: string }[] } };
    expect(view.diagnosis.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['BR_ADDRESS_WRONG', 'IPV4_FILTER_LAN_MISMATCH']));
    s.ws.close();
  });

  it('refuses a paste over the limit with the reason, on a socket that stays open', async () => {
    const s = await socket(web, 'tab-too-large-1');
    const reply = await s.call(3, 'wizard.send', { type: 'PASTE_TRANSCRIPT', text: 'あ'.repeat(Math.floor(PASTE_MAX_BYTES / 3) + 1) });
    expect(reply).toMatchObject({ id: 3, ok: false, error: { code: 'invalid-params' } });
    expect(reply.error?.message).toContain('larger than 4 MB');
    expect(await s.call(4, 'app.info', {})).toMatchObject({ id: 4, ok: true });
    s.ws.close();
  });

  it('answers binary and garbage frames with an error and goes on answering', async () => {
    const s = await socket(web);
    s.ws.send(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x89]), { binary: true });
    expect(await s.next((f) => f.error?.code === 'binary-frame')).toMatchObject({ id: null, ok: false });
    s.ws.send('}{ this is not JSON');
    expect(await s.next((f) => f.error?.code === 'malformed-frame' && f.error.message.includes('not JSON'))).toMatchObject({ id: null, ok: false });
    s.ws.send(JSON.stringify({ id: 5, method: 'app.info', params: {}, extra: true }));
    expect(await s.next((f) => f.id === 5)).toMatchObject({ ok: false, error: { code: 'malformed-frame' } });
    s.ws.send(JSON.stringify([1, 2, 3]));
    expect(await s.next((f) => f.error?.message.includes('not a call') === true && f.id === null)).toMatchObject({ ok: false });
    expect(await s.call(6, 'app.info', {})).toMatchObject({ id: 6, ok: true, result: { name: 'IPoE Doctor' } });
    s.ws.close();
  });

  it('closes only the socket that sends invalid UTF-8 or a frame over its limit', async () => {
    const bad = await socket(web);
    const badClosed = closed(bad.ws);
    bad.ws.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false });
    expect(await badClosed).toBe(1007);
    const huge = await socket(web);
    const hugeClosed = closed(huge.ws);
    huge.ws.send(Buffer.alloc(WS_MAX_FRAME_BYTES + 1024, 0x61), { binary: false });
    expect(await hugeClosed).toBe(1009);
    const s = await socket(web);
    expect(await s.call(7, 'app.info', {})).toMatchObject({ id: 7, ok: true });
    s.ws.close();
    expect(web.child.exitCode).toBeNull();
    expect(web.output()).toContain('WebSocket closed on error');
  });

  it('gives each tab its own wizard; a tab that comes back finds its own', async () => {
    const a = await socket(web, 'tab-aaaaaaaa');
    const b = await socket(web, 'tab-bbbbbbbb');
    await a.call(8, 'wizard.send', { type: 'PASTE_TRANSCRIPT', text: readFileSync(new URL('../fixtures/pastes/headings-ja.txt', import.meta.url), 'utf8') });
    await a.next((f) => f.event === 'wizard.view' && f.payload?.state === 'router.findings');
    expect(((await b.call(9, 'wizard.view', {})).result as { state: string }).state).toBe('chooseConnection');
    a.ws.close();
    const again = await socket(web, 'tab-aaaaaaaa');
    expect(((await again.call(10, 'wizard.view', {})).result as { state: string }).state).toBe('router.findings');
    again.ws.close();
    b.ws.close();
  });

  it('tells a stale token (401) from a good one (204)', async () => {
    expect(await check(web, web.token)).toBe(204);
    expect(await check(web, `${web.token}x`)).toBe(401);
    expect(await check(web, '')).toBe(401);
  });
});
