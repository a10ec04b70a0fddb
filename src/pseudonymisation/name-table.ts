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

/**
 * {@link NameTable} for names given as UTF-8 bytes (the byte path of identity files, `identity-csv.ts`): a name
 * is looked up by its bytes (FNV-1a of the bytes, compared with the bytes kept in one arena) and its normalised
 * form and phonex12 come back as bytes in the same arena, ready to be copied into the hashed bytes: no string
 * and no object per name. A name seen for the first time is decoded as the text path decodes it (UTF-8, a
 * leading U+FEFF kept) and given to normaliseName and phonex12 (ASCII both). Bounded like NameTable: at most
 * `limit` names and an arena of `limit * 64` bytes; emptied when either is full, which overwrites the bytes of
 * earlier lookups: read a lookup's bytes before the next one.
 */
export class ByteNameTable {
  /** Four numbers a slot, in one array (one cache line): hash, arena offset + 1 (0: empty), name length, and the normalised form's length × 16 + phonex12's length. */
  private readonly slots: Int32Array;
  private arena: Uint8Array;
  private readonly mask: number;
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private used = 0;
  private size = 0;
  /** The last lookup's normalised form and phonex12: `arena[at, at + normalised)`, then `phonex` bytes. */
  at = 0;
  normalised = 0;
  phonex = 0;

  constructor(private readonly limit: number) {
    let capacity = 16;
    while (capacity < limit * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * 4);
    this.arena = new Uint8Array(Math.max(limit * 64, 1024));
  }

  /** The bytes kept by the table; valid until the next lookup. */
  get bytes(): Uint8Array {
    return this.arena;
  }

  /**
   * Looks up the name `bytes[start, end)` (well-formed UTF-8) and sets `at`, `normalised`, `phonex`; throws the
   * PseudonymisationError of {@link normaliseName} (naming `field`) for a name that cannot be normalised.
   */
  lookup(bytes: Uint8Array, start: number, end: number, field: PseudonymisationField): void {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    const length = end - start;
    const slots = this.slots;
    const arena = this.arena;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const s = slot * 4;
      const at = slots[s + 1]!;
      if (at === 0) break;
      if (slots[s] === h && slots[s + 2] === length) {
        const from = at - 1;
        let i = 0;
        while (i < length && arena[from + i] === bytes[start + i]) i++;
        if (i === length) {
          const lengths = slots[s + 3]!;
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
    if (this.size >= this.limit || this.used + size > arena.length) {
      slots.fill(0);
      this.size = 0;
      this.used = 0;
      slot = h & mask;
      // A name longer than the whole arena: an arena of its size (rare; the table stays bounded by the file's longest name).
      if (size > arena.length) this.arena = new Uint8Array(size);
    }
    const into = this.arena;
    const from = this.used;
    into.set(bytes.subarray(start, end), from);
    let o = from + length;
    for (let i = 0; i < normalised.length; i++) into[o++] = normalised.charCodeAt(i);
    for (let i = 0; i < phonex.length; i++) into[o++] = phonex.charCodeAt(i);
    const s = slot * 4;
    slots[s] = h;
    slots[s + 1] = from + 1;
    slots[s + 2] = length;
    slots[s + 3] = normalised.length * 16 + phonex.length;
    this.used = o;
    this.size++;
    this.at = from + length;
    this.normalised = normalised.length;
    this.phonex = phonex.length;
  }
}
