/**
 * Interned strings: each distinct value is stored once and referred to by a small integer, so a column of
 * millions of values is a typed array of ids.
 */

/** A pool of distinct strings; id 0 is always the empty string (absent or empty field). */
export class StringPool {
  private readonly ids = new Map<string, number>();
  /** The strings by id. */
  readonly values: string[] = [''];

  constructor() {
    this.ids.set('', 0);
  }

  /**
   * The id of a string, adding it when new.
   *
   * @example
   * const pool = new StringPool();
   * pool.intern('AEMO') // 1
   * pool.intern('AEMO') // 1
   * pool.intern(undefined) // 0
   */
  intern(value: string | undefined): number {
    if (value === undefined || value === '') return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      // A copy that does not keep alive the text the value was cut from (engines may share a substring's memory
      // with its parent: a pseudonym sliced from a 64 KB chunk would hold the chunk for the whole analysis).
      const own = value.length < 13 ? value : (' ' + value).slice(1);
      this.values.push(own);
      this.ids.set(own, id);
    }
    return id;
  }

  /** The id of a string already in the pool, or -1. */
  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  /** The string of an id. */
  get(id: number): string {
    return this.values[id] ?? '';
  }

  /** The number of distinct strings (including the empty one). */
  get size(): number {
    return this.values.length;
  }
}
