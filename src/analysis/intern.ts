/**
 * Interned values: each distinct value is stored once and referred to by a small integer, so a column of
 * millions of values is a typed array of ids. Coded values and texts go to a `TextPool` (src/_lib/text-pool.ts,
 * made by {@link valuePool}: id 0 is the empty value); combinations of ids to an {@link IdTuplePool}; pseudonyms
 * ({@link PseudonymPool}) are held as packed bytes: about 30 bytes for a 40-digit NUMANONYM instead of about 170
 * for a string and its map entry (measured). The last two find their values through a `HashSlots` table
 * (src/_lib/hash-slots.ts).
 */
import { HashSlots } from '../_lib/hash-slots.js';
import { detach } from '../_lib/detach.js';
import { TextPool } from '../_lib/text-pool.js';
import { grownTo } from './grow.js';

/**
 * A pool of distinct values where id 0 is the empty value (absent or empty field: intern `value ?? ''`).
 *
 * @example
 * const pool = valuePool();
 * pool.intern('AEMO') // 1
 * pool.intern('AEMO') // 1
 * pool.intern('') // 0
 */
export function valuePool(): TextPool {
  return new TextPool(['']);
}

/** FNV-1a over the first `width` numbers of t. */
function tupleHash(t: ArrayLike<number>, width: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < width; k++) h = Math.imul(h ^ t[k]!, 0x01000193);
  return h;
}

/**
 * A pool of distinct fixed-width tuples of non-negative integers (ids of other pools), each referred to by one
 * integer: a row's several coded variables held as one id. Typed arrays, no string keys; id 0 is the all-zero
 * tuple (every variable empty).
 *
 * @example
 * const pool = new IdTuplePool(2);
 * pool.intern([3, 4]) // 1
 * pool.intern([3, 4]) // 1
 * pool.at(1, 1) // 4
 */
export class IdTuplePool {
  /** The components of tuple i are data[i * width] … data[i * width + width - 1]. */
  private data: Int32Array;
  private readonly slots = new HashSlots(undefined, 128);
  /** Number of distinct tuples (including the all-zero one). */
  size = 1;

  constructor(readonly width: number) {
    this.data = new Int32Array(width * 64);
    this.slots.first(tupleHash(this.data, width));
    this.slots.put(0);
  }

  private equals(id: number, t: ArrayLike<number>): boolean {
    const base = id * this.width;
    for (let k = 0; k < this.width; k++) if (this.data[base + k] !== t[k]) return false;
    return true;
  }

  /** The id of a tuple (its first `width` values), adding it when new. */
  intern(t: ArrayLike<number>): number {
    const slots = this.slots;
    for (let id = slots.first(tupleHash(t, this.width)); id >= 0; id = slots.next()) if (this.equals(id, t)) return id;
    const id = this.size++;
    if (this.size * this.width > this.data.length) this.data = grownTo(this.data, this.data.length * 2);
    for (let k = 0; k < this.width; k++) this.data[id * this.width + k] = t[k]!;
    slots.put(id);
    return id;
  }

  /** Component k of tuple id. */
  at(id: number, k: number): number {
    return this.data[id * this.width + k] ?? 0;
  }
}

/** Hexadecimal digit value of a character code (lower case), or -1. */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}
const HEX = '0123456789abcdef';
/** Longest hexadecimal value packed in bytes (longer ones are kept as strings). */
const MAX_PACKED = 254;

/**
 * A pool of distinct pseudonyms (NUMANONYM, NUMANONYMANT), with the ids of a {@link valuePool}: a value of
 * lower-case hexadecimal digits (the SHA hashes the guide asks for) is held as bytes, two digits a byte, in one
 * arena (20 bytes for 40 digits, plus 10 bytes of index and hash slots) instead of a string and a map entry
 * (about 170 bytes, measured on 618,202 pseudonyms); any other value is kept as a string. Id 0 is the empty string.
 *
 * @example
 * const pool = new PseudonymPool();
 * pool.intern('a'.repeat(40)) // 1
 * pool.get(1) === 'a'.repeat(40) // true
 */
export class PseudonymPool {
  /** Packed digits of the hexadecimal values. */
  private arena = new Uint8Array(1 << 16);
  private arenaLength = 0;
  /** For id i: its offset in the arena, or minus one minus its index in `strings` for a value kept as a string. */
  private offset = new Int32Array(1024);
  /** For id i: its number of hexadecimal digits (0 for a value kept as a string). */
  private digits = new Uint8Array(1024);
  private readonly strings: string[] = [];
  /** The ids by hash; their hashes are not kept but read again from the arena when the slots grow. */
  private readonly slots = new HashSlots((id) => this.hashOfId(id), 2048);
  /** The number of distinct values (including the empty one). */
  size = 1;
  /** The value last looked up ({@link lookup}), packed, and whether it could be. */
  private readonly scratch = new Uint8Array((MAX_PACKED + 1) >> 1);
  private scratchPacked = false;

