/**
 * Compact state for cross-record rules, in typed arrays sized by what they hold (pages allocated as written, or
 * tables doubled when three quarters full, never a large preallocation): number columns indexed by young person,
 * sets of (young person, 53-bit key) kept as a short list per person, and pseudonyms kept as their 160 bits
 * rather than as strings. The lines some rules keep to the end of a run are in kept-lines.ts.
 *
 * @module
 */

const OUTSIDE = -2147483648;

const PAGE_BITS = 14;
const PAGE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE - 1;

/**
 * A column of numbers indexed from 0, growing as needed in pages of 16,384 cells allocated when first written (so
 * its size follows the highest index written, with no doubling and no copy); unset cells read as the fill value.
 * Whole numbers that fit 32 bits take 4 bytes; any other number is kept aside, exactly.
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
  private readonly pages: (Int32Array | undefined)[] = [];
  private readonly aside = new Map<number, number>();
  private readonly storedFill: number;

  constructor(private readonly fillValue = 0) {
    this.storedFill = this.stored(fillValue);
  }

  private stored(value: number): number {
    return (value | 0) === value && value !== OUTSIDE && !Object.is(value, -0) ? value : OUTSIDE;
  }

  get(i: number): number {
    const page = this.pages[i >>> PAGE_BITS];
    if (page === undefined) return this.fillValue;
    const v = page[i & PAGE_MASK]!;
    return v === OUTSIDE ? (this.aside.get(i) ?? this.fillValue) : v;
  }

  set(i: number, value: number): void {
    const p = i >>> PAGE_BITS;
    let page = this.pages[p];
    if (page === undefined) {
      while (this.pages.length < p) this.pages.push(undefined);
      page = new Int32Array(PAGE);
      if (this.storedFill !== 0) page.fill(this.storedFill);
      this.pages[p] = page;
    }
    const s = this.stored(value);
    page[i & PAGE_MASK] = s;
    if (s === OUTSIDE) this.aside.set(i, value);
    else if (this.aside.size > 0) this.aside.delete(i);
  }
}

/**
 * A column of small whole numbers ≥ 0 indexed from 0 (such as the number of a value among a variable's few distinct
 * values): one byte a cell in pages allocated when first written, numbers above 253 kept aside exactly; unset cells
 * read as -1.
 *
 * @example
 * const c = new SmallNumberColumn();
 * c.set(10, 3);
 * c.get(10); // 3
 * c.get(11); // -1
 * c.set(12, 1000);
 * c.get(12); // 1000
 */
export class SmallNumberColumn {
  private readonly pages: (Uint8Array | undefined)[] = [];
  private readonly aside = new Map<number, number>();

  get(i: number): number {
    const page = this.pages[i >>> PAGE_BITS];
    if (page === undefined) return -1;
    const v = page[i & PAGE_MASK]!;
    return v === 255 ? this.aside.get(i)! : v - 1;
  }

