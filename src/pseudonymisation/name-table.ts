/**
 * The distinct names of one identity file already seen, with their normalised form and phonetic code, looked up
 * by their place in a text: no string is cut from the text for a name already known, and no `Map` hashes one
 * (on a million-row file, `Map.get` of freshly cut names cost more than the SHA-1s). Open addressing over a
 * power-of-two table, FNV-1a of the UTF-16 code units; when `limit` names are held, the table is emptied and
 * filled again (memory bounded whatever the file's size). Internal to the pseudonymiser of identity files.
 */
import type { PseudonymisationField } from './errors.js';
import { normaliseName } from './normalise.js';
import { phonex12 } from './phonex.js';

/** A name's normalised form and the first 12 characters of its phonex. */
export type NameEntry = readonly [normalised: string, phonex12: string];

export class NameTable {
  private readonly keys: Array<string | undefined>;
  private readonly entries: Array<NameEntry | undefined>;
  private readonly hashes: Int32Array;
  private readonly mask: number;
  private size = 0;

  /** `limit`: most names held at once (at least 1). */
  constructor(private readonly limit: number) {
    let capacity = 16;
    while (capacity < limit * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.keys = new Array<string | undefined>(capacity).fill(undefined);
    this.entries = new Array<NameEntry | undefined>(capacity).fill(undefined);
    this.hashes = new Int32Array(capacity);
  }

  /**
   * The entry of the name `text.slice(start, end)`, normalised and coded on first sight. Throws the
   * PseudonymisationError of {@link normaliseName} (naming `field`) for a name that cannot be normalised; such a
   * name is not remembered.
   */
  lookup(text: string, start: number, end: number, field: PseudonymisationField): NameEntry {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const length = end - start;
    const keys = this.keys;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const key = keys[slot];
      if (key === undefined) break;
      if (this.hashes[slot] === h && key.length === length) {
        let i = 0;
        while (i < length && key.charCodeAt(i) === text.charCodeAt(start + i)) i++;
        if (i === length) return this.entries[slot]!;
      }
      slot = (slot + 1) & mask;
    }
    const name = text.slice(start, end);
    const normalised = normaliseName(name, field);
    const entry: NameEntry = [normalised, phonex12(normalised)];
    if (this.size >= this.limit) {
      this.keys.fill(undefined);
      this.entries.fill(undefined);
      this.size = 0;
      slot = h & mask;
    }
    // A copy of the name: a name cut from a large text may be a view that keeps the whole text alive.
    keys[slot] = name.length < 13 ? name : (' ' + name).slice(1);
    this.entries[slot] = entry;
    this.hashes[slot] = h;
    this.size++;
    return entry;
  }
}

/** Bytes a slot of {@link ByteNameTable}: 16 of numbers, then the name, its normalised form and phonex12 when they fit. */
const SLOT = 64;
const INLINE = SLOT - 16;

/**
 * {@link NameTable} for names given as UTF-8 bytes (the byte path of identity files, `identity-csv.ts`): a name
 * is looked up by its bytes (FNV-1a of the bytes, compared with the bytes kept) and its normalised form and
 * phonex12 come back as bytes, ready to be copied into the hashed bytes: no string and no object per name. A slot
 * is one 64-byte line holding its numbers and, when they fit in 48 bytes, the name, normalised form and phonex12
 * (one memory line read a lookup); longer ones go to an arena. A name seen for the first time is decoded as the
 * text path decodes it (UTF-8, a leading U+FEFF kept) and given to normaliseName and phonex12 (ASCII both).
 * Bounded like NameTable: at most `limit` names and an arena of `limit * 8` bytes (at least 64 KiB); emptied when
 * either is full, which overwrites the bytes of earlier lookups: read a lookup's bytes before the next one.
 */
export class ByteNameTable {
  /** Per slot, as int32: hash, name length + 1 (0: empty), normalised length × 16 + phonex12 length, arena offset (-1: inline). */
  private readonly numbers: Int32Array;
  /** The same memory as bytes: a slot's inline bytes start at slot × 64 + 16. */
  private readonly inline: Uint8Array;
  private arena: Uint8Array | undefined;
  private readonly arenaBytes: number;
  private readonly mask: number;
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private used = 0;
  private size = 0;
  /** The last lookup's bytes: `bytes[at, at + normalised)` is its normalised form, then `phonex` bytes of phonex12. */
  bytes: Uint8Array;
  at = 0;
  normalised = 0;
  phonex = 0;

  constructor(private readonly limit: number) {
    let capacity = 16;
    while (capacity < limit * 2) capacity *= 2;
    this.mask = capacity - 1;
    const memory = new ArrayBuffer(capacity * SLOT);
    this.numbers = new Int32Array(memory);
    this.inline = new Uint8Array(memory);
    this.bytes = this.inline;
    this.arenaBytes = Math.max(limit * 8, 1 << 16);
  }

  /**
   * Looks up the name `bytes[start, end)` (well-formed UTF-8) and sets `bytes`, `at`, `normalised`, `phonex`;
   * throws the PseudonymisationError of {@link normaliseName} (naming `field`) for a name that cannot be normalised.
   */
  lookup(bytes: Uint8Array, start: number, end: number, field: PseudonymisationField): void {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    const length = end - start;
    const numbers = this.numbers;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const s = slot * 16;
      const stored = numbers[s + 1]!;
      if (stored === 0) break;
      if (numbers[s] === h && stored === length + 1) {
        const offset = numbers[s + 3]!;
        const from = offset < 0 ? slot * SLOT + 16 : offset;
        const source = offset < 0 ? this.inline : this.arena!;
        let i = 0;
        while (i < length && source[from + i] === bytes[start + i]) i++;
        if (i === length) {
          const lengths = numbers[s + 2]!;
          this.bytes = source;
          this.at = from + length;
          this.normalised = lengths >>> 4;
          this.phonex = lengths & 15;
          return;
        }
      }
      slot = (slot + 1) & mask;
    }
    const normalised = normaliseName(this.decoder.decode(bytes.subarray(start, end)), field);
    const phonex = phonex12(normalised);
    const size = length + normalised.length + phonex.length;
    const inline = size <= INLINE;
    if (this.size >= this.limit || (!inline && this.used + size > this.arenaBytes)) {
      numbers.fill(0);
      this.size = 0;
      this.used = 0;
      slot = h & mask;
    }
    let into: Uint8Array;
    let from: number;
    if (inline) {
      into = this.inline;
      from = slot * SLOT + 16;
    } else {
      // A name longer than the whole arena gets an arena of its size (the table stays bounded by the longest name).
      if (this.arena === undefined || size > this.arena.length)
        this.arena = new Uint8Array(Math.max(this.arenaBytes, size));
      into = this.arena;
      from = this.used;
      this.used += size;
    }
    into.set(bytes.subarray(start, end), from);
    let o = from + length;
    for (let i = 0; i < normalised.length; i++) into[o++] = normalised.charCodeAt(i);
    for (let i = 0; i < phonex.length; i++) into[o++] = phonex.charCodeAt(i);
    const s = slot * 16;
    numbers[s] = h;
    numbers[s + 1] = length + 1;
    numbers[s + 2] = normalised.length * 16 + phonex.length;
    numbers[s + 3] = inline ? -1 : from;
    this.size++;
    this.bytes = into;
    this.at = from + length;
    this.normalised = normalised.length;
    this.phonex = phonex.length;
  }
}