  /** The id of a value, adding it when new ('' and undefined are 0). */
  intern(value: string | undefined): number {
    if (value === undefined || value === '') return 0;
    const found = this.lookup(value);
    if (found >= 0) return found;
    const id = this.size++;
    if (id >= this.offset.length) {
      this.offset = grownTo(this.offset, this.offset.length * 2);
      this.digits = grownTo(this.digits, this.digits.length * 2);
    }
    if (this.scratchPacked) {
      const bytes = (value.length + 1) >> 1;
      if (this.arenaLength + bytes > this.arena.length)
        this.arena = grownTo(this.arena, Math.max(this.arena.length * 2, this.arenaLength + bytes));
      const at = this.arenaLength;
      this.arena.set(this.scratch.subarray(0, bytes), at);
      this.arenaLength += bytes;
      this.offset[id] = at;
      this.digits[id] = value.length;
    } else {
      this.offset[id] = -1 - this.strings.length;
      this.strings.push(detach(value));
      this.digits[id] = 0;
    }
    this.slots.put(id);
    return id;
  }

  /** Lets go of every value (see RecordTable.release); the pool is then empty. */
  release(): void {
    this.arena = new Uint8Array(0);
    this.arenaLength = 0;
    this.offset = new Int32Array(1024);
    this.digits = new Uint8Array(1024);
    this.strings.length = 0;
    this.slots.clear(2048);
    this.size = 1;
  }

  /** The id of a value already in the pool, or -1. */
  find(value: string): number {
    if (value === '') return 0;
    return this.lookup(value);
  }

  /** The value of an id. */
  get(id: number): string {
    if (id <= 0 || id >= this.size) return '';
    const at = this.offset[id]!;
    if (at < 0) return this.strings[-1 - at]!;
    const n = this.digits[id]!;
    let out = '';
    for (let k = 0; k < n; k++) {
      const b = this.arena[at + (k >> 1)]!;
      out += HEX[k & 1 ? b & 15 : b >> 4];
    }
    return out;
  }

  private hashOf(value: string): number {
    let h = 0x811c9dc5;
    for (let k = 0; k < value.length; k++) h = Math.imul(h ^ value.charCodeAt(k), 0x01000193);
    return h;
  }

  /** The hash of an id's value, read from the arena (the same as {@link hashOf} of its text). */
  private hashOfId(id: number): number {
    const at = this.offset[id]!;
    if (at < 0) return this.hashOf(this.strings[-1 - at]!);
    let h = 0x811c9dc5;
    for (let k = 0, n = this.digits[id]!; k < n; k++) {
      const b = this.arena[at + (k >> 1)]!;
      h = Math.imul(h ^ HEX.charCodeAt(k & 1 ? b & 15 : b >> 4), 0x01000193);
    }
    return h;
  }

  /** Whether id holds `value`, packed in the scratch by {@link lookup} when it could be. */
  private equals(id: number, value: string): boolean {
    const at = this.offset[id]!;
    if (at < 0) return this.strings[-1 - at] === value;
    const n = this.digits[id]!;
    if (!this.scratchPacked || n !== value.length) return false;
    const arena = this.arena;
    const scratch = this.scratch;
    for (let k = 0, bytes = (n + 1) >> 1; k < bytes; k++) if (arena[at + k] !== scratch[k]) return false;
    return true;
  }

  /** The id of a value, or -1 (the slots then stopped where it goes). Hashes it and packs it in one pass. */
  private lookup(value: string): number {
    const n = value.length;
    let packed = n <= MAX_PACKED;
    let h = 0x811c9dc5;
    const scratch = this.scratch;
    for (let k = 0; k < n; k++) {
      const code = value.charCodeAt(k);
      h = Math.imul(h ^ code, 0x01000193);
      if (packed) {
        const v = hexValue(code);
        if (v < 0) packed = false;
        else if (k & 1) scratch[k >> 1] = scratch[k >> 1]! | v;
        else scratch[k >> 1] = v << 4;
      }
    }
    this.scratchPacked = packed;
    const slots = this.slots;
    let id = slots.first(h);
    while (id >= 0 && !this.equals(id, value)) id = slots.next();
    return id;
  }
}
