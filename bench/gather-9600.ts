// Issue target: a full gather of the fixed-ip-br-typo twin at 9600 bit/s, ratio to the line-speed lower
// bound (bytes ÷ 960 B/s) ≤ 1.25, and peak RSS of the diagnosing process under 150 MB.
import { RtxSession } from '../main/devices/rtx-session.js';
import type { CommandOutput } from '../shared/diagnosis/input.js';
import { identifyRtx } from '../main/devices/identify-rtx.js';
import { diagnoseRtxSession } from '../main/services/diagnose-live.js';
import { connectTwin } from '../main/simulator/host/twin-transport.js';

const BPS = 960;
const twin = connectTwin('fixed-ip-br-typo', { bytesPerSecond: BPS });
const session = new RtxSession(twin, { username: 'admin', password: 'rtx-login-9Qm2', adminPassword: 'rtx-admin-7Hk4' });
await session.open();
// As the app does: identify's output is reused by the gather that follows (not read twice at 9600 bit/s).
const reuse: CommandOutput[] = [];
const device = await identifyRtx(session, { crossCheck: false, record: (o) => reuse.push(o) });
let bytes = 0;
const off = twin.onData((c) => (bytes += c.length));
const started = performance.now();
const { result, outputs } = await diagnoseRtxSession(session, device, { reuse });
const wall = (performance.now() - started) / 1000;
off();
await session.close();
const bound = bytes / BPS;
const ratio = wall / bound;
console.log(`full gather + diagnosis of ${device.model} Rev.${device.firmware} (fixed-ip-br-typo) at 9600 bit/s`);
console.log(`  commands          ${outputs.length} (${outputs.map((o) => o.command).join(', ')})`);
console.log(`  bytes read        ${bytes}`);
console.log(`  wall time         ${wall.toFixed(2)} s`);
console.log(`  line-speed bound  ${bound.toFixed(2)} s (bytes ÷ ${BPS} B/s)`);
console.log(`  ratio             ${ratio.toFixed(3)}  (target ≤ 1.25) ${ratio <= 1.25 ? 'OK' : 'OVER TARGET'}`);
const rss = process.resourceUsage().maxRSS / 1024;
console.log(`  peak RSS          ${rss.toFixed(1)} MB  (target < 150 MB) ${rss < 150 ? 'OK' : 'OVER TARGET'}`);
console.log(`  findings          ${result.findings.map((f) => f.code).join(', ')}`);
