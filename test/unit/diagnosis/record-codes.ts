/** Re-record codes.json (see codes.test.ts): `npx tsx test/unit/diagnosis/record-codes.ts`. */
import { writeFileSync } from 'node:fs';
import { corpus } from './corpus.js';

const out = await corpus();
writeFileSync(new URL('./codes.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(`${Object.keys(out).length} inputs recorded`);
