// First contentful paint of the connect screen in Debian's Chromium against the real browser-mode server, on a cold
// load (a fresh browser profile each round, so nothing is cached). Target: under 1 s. Needs `npm run build` first.
import { launchChromium } from '../test/support/chromium.js';
import { startWebProcess } from '../test/support/web-process.js';

const TARGET_MS = 1000;
const ROUNDS = 5;

const web = await startWebProcess();
const figures: { fcp: number; picker: number; scriptKb: number }[] = [];
try {
  for (let i = 0; i < ROUNDS; i++) {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(web.url);
      await page.getByRole('button', { name: 'デモのルーターで試す' }).waitFor();
      const m = (await page.evaluate(`(() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        const scripts = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
        return { fcp: fcp ? fcp.startTime : -1, picker: performance.now(), scriptKb: scripts.reduce((a, r) => a + (r.decodedBodySize || 0), 0) / 1024 };
      })()`)) as { fcp: number; picker: number; scriptKb: number };
      figures.push(m);
    } finally {
      await browser.close();
    }
  }
} finally {
  await web.stop();
}
const fcps = figures.map((f) => f.fcp).sort((a, b) => a - b);
const median = fcps[Math.floor(fcps.length / 2)]!;
console.log(`first contentful paint (cold, ${ROUNDS} rounds): median ${median.toFixed(0)} ms, worst ${fcps.at(-1)!.toFixed(0)} ms (target < ${TARGET_MS} ms)`);
console.log(`connect screen usable after ${figures.map((f) => f.picker.toFixed(0)).join(' / ')} ms; scripts loaded for it: ${figures[0]!.scriptKb.toFixed(0)} KB`);
if (median >= TARGET_MS) {
  console.log('first contentful paint is over its target');
  process.exitCode = 1;
}
