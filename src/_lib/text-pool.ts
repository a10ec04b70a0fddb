import { detach } from './detach.js';

/**
 * Distinct texts numbered as first interned (0, 1, 2…), each kept once as a copy of its own ({@link detach}: a
 * reader's substring may hold a whole chunk of the file). The rules keep their dates this way (`KeptLines`), the
 * analysis its coded values (the record table's pools, where '' is given first so that it is 0).
 *
 * A `Map` finds the texts (V8 keeps a string's hash in the string: no table of ours hashes text faster).
 *
 * @example
 * const pool = new TextPool(['']);
 * pool.intern('2019-01-05'); // 1
 * pool.intern('x'); // 2
 * pool.intern('2019-01-05'); // 1
 * pool.intern(''); // 0
 * pool.get(2); // "x"
 * pool.find('y'); // -1
 */
export class TextPool {
  private readonly numbers = new Map<string, number>();
  /** The texts by number. */
  readonly texts: string[] = [];

  /** @param first texts numbered first, in this order (0, 1…). */
  constructor(first: readonly string[] = []) {
    for (const text of first) this.intern(text);
  }

  /** The number of distinct texts. */
  get size(): number {
    return this.texts.length;
  }

  /** The number of a text, given when new. */
  intern(text: string): number {
    let n = this.numbers.get(text);
    if (n === undefined) {
      n = this.texts.length;
      const own = detach(text);
      this.texts.push(own);
      this.numbers.set(own, n);
    }
    return n;
  }

  /** The number of a text already interned, or -1. */
  find(text: string): number {
    return this.numbers.get(text) ?? -1;
  }

  /** The text of a number the pool gave ('' for any other). */
  get(n: number): string {
    return this.texts[n] ?? '';
  }
}