  /** Sets cell i to a whole number ≥ 0. */
  set(i: number, value: number): void {
    const p = i >>> PAGE_BITS;
    let page = this.pages[p];
    if (page === undefined) {
      while (this.pages.length < p) this.pages.push(undefined);
      page = new Uint8Array(PAGE);
      this.pages[p] = page;
    }
    if (value >= 0 && value < 254) {
      page[i & PAGE_MASK] = value + 1;
      if (this.aside.size > 0) this.aside.delete(i);
    } else {
      page[i & PAGE_MASK] = 255;
      this.aside.set(i, value);
    }
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
    capacity = 16,
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

/** Entries a young person keeps in a short list before they move to the shared hash table. */
const LIST_LIMIT = 8;

/**
 * A set of (young person number ≥ 0, 53-bit key) with two numbers each (`a`, `b`), like {@link PersonKeyTable}
 * but sized by what is stored: each young person has a short list of entries (most have 1 to 3 lines), kept in
 * pages of 16,384 entries allocated as needed, and a key is only compared with that person's own entries. A
 * person with more than 8 entries moves to a {@link PersonKeyTable} (grown geometrically from 16 slots), so no
 * lookup scans a long list. Per entry: 12 bytes (next entry, key as 21 + 32 bits), plus 4 for `a` (whole, 32-bit;
 * others aside exactly) and 8 for `b` when asked; per young person, 4 bytes (the head of their list).
 *
 * Handles returned by {@link find} are ≥ 0 for list entries and ≤ -2 for slots of the shared table.
 *
 * @example
 * const s = new PersonKeySet(2);
 * s.add(0, 123456789, 7, 0); // true (new)
 * s.aAt(s.find(0, 123456789)); // 7
 * s.find(1, 123456789); // -1
 */
export class PersonKeySet {
  /** Per person: newest entry of their list, -1 when none, -2 when their entries are in `table`. */
  private readonly heads = new NumberColumn(-1);
  private readonly width: number;
  private readonly pages: Int32Array[] = [];
  private readonly bPages: Float64Array[] = [];
  private readonly aAside = new Map<number, number>();
  private readonly table: PersonKeyTable;
  private entries = 0;
  size = 0;

  constructor(private readonly numbers: 0 | 1 | 2 = 2) {
    this.width = numbers >= 1 ? 4 : 3;
    this.table = new PersonKeyTable(numbers);
  }

  /** The handle of (person, key): ≥ 0 for a list entry, ≤ -2 for a table slot; -1 when absent. */
  find(person: number, key: number): number {
    const head = this.heads.get(person);
    if (head === -1) return -1;
    if (head === -2) {
      const slot = this.table.find(person, key);
      return slot < 0 ? -1 : -2 - slot;
    }
    const hi = Math.floor(key / 4294967296) | 0;
    const lo = key | 0;
    const w = this.width;
    for (let e = head; e >= 0; ) {
      const page = this.pages[e >>> PAGE_BITS]!;
      const at = (e & PAGE_MASK) * w;
      if (page[at + 2] === lo && page[at + 1] === hi) return e;
      e = page[at]!;
    }
    return -1;
  }

  /** Adds (person, key) with its numbers unless present; returns whether it was added. */
  add(person: number, key: number, a: number, b: number): boolean {
    if (this.find(person, key) !== -1) return false;
    const head = this.heads.get(person);
    if (head === -2) {
      this.table.add(person, key, a, b);
      this.size++;
      return true;
    }
    let length = 0;
    for (let e = head; e >= 0; e = this.nextOf(e)) length++;
    if (length >= LIST_LIMIT) {
      // Oldest first, so the table holds what the list held.
      const list: number[] = [];
      for (let e = head; e >= 0; e = this.nextOf(e)) list.push(e);
      for (let k = list.length - 1; k >= 0; k--) {
        const e = list[k]!;
        this.table.add(person, this.keyOf(e), this.numbers >= 1 ? this.aAt(e) : 0, this.numbers >= 2 ? this.bAt(e) : 0);
      }
      this.heads.set(person, -2);
      this.table.add(person, key, a, b);
      this.size++;
      return true;
    }
    const e = this.entries++;
    const p = e >>> PAGE_BITS;
    if (p === this.pages.length) {
      this.pages.push(new Int32Array(PAGE * this.width));
      if (this.numbers >= 2) this.bPages.push(new Float64Array(PAGE));
    }
    const page = this.pages[p]!;
    const at = (e & PAGE_MASK) * this.width;
    page[at] = head;
    page[at + 1] = Math.floor(key / 4294967296) | 0;
    page[at + 2] = key | 0;
    if (this.numbers >= 1) {
      if ((a | 0) === a && a !== OUTSIDE && !Object.is(a, -0)) page[at + 3] = a;
      else {
        page[at + 3] = OUTSIDE;
        this.aAside.set(e, a);
      }
    }
    if (this.numbers >= 2) this.bPages[p]![e & PAGE_MASK] = b;
    this.heads.set(person, e);
    this.size++;
    return true;
  }

  private nextOf(e: number): number {
    return this.pages[e >>> PAGE_BITS]![(e & PAGE_MASK) * this.width]!;
  }

  private keyOf(e: number): number {
    const page = this.pages[e >>> PAGE_BITS]!;
    const at = (e & PAGE_MASK) * this.width;
    return (page[at + 1]! >>> 0) * 4294967296 + (page[at + 2]! >>> 0);
  }

  /** The first number of an entry. */
  aAt(handle: number): number {
    if (handle <= -2) return this.table.aAt(-2 - handle);
    const v = this.pages[handle >>> PAGE_BITS]![(handle & PAGE_MASK) * this.width + 3]!;
    return v === OUTSIDE ? this.aAside.get(handle)! : v;
  }

  /** The second number of an entry. */
  bAt(handle: number): number {
    if (handle <= -2) return this.table.bAt(-2 - handle);
    return this.bPages[handle >>> PAGE_BITS]![handle & PAGE_MASK]!;
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

const HEX_LOWER = '0123456789abcdef';
const HEX_UPPER = '0123456789ABCDEF';

/** The 40-digit text of five words at `at` (tag 2: upper case, else lower case). */
function hexText(page: Int32Array, at: number, tag: number): string {
  const digits = tag === 2 ? HEX_UPPER : HEX_LOWER;
  let out = '';
  for (let w = 0; w < 5; w++) {
    const word = page[at + w]!;
    for (let s = 28; s >= 0; s -= 4) out += digits[(word >>> s) & 15];
  }
  return out;
}

/**
 * Per character code below 128: its hexadecimal digit (0–15), plus 16 for a lower-case letter (a–f) and 32 for an
 * upper-case one (A–F); -1 for any other character.
 */
const HEX_DIGITS = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) {
  const c = '0123456789abcdef'.charCodeAt(d);
  HEX_DIGITS[c] = d < 10 ? d : d | 16;
  if (d >= 10) HEX_DIGITS[c - 32] = d | 32;
}

/**
 * Words of a 40-digit hexadecimal text and its case: 1 when it has no upper-case letter, 2 when no lower-case one
 * (and one upper-case letter at least), 0 when it is not such a text (words then undefined). One table read a
 * character ({@link HEX_DIGITS}): the pseudonyms of every line go through here (issue 16).
 */
function hexWords(text: string, out: Int32Array): number {
  if (text.length !== 40) return 0;
  let flags = 0;
  for (let w = 0; w < 5; w++) {
    let word = 0;
    for (let i = w * 8, end = i + 8; i < end; i++) {
      const c = text.charCodeAt(i);
      const d = c < 128 ? HEX_DIGITS[c]! : -1;
      if (d < 0) return 0;
      flags |= d;
      word = (word << 4) | (d & 15);
    }
    out[w] = word;
  }
  const letters = flags & 48;
  return letters === 48 ? 0 : letters === 32 ? 2 : 1;
}

/**
 * Numbers for pseudonyms, given in the order they are first added (0, 1, 2…), keeping no string for the usual
 * pseudonym (40 hexadecimal digits of one case): its 160 bits and its case take 24 bytes in pages of 16,384
 * entries allocated as needed, found through an index of 4 bytes a slot (at most three quarters full, doubled
 * when needed); any other text is kept in a Map (a copy of its own). Texts are told apart exactly, case included,
 * and {@link textOf} gives a number's text back.
 *
 * @example
 * const m = new PseudonymIndex();
 * m.add('a'.repeat(40)); // 0
 * m.add('AB12'); // 1
 * m.indexOf('a'.repeat(40)); // 0
 * m.indexOf('A'.repeat(40)); // -1
 * m.textOf(1); // "AB12"
 */
export class PseudonymIndex {
  /** Per slot: entry number + 1, 0 when free. */
  private slots: Int32Array;
  private mask: number;
  private readonly pages: Int32Array[] = [];
  private readonly others = new Map<string, number>();
  /** The texts of `others` by number (the same strings). */
  private readonly otherTexts = new Map<number, string>();
  private readonly words = new Int32Array(5);
  private hexCount = 0;
  size = 0;
  /**
   * How the last text given to {@link add} or {@link indexOf} is written: 1 for 40 hexadecimal digits with no
   * upper-case letter (its own lower case), 2 for 40 digits with upper-case letters only, 0 for any other text.
   */
  tag = 0;

  constructor(capacity = 1024) {
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  private hashOf(w: Int32Array, at: number, tag: number): number {
    let h = Math.imul(w[at]! ^ tag, 0x9e3779b1);
    h = Math.imul(h ^ w[at + 1]!, 0x85ebca6b);
    h = Math.imul(h ^ w[at + 2]!, 0xc2b2ae35);
    h = Math.imul(h ^ w[at + 3]!, 0x27d4eb2f);
    h = Math.imul(h ^ w[at + 4]!, 0x165667b1);
    return h ^ (h >>> 15);
  }

  /** The slot holding the words (with their case) or the free slot where they would go. */
  private slotOf(tag: number): number {
    const w = this.words;
    const slots = this.slots;
    let i = this.hashOf(w, 0, tag) & this.mask;
    for (;;) {
      const e = slots[i]! - 1;
      if (e < 0) return i;
      const page = this.pages[e >>> PAGE_BITS]!;
      const at = (e & PAGE_MASK) * 6;
      if (
        page[at + 5] === tag &&
        page[at] === w[0] &&
        page[at + 1] === w[1] &&
        page[at + 2] === w[2] &&
        page[at + 3] === w[3] &&
        page[at + 4] === w[4]
      )
        return i;
      i = (i + 1) & this.mask;
    }
  }

  /** The number of a text, or -1. */
  indexOf(text: string): number {
    const tag = hexWords(text, this.words);
    this.tag = tag;
    if (tag === 0) return this.others.get(text) ?? -1;
    return this.slots[this.slotOf(tag)]! - 1;
  }

  /** The number of a text, given now (the next number) if it has none. */
  add(text: string): number {
    const tag = hexWords(text, this.words);
    this.tag = tag;
    if (tag === 0) {
      const known = this.others.get(text);
      if (known !== undefined) return known;
      // A copy of our own: the text may be a slice of a reader's whole chunk.
      const own = flatTagged(text).slice(1);
      this.others.set(own, this.size);
      this.otherTexts.set(this.size, own);
      return this.size++;
    }
    return this.addWords(tag);
  }

  /**
   * The number of a text's lower case (`add(text.toLowerCase())`), without making that text when it is 40
   * hexadecimal digits of one case: its lower case has the same words. {@link tag} is then that of the text given.
   */
  addLower(text: string): number {
    const tag = hexWords(text, this.words);
    if (tag !== 0) {
      this.tag = tag;
      return this.addWords(1);
    }
    const n = this.add(text.toLowerCase());
    this.tag = 0;
    return n;
  }

  /** The number of the words just read (`words`) with their case, given now if they have none. */
  private addWords(tag: number): number {
    let i = this.slotOf(tag);
    const known = this.slots[i]! - 1;
    if (known >= 0) return known;
    if ((this.hexCount + 1) * 4 > (this.mask + 1) * 3) {
      this.grow();
      i = this.slotOf(tag);
    }
    const e = this.size++;
    const p = e >>> PAGE_BITS;
    while (this.pages.length <= p) this.pages.push(new Int32Array(PAGE * 6));
    const page = this.pages[p]!;
    const at = (e & PAGE_MASK) * 6;
    page.set(this.words, at);
    page[at + 5] = tag;
    this.slots[i] = e + 1;
    this.hexCount++;
    return e;
  }

  /** The text of number n (as added, case included), or undefined for a number not given. */
  textOf(n: number): string | undefined {
    const page = this.pages[n >>> PAGE_BITS];
    const at = (n & PAGE_MASK) * 6;
    const tag = page === undefined ? 0 : page[at + 5]!;
    if (tag === 0) return this.otherTexts.get(n);
    return hexText(page!, at, tag);
  }

  private grow(): void {
    const old = this.slots;
    const capacity = old.length * 2;
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let j = 0; j < old.length; j++) {
      const e = old[j]! - 1;
      if (e < 0) continue;
      const page = this.pages[e >>> PAGE_BITS]!;
      const at = (e & PAGE_MASK) * 6;
      let i = this.hashOf(page, at, page[at + 5]!) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/**
 * A pseudonym per whole number ≥ 0 (a young person), kept without strings for the usual pseudonym (40 hexadecimal
 * digits of one case: 24 bytes, in pages of 16,384 allocated as needed); any other text is kept aside, exactly
 * (a copy of its own). {@link get} gives the text back, case included.
 *
 * @example
 * const c = new PseudonymColumn();
 * c.set(3, 'A'.repeat(40));
 * c.get(3) === 'A'.repeat(40); // true
 * c.equalsIgnoringCase(3, 'a'.repeat(40)); // true
 * c.get(4); // undefined
 */
export class PseudonymColumn {
  private readonly pages: (Int32Array | undefined)[] = [];
  private readonly aside = new Map<number, string>();
  private readonly words = new Int32Array(5);

  /** Whether number i has a pseudonym. */
  has(i: number): boolean {
    const page = this.pages[i >>> PAGE_BITS];
    return page !== undefined && page[(i & PAGE_MASK) * 6 + 5] !== 0;
  }

  /** Sets the pseudonym of number i. */
  set(i: number, text: string): void {
    const p = i >>> PAGE_BITS;
    let page = this.pages[p];
    if (page === undefined) {
      while (this.pages.length < p) this.pages.push(undefined);
      page = new Int32Array(PAGE * 6);
      this.pages[p] = page;
    }
    const at = (i & PAGE_MASK) * 6;
    const tag = hexWords(text, this.words);
    if (tag === 0) {
      page[at + 5] = 3;
      this.aside.set(i, flatTagged(text).slice(1));
      return;
    }
    page.set(this.words, at);
    page[at + 5] = tag;
    this.aside.delete(i);
  }

  /** The pseudonym of number i, or undefined. */
  get(i: number): string | undefined {
    const page = this.pages[i >>> PAGE_BITS];
    if (page === undefined) return undefined;
    const at = (i & PAGE_MASK) * 6;
    const tag = page[at + 5]!;
    if (tag === 0) return undefined;
    if (tag === 3) return this.aside.get(i);
    return hexText(page, at, tag);
  }

  /** Whether number i's pseudonym equals a text but for case (false when it has none). */
  equalsIgnoringCase(i: number, text: string): boolean {
    const page = this.pages[i >>> PAGE_BITS];
    if (page === undefined) return false;
    const at = (i & PAGE_MASK) * 6;
    const tag = page[at + 5]!;
    if (tag === 0) return false;
    if (tag === 3) return this.aside.get(i)!.toLowerCase() === text.toLowerCase();
    const t = hexWords(text, this.words);
    if (t === 0) return this.get(i)!.toLowerCase() === text.toLowerCase();
    for (let w = 0; w < 5; w++) if (page[at + w] !== this.words[w]) return false;
    return true;
  }
}
