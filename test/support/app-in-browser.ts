/**
 * The app as a user meets it: the real browser-mode server (dist/web.mjs) and Debian's Chromium, started before the
 * suite's tests and stopped after them. `const app = appInBrowser();` then `app.web`, `app.browser` inside tests.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { startWebProcess, type WebProcess } from './web-process.js';

export interface AppInBrowser {
  web: WebProcess;
  browser: Browser;
}

export function appInBrowser(env: Record<string, string> = {}): AppInBrowser {
  const app = {} as AppInBrowser;
  beforeAll(async () => {
    app.web = await startWebProcess(env);
    app.browser = await launchChromium();
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.web?.stop();
  });
  return app;
}
