/** `nat descriptor …` lines. */
import { intOf } from '../text.js';
import { emptyNat, entry } from './model.js';
import type { NatDescriptor } from './types.js';

/** Apply the words after `nat descriptor`; false when the line is not modelled. */
export function applyNat(record: Record<number, NatDescriptor>, words: string[], line: number): boolean {
  const [a, b, c] = words;
  if (a === 'type') {
    const id = intOf(b);
    if (id === null || c === undefined) return false;
    entry(record, id, () => emptyNat(id)).type = { value: c, lines: [line] };
    return true;
  }
  if (a === 'address' && (b === 'outer' || b === 'inner')) {
    const id = intOf(c);
    const value = words.slice(3).join(' ');
    if (id === null || value === '') return false;
    entry(record, id, () => emptyNat(id))[b] = { value, lines: [line] };
    return true;
  }
  if (a === 'masquerade' && b === 'port' && c === 'range') {
    const id = intOf(words[3]);
    if (id === null) return false;
    const ranges: [number, number][] = [];
    for (const w of words.slice(4)) {
      const m = /^(\d{1,5})-(\d{1,5})$/.exec(w);
      if (m) ranges.push([Number(m[1]), Number(m[2])]);
    }
    entry(record, id, () => emptyNat(id)).portRanges = { ranges, lines: [line] };
    return true;
  }
  if (a === 'masquerade' && b === 'static') {
    const id = intOf(c);
    if (id === null) return false;
    entry(record, id, () => emptyNat(id)).statics.push({ text: words.slice(3).join(' '), lines: [line] });
    return true;
  }
  return false;
}
