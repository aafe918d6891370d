import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';

/** Debian's Chromium; Playwright never downloads a browser here. Playwright gives each launch a fresh profile. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** `executablePath` may be a wrapper around Debian's Chromium (e.g. one that runs it in a test's network namespace). */
export async function launchChromium(executablePath = CHROMIUM_PATH): Promise<Browser> {
  if (!chromiumAvailable()) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium package (apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Debian's Chromium inside a network namespace (through a wrapper script), next to an app served from there. */
export async function launchChromiumInNetns(netns: string): Promise<Browser> {
  const { chmodSync, mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const wrapper = join(mkdtempSync(join(tmpdir(), 'ipoe-chromium-')), 'chromium-in-netns.sh');
  writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${netns} ${CHROMIUM_PATH} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return launchChromium(wrapper);
}
