/**
 * The young people of a run: each distinct NUMANONYM numbered as first seen, with the number the observatory
 * counts (pseudonyms equal but for case share one).
 *
 * @module
 */
import { NumberColumn, PseudonymIndex } from './person-tables.js';

/**
 * The young people of a run: a number per distinct NUMANONYM (case included), a count per distinct lower case.
 * Pseudonyms are kept in a {@link PseudonymIndex} (160 bits in a typed array, no reference to the reader's text).
 */
export class People {
  private readonly ids = new PseudonymIndex();
  /** Lower case of pseudonyms that are not in lower case (numbered as first seen), and the number of that lower case. */
  private readonly mixed = new PseudonymIndex();
  private readonly mixedCanon = new NumberColumn(-1);
  /**
   * Each person's number as the observatory counts them (see RecordContext.personLower), kept only where it is not
   * the person's own number (a pseudonym seen before in another case).
   */
  private readonly lowerAside = new Map<number, number>();
  distinct = 0;
  /** The last pseudonym asked for and its numbers (a young person's lines usually follow one another). */
  private last: string | undefined;
  private lastId = -1;
  lastLower = -1;

  idOf(numanonym: string): number {
    if (numanonym === this.last) return this.lastId;
    const before = this.ids.size;
    const id = this.ids.add(numanonym);
    if (id === before) {
      let canon = id;
      // Its own lower case (ids.tag 1: 40 digits without an upper-case letter), the usual pseudonym: another
      // person only when a pseudonym in another case came first (none in most files: `mixed` is then empty).
      const lowerText = this.ids.tag === 1 ? numanonym : numanonym.toLowerCase();
      if (lowerText === numanonym) {
        if (this.mixed.size > 0) {
          const m = this.mixed.indexOf(numanonym);
          if (m >= 0) canon = this.mixedCanon.get(m);
        }
      } else {
        const same = this.ids.indexOf(lowerText);
        const m = this.mixed.indexOf(lowerText);
        canon = same >= 0 ? this.lowerOf(same) : m >= 0 ? this.mixedCanon.get(m) : id;
        if (m < 0) this.mixedCanon.set(this.mixed.add(lowerText), canon);
      }
      if (canon === id) this.distinct++;
      else this.lowerAside.set(id, canon);
    }
    this.last = numanonym;
    this.lastId = id;
    this.lastLower = this.lowerOf(id);
    return id;
  }

  /** The NUMANONYM of a number given by {@link idOf} (case included), or undefined. */
  textOf(id: number): string | undefined {
    return this.ids.textOf(id);
  }

  private lowerOf(id: number): number {
    return this.lowerAside.get(id) ?? id;
  }
}
