/**
 * The regression record of the whole corpus (corpus.ts): every fixture, transcript and twin scenario gives the
 * same codes, unknown commands and notes as recorded in codes.json. A deliberate change of behaviour re-records
 * it with `npx tsx test/unit/diagnosis/record-codes.ts` and shows up as a reviewable diff of codes.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpus, type Record } from './corpus.js';

const RECORDED = JSON.parse(readFileSync(new URL('./codes.json', import.meta.url), 'utf8')) as { [name: string]: Record };

describe('diagnosis regression record', () => {
  it('every fixture, transcript and twin scenario diagnoses as recorded', async () => {
    const now = await corpus();
    expect(Object.keys(now).sort()).toEqual(Object.keys(RECORDED).sort());
    for (const [name, r] of Object.entries(RECORDED)) expect(now[name], name).toEqual(r);
  }, 60_000);
});
