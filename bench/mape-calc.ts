// MAP-E calculation speed over random prefixes of every rule (the calculator screen recomputes on each keystroke).
import { calculateMapE, mapeRules } from '../shared/mape/index.js';

const rules = mapeRules();
const inputs: string[] = [];
for (let i = 0; i < 20_000; i++) {
  const r = rules[i % rules.length]!;
  const [prefix] = r.ipv6Prefix.split('/');
  const hextets = prefix!.split(':').filter(Boolean).map((h) => parseInt(h, 16));
  while (hextets.length < 4) hextets.push(0);
  // Randomise the bits below the rule prefix inside the first 56 bits.
  const rand = () => Math.floor(Math.random() * 0x10000);
  const len = Number(r.ipv6Prefix.split('/')[1]);
  const h2 = len >= 48 ? hextets[2]! : ((hextets[2]! & ~((1 << (48 - Math.max(len, 32))) - 1)) | (rand() & ((1 << (48 - Math.max(len, 32))) - 1))) & 0xffff;
  const h3 = rand() & 0xff00;
  inputs.push(`${hextets[0]!.toString(16)}:${hextets[1]!.toString(16)}:${h2.toString(16)}:${h3.toString(16)}::/56`);
}
calculateMapE(inputs[0]!);
const started = performance.now();
let ok = 0;
for (const input of inputs) {
  try {
    calculateMapE(input);
    ok++;
  } catch {
    /* prefixes that fall between rules are fine to skip here */
  }
}
const ms = performance.now() - started;
console.log(`MAP-E calculation: ${inputs.length} prefixes (${ok} inside a rule) in ${ms.toFixed(0)} ms = ${((ms * 1000) / inputs.length).toFixed(1)} µs each`);
