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
