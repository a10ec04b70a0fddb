/**
 * Compact state for cross-record rules: growable number columns indexed by young person, and a hash table from
 * (young person, 53-bit key) to numbers, in typed arrays (a few bytes per entry instead of objects and strings).
 *
 * @module
 */

/**
 * A column of numbers indexed from 0, growing as needed; unset cells read as the fill value.
 *
 * @example
 * const c = new NumberColumn(-1);
 * c.set(10, 3);
 * c.get(10); // 3
 * c.get(11); // -1
 */
export class NumberColumn {
  private data: Float64Array;

  constructor(private readonly fillValue = 0, capacity = 1024) {
    this.data = new Float64Array(capacity).fill(fillValue);
  }

  get(i: number): number {
    return i < this.data.length ? this.data[i]! : this.fillValue;
  }

  set(i: number, value: number): void {
    if (i >= this.data.length) {
      let n = this.data.length * 2;
      while (n <= i) n *= 2;
      const next = new Float64Array(n).fill(this.fillValue);
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = value;
  }
}

const EMPTY = -1;

/**
 * An open-addressing hash table from (young person number ≥ 0, 53-bit key) to two numbers (`a`, `b`), for sets
 * of keys per young person (duplicates, openings). 24 bytes per slot, at most half full.
 *
 * @example
 * const t = new PersonKeyTable();
 * t.add(0, 123456789, 7, 0); // true (new)
 * t.find(0, 123456789) >= 0; // true
 * t.find(1, 123456789); // -1
 */
export class PersonKeyTable {
  private person: Int32Array;
  private hi: Uint32Array;
  private lo: Uint32Array;
  private a: Float64Array;
  private b: Float64Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    this.person = new Int32Array(capacity).fill(EMPTY);
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.a = new Float64Array(capacity);
    this.b = new Float64Array(capacity);
    this.mask = capacity - 1;
  }

  private slot(person: number, hi: number, lo: number): number {
    let i = (Math.imul(lo ^ Math.imul(hi, 0x9e3779b1) ^ Math.imul(person, 0x85ebca6b), 0xc2b2ae35) >>> 0) & this.mask;
    for (;;) {
      const p = this.person[i]!;
      if (p === EMPTY || (p === person && this.lo[i] === lo && this.hi[i] === hi)) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** The slot holding (person, key), or -1. */
  find(person: number, key: number): number {
    const i = this.slot(person, Math.floor(key / 4294967296), key >>> 0);
    return this.person[i] === EMPTY ? -1 : i;
  }

  /** Adds (person, key) with its numbers unless present; returns whether it was added. */
  add(person: number, key: number, a: number, b: number): boolean {
    const hi = Math.floor(key / 4294967296);
    const lo = key >>> 0;
    let i = this.slot(person, hi, lo);
    if (this.person[i] !== EMPTY) return false;
    if ((this.size + 1) * 2 > this.person.length) {
      this.grow();
      i = this.slot(person, hi, lo);
    }
    this.person[i] = person;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.a[i] = a;
    this.b[i] = b;
    this.size++;
    return true;
  }

  /** The first number of a slot. */
  aAt(slot: number): number {
    return this.a[slot]!;
  }

  /** The second number of a slot. */
  bAt(slot: number): number {
    return this.b[slot]!;
  }

  private grow(): void {
    const { person, hi, lo, a, b } = this;
    const n = person.length * 2;
    this.person = new Int32Array(n).fill(EMPTY);
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.a = new Float64Array(n);
    this.b = new Float64Array(n);
    this.mask = n - 1;
    for (let j = 0; j < person.length; j++) {
      const p = person[j]!;
      if (p === EMPTY) continue;
      const i = this.slot(p, hi[j]!, lo[j]!);
      this.person[i] = p;
      this.hi[i] = hi[j]!;
      this.lo[i] = lo[j]!;
      this.a[i] = a[j]!;
      this.b[i] = b[j]!;
    }
  }
}
