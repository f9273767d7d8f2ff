// Seeded pseudo-random numbers for demo data: the same seed always yields the same rows, on any
// machine and either dialect. sfc32 (128-bit state, passes PractRand) seeded through a string hash
// so independent streams can be forked by label without one stream's use shifting another's.

/** cyrb128: a fast 128-bit string hash, used only to seed generators (not for security). */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  readonly #label: string;

  constructor(seed: number | string) {
    this.#label = String(seed);
    [this.#a, this.#b, this.#c, this.#d] = hash128(this.#label);
    // Discard the first outputs: sfc32's early values still correlate with the seed bits.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** An independent stream named by `label`; forking never advances this stream. */
  fork(label: string | number): Rng {
    return new Rng(`${this.#label}/${label}`);
  }

  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  real(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `count` distinct items in random order (partial Fisher–Yates on a copy). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }

  /** Picks by relative weight: weighted([['A', 3], ['B', 1]]) is 'A' three times in four. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** Normal distribution (Box–Muller). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * A UUIDv7 (the layout src/core/ids.ts uses) for a row created at `ms`: time-ordered like real
   * ids, but its random bits come from this stream so the same seed gives the same ids.
   */
  uuid(ms: number): string {
    const hex = (n: number, len: number): string => n.toString(16).padStart(len, '0').slice(-len);
    const time = hex(Math.floor(ms), 12);
    const r1 = this.uint32();
    const r2 = this.uint32();
    const r3 = this.uint32();
    const variant = ((r1 >>> 16) & 0x3fff) | 0x8000;
    return (
      `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(r1 & 0xfff, 3)}-` +
      `${hex(variant, 4)}-${hex(r2, 8)}${hex(r3 & 0xffff, 4)}`
    );
  }
}
