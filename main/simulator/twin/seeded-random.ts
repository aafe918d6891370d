/**
 * A small seeded pseudo-random source (mulberry32), so the twin's generated volumes (log history, office
 * config, NAT sessions) are the same on every run for one seed: tests and benchmarks are repeatable.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A MAC address in a vendor block given as three octets (`f0:9f:c2`). */
  mac(oui: string): string {
    const b = () => this.int(0, 255).toString(16).padStart(2, '0');
    return `${oui}:${b()}:${b()}:${b()}`;
  }

  /** A derived source for one purpose, so adding draws to one generator does not shift another's. */
  fork(salt: number): SeededRandom {
    return new SeededRandom((this.state ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0);
  }
}
