import { timingSafeEqual, randomBytes } from 'node:crypto';

/** A fresh token per run: whoever opens the page must have been handed the URL. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokensEqual(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Hosts the server answers to. Anything else is a DNS-rebinding attempt or a proxy mistake. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((h) => `http://${h}`);
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: number; reason: string };

/** Decide whether a WebSocket upgrade may proceed: right path, our Host, our Origin, the run's token. */
export function checkUpgrade(
  req: { url?: string | undefined; headers: Record<string, string | string[] | undefined> },
  port: number,
  token: string,
): UpgradeVerdict {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  if (url.pathname !== '/api') return { ok: false, status: 404, reason: `no WebSocket endpoint at ${url.pathname}` };
  const host = header(req.headers.host);
  if (!host || !allowedHosts(port).includes(host.toLowerCase())) {
    return { ok: false, status: 403, reason: `foreign Host header ${JSON.stringify(host)}` };
  }
  const origin = header(req.headers.origin);
  if (!origin || !allowedOrigins(port).includes(origin.toLowerCase())) {
    return { ok: false, status: 403, reason: `foreign Origin ${JSON.stringify(origin)}` };
  }
  if (!tokensEqual(url.searchParams.get('token'), token)) {
    return { ok: false, status: 401, reason: 'missing or wrong session token' };
  }
  return { ok: true };
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function contentSecurityPolicy(port: number): string {
  const ws = allowedHosts(port).map((h) => `ws://${h}`).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
