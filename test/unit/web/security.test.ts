import { describe, expect, it } from 'vitest';
import { checkUpgrade, contentSecurityPolicy, tokensEqual } from '../../../main/web/security.js';

const port = 43210;
const token = 'tok-abc';
const ok = { url: `/api?token=${token}`, headers: { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` } };

describe('browser-mode upgrade checks', () => {
  it('lets our own page in', () => {
    expect(checkUpgrade(ok, port, token)).toEqual({ ok: true });
    expect(checkUpgrade({ ...ok, headers: { host: `localhost:${port}`, origin: `http://localhost:${port}` } }, port, token)).toEqual({ ok: true });
  });

  it('refuses a missing or wrong token', () => {
    expect(checkUpgrade({ ...ok, url: '/api' }, port, token)).toMatchObject({ ok: false, status: 401 });
    expect(checkUpgrade({ ...ok, url: '/api?token=tok-abd' }, port, token)).toMatchObject({ ok: false, status: 401 });
    expect(tokensEqual('tok-ab', token)).toBe(false);
  });

  it('refuses foreign Origin and Host (DNS rebinding)', () => {
    expect(checkUpgrade({ ...ok, headers: { ...ok.headers, origin: 'http://evil.example' } }, port, token)).toMatchObject({ ok: false, status: 403 });
    expect(checkUpgrade({ ...ok, headers: { ...ok.headers, origin: undefined } }, port, token)).toMatchObject({ ok: false, status: 403 });
    expect(checkUpgrade({ ...ok, headers: { ...ok.headers, host: `evil.example:${port}` } }, port, token)).toMatchObject({ ok: false, status: 403 });
    expect(checkUpgrade({ ...ok, headers: { ...ok.headers, origin: `http://127.0.0.1:${port + 1}` } }, port, token)).toMatchObject({ ok: false });
  });

  it('only upgrades on /api', () => {
    expect(checkUpgrade({ ...ok, url: `/other?token=${token}` }, port, token)).toMatchObject({ ok: false, status: 404 });
  });

  it('allows the page to talk only to its own server', () => {
    const csp = contentSecurityPolicy(port);
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
