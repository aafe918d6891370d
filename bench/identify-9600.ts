// Connect, log in and identify the fixed-ip-br-typo twin at 9600 bit/s: how close to the line-speed
// bound (bytes ÷ 960 B/s) the session gets. The session's prompt settling and round trips are the overhead.
import { RtxSession } from '../main/devices/rtx-session.js';
import { identifyRtx } from '../main/devices/identify-rtx.js';
import { connectTwin } from '../main/simulator/host/twin-transport.js';

const BPS = 960;
const t = connectTwin('fixed-ip-br-typo', { bytesPerSecond: BPS });
let bytes = 0;
t.onData((c) => (bytes += c.length));
const started = performance.now();
const s = new RtxSession(t, { username: 'admin', password: 'rtx-login-9Qm2', adminPassword: 'rtx-admin-7Hk4' });
await s.open();
const id = await identifyRtx(s, { crossCheck: true });
await s.close();
const wall = (performance.now() - started) / 1000;
const bound = bytes / BPS;
console.log(`identify ${id.model} Rev.${id.firmware} over a 9600 bit/s line`);
console.log(`  bytes read        ${bytes}`);
console.log(`  wall time         ${wall.toFixed(2)} s`);
console.log(`  line-speed bound  ${bound.toFixed(2)} s (bytes ÷ ${BPS} B/s)`);
console.log(`  ratio             ${(wall / bound).toFixed(3)}  (target ≤ 1.25)`);
console.log(`  peak RSS          ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
