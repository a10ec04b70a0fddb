/**
 * Compact state for cross-record rules: growable number columns indexed by young person, and a hash table from
 * (young person, 53-bit key) to numbers, in typed arrays (a few bytes per entry instead of objects and strings).
 *
 * @module
 */

const OUTSIDE = -2147483648;

/**
 * A column of numbers indexed from 0, growing as needed; unset cells read as the fill value. Whole numbers that
 * fit 32 bits take 4 bytes; any other number is kept aside, exactly.
 *
 * @example
 * const c = new NumberColumn(-1);
 * c.set(10, 3);
 * c.get(10); // 3
 * c.get(11); // -1
 * c.set(12, 1.5);
 * c.get(12); // 1.5
 */
export class NumberColumn {
  private data: Int32Array;
  private readonly aside = new Map<number, number>();

  constructor(private readonly fillValue = 0, capacity = 1024) {
    this.data = new Int32Array(capacity).fill(this.stored(fillValue));
  }

  private stored(value: number): number {
    return (value | 0) === value && value !== OUTSIDE && !Object.is(value, -0) ? value : OUTSIDE;
  }

  get(i: number): number {
    if (i >= this.data.length) return this.fillValue;
    const v = this.data[i]!;
    return v === OUTSIDE ? (this.aside.get(i) ?? this.fillValue) : v;
  }

  set(i: number, value: number): void {
    if (i >= this.data.length) {
      let n = this.data.length * 2;
      while (n <= i) n *= 2;
      const next = new Int32Array(n).fill(this.stored(this.fillValue));
      next.set(this.data);
      this.data = next;
    }
    const s = this.stored(value);
    this.data[i] = s;
    if (s === OUTSIDE) this.aside.set(i, value);
    else if (this.aside.size > 0) this.aside.delete(i);
  }
}

const EMPTY = -1;

/**
 * An open-addressing hash table from (young person number ≥ 0, 53-bit key) to two numbers (`a`, `b`), for sets
 * of keys per young person (duplicates, openings). 12 bytes per slot, plus 4 for a first number (whole, 32-bit;
 * others kept aside exactly) and 8 for a second (`numbers`: 0, 1 or 2); at most three quarters full.
 *
 * @example
 * const t = new PersonKeyTable(2);
 * t.add(0, 123456789, 7, 0); // true (new)
 * t.find(0, 123456789) >= 0; // true
 * t.find(1, 123456789); // -1
 */
export class PersonKeyTable {
  private person: Int32Array;
  private hi: Uint32Array;
  private lo: Uint32Array;
  /** First numbers, whole and 32-bit (others aside by slot, exactly). */
  private a: Int32Array;
  private readonly aAside = new Map<number, number>();
  private b: Float64Array;
  private mask: number;
  size = 0;

  constructor(
    private readonly numbers: 0 | 1 | 2 = 2,
    capacity = 1024,
  ) {
    this.person = new Int32Array(capacity).fill(EMPTY);
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.a = new Int32Array(numbers >= 1 ? capacity : 0);
    this.b = new Float64Array(numbers >= 2 ? capacity : 0);
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
    if ((this.size + 1) * 4 > this.person.length * 3) {
      this.grow();
      i = this.slot(person, hi, lo);
    }
    this.person[i] = person;
    this.hi[i] = hi;
    this.lo[i] = lo;
    if (this.numbers >= 1) this.setA(i, a);
    if (this.numbers >= 2) this.b[i] = b;
    this.size++;
    return true;
  }

  private setA(slot: number, value: number): void {
    if ((value | 0) === value && value !== OUTSIDE && !Object.is(value, -0)) this.a[slot] = value;
    else {
      this.a[slot] = OUTSIDE;
      this.aAside.set(slot, value);
    }
  }

  /** The first number of a slot. */
  aAt(slot: number): number {
    const v = this.a[slot]!;
    return v === OUTSIDE ? this.aAside.get(slot)! : v;
  }

  /** The second number of a slot. */
  bAt(slot: number): number {
    return this.b[slot]!;
  }

  private grow(): void {
    const { person, hi, lo, a, b } = this;
    const aside = new Map(this.aAside);
    this.aAside.clear();
    const n = person.length * 2;
    this.person = new Int32Array(n).fill(EMPTY);
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.a = new Int32Array(this.numbers >= 1 ? n : 0);
    this.b = new Float64Array(this.numbers >= 2 ? n : 0);
    this.mask = n - 1;
    for (let j = 0; j < person.length; j++) {
      const p = person[j]!;
      if (p === EMPTY) continue;
      const i = this.slot(p, hi[j]!, lo[j]!);
      this.person[i] = p;
      this.hi[i] = hi[j]!;
      this.lo[i] = lo[j]!;
      if (this.numbers >= 1) this.setA(i, a[j] === OUTSIDE ? aside.get(j)! : a[j]!);
      if (this.numbers >= 2) this.b[i] = b[j]!;
    }
  }
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * A compact copy of a pseudonym to keep for a whole run: a 40-character lower-case hexadecimal pseudonym becomes
 * 11 characters (a tag, then 16 bits per character); any other text becomes a tagged flat copy. Either way the
 * result holds no reference to the text it came from (a reader's substring may hold a whole chunk of the file),
 * and {@link expandId} gives the original back.
 *
 * @example
 * const id = 'a'.repeat(40);
 * compactId(id).length; // 11
 * expandId(compactId(id)) === id; // true
 */
export function compactId(text: string): string {
  if (text.length === 40) {
    const units: number[] = [1];
    for (let i = 0; i < 40; i += 4) {
      const a = hexValue(text.charCodeAt(i));
      const b = hexValue(text.charCodeAt(i + 1));
      const c = hexValue(text.charCodeAt(i + 2));
      const d = hexValue(text.charCodeAt(i + 3));
      if ((a | b | c | d) < 0) return flatTagged(text);
      units.push((a << 12) | (b << 8) | (c << 4) | d);
    }
    return String.fromCharCode(...units);
  }
  return flatTagged(text);
}

function flatTagged(text: string): string {
  const units: number[] = [0];
  for (let i = 0; i < text.length; i++) units.push(text.charCodeAt(i));
  let out = '';
  for (let i = 0; i < units.length; i += 4096) out += String.fromCharCode(...units.slice(i, i + 4096));
  return out;
}

/**
 * The text a {@link compactId} was made from.
 *
 * @example
 * expandId(compactId('AB12')); // "AB12"
 */
export function expandId(compact: string): string {
  if (compact.charCodeAt(0) === 0) return compact.slice(1);
  let out = '';
  for (let i = 1; i < compact.length; i++) out += compact.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

/**
 * {@link compactId} remembering its last few answers (a young person's lines carry the same pseudonyms one after
 * the other): the answer depends on the text only, so a repeated text is not packed again.
 *
 * @example
 * const ids = new CompactIds();
 * ids.of('a'.repeat(40)) === ids.of('a'.repeat(40)); // true
 */
export class CompactIds {
  private readonly texts: (string | undefined)[] = [undefined, undefined, undefined, undefined];
  private readonly compacts: string[] = ['', '', '', ''];
  private next = 0;

  of(text: string): string {
    for (let i = 0; i < 4; i++) if (this.texts[i] === text) return this.compacts[i]!;
    const c = compactId(text);
    this.texts[this.next] = text;
    this.compacts[this.next] = c;
    this.next = (this.next + 1) & 3;
    return c;
  }
}

/** One {@link CompactIds} for the whole library: its answers depend on the text only. */
export const compactIds = new CompactIds();
