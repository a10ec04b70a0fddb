/**
 * The open-addressing table behind our interning pools: it knows where each id is, by hash, not what the ids stand
 * for; the pool that owns it compares the candidates it gives (no callback on the way, so the owner's comparison
 * stays in its own loop, where V8 sees one kind of value). Slots hold an id + 1 (0 is free), linear probing, at
 * most half full, doubled when needed.
 *
 * The hash of each id is kept (4 bytes an id) and compared before handing out a candidate, unless the owner gives
 * `hashOf` to compute it again when the slots are rebuilt (then every id on the probe path is a candidate): a pool
 * whose ids are cheap to compare and many (the analysis' pseudonyms) saves those bytes.
 *
 * A lookup is `first(hash)`, then `next()` while the candidate is not the one sought; when the answer is -1 the
 * table has stopped at the free slot where the value goes, and `put(id)` places a new id there (no other lookup in
 * between).
 *
 * Guarded by test/_lib/hash-slots.test.ts (property: the same ids as a `Map`, both ways of rebuilding, colliding
 * hashes).
 *
 * @example
 * const slots = new HashSlots();
 * const words: string[] = [];
 * function numberOf(word: string): number {
 *   const hash = word.length; // any 32-bit number: the table mixes it
 *   for (let id = slots.first(hash); id >= 0; id = slots.next()) if (words[id] === word) return id;
 *   slots.put(words.length);
 *   return words.push(word) - 1;
 * }
 * numberOf('a'); // 0
 * numberOf('b'); // 1
 * numberOf('a'); // 0
 */
export class HashSlots {
  /** Per slot: an id + 1, 0 when free. */
  private slots: Int32Array;
  private mask: number;
  /** The hash of each id (mixed), when kept. */
  private hashes: Int32Array;
  private readonly keepHashes: boolean;
  private count = 0;
  /** The slot the last lookup stopped at, and the hash it looks for. */
  private at = 0;
  private sought = 0;

  /**
   * @param hashOf the hash an id was put with (as given to `first`), to rebuild the slots without keeping hashes.
   * @param capacity the number of slots to start with (a power of two, at least 2).
   */
  constructor(
    private readonly hashOf?: (id: number) => number,
    capacity = 16,
  ) {
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.keepHashes = hashOf === undefined;
    this.hashes = new Int32Array(this.keepHashes ? capacity : 0);
  }

  /** The number of ids put. */
  get size(): number {
    return this.count;
  }

  /** The first id put with this hash (any id on its probe path when hashes are not kept), or -1. */
  first(hash: number): number {
    const h = hash ^ (hash >>> 15);
    this.sought = h;
    this.at = h & this.mask;
    return this.scan();
  }

  /** The next candidate of the lookup begun by {@link first}, or -1. */
  next(): number {
    this.at = (this.at + 1) & this.mask;
    return this.scan();
  }

  private scan(): number {
    const slots = this.slots;
    const mask = this.mask;
    const hashes = this.hashes;
    const sought = this.sought;
    const keep = this.keepHashes;
    let at = this.at;
    for (;;) {
      const id = slots[at]! - 1;
      if (id < 0 || !keep || hashes[id] === sought) {
        this.at = at;
        return id;
      }
      at = (at + 1) & mask;
    }
  }

  /** Puts an id (≥ 0, not in the table) where the last lookup, which found nothing, stopped. */
  put(id: number): void {
    this.slots[this.at] = id + 1;
    if (this.keepHashes) {
      if (id >= this.hashes.length) {
        const hashes = new Int32Array(Math.max(id + 1, this.hashes.length * 2));
        hashes.set(this.hashes);
        this.hashes = hashes;
      }
      this.hashes[id] = this.sought;
    }
    if (++this.count * 2 > this.slots.length) this.grow();
  }

  /** Lets go of every id: the table is then empty, at the given capacity. */
  clear(capacity = 16): void {
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    if (this.keepHashes) this.hashes = new Int32Array(capacity);
    this.count = 0;
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length - 1;
    for (let s = 0; s < old.length; s++) {
      const id = old[s]! - 1;
      if (id < 0) continue;
      let h: number;
      if (this.keepHashes) h = this.hashes[id]!;
      else {
        const raw = this.hashOf!(id);
        h = raw ^ (raw >>> 15);
      }
      let at = h & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
