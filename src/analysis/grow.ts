/** Growable typed-array columns (amortised doubling), for tables built row by row. */

type TypedCtor = Int32ArrayConstructor | Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor;
type Typed = Int32Array | Uint8Array | Uint16Array | Uint32Array;

/**
 * A copy of a typed array in a new one of the same type with `size` cells (`size` ≥ its length; the new cells are
 * 0): the one way the analysis' columns grow (the {@link GrowColumn}s of the linkage, the columns of `RecordTable`).
 *
 * @example
 * grownTo(new Int32Array([1, 2]), 4); // Int32Array [1, 2, 0, 0]
 */
export function grownTo<T extends Typed>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a as never);
  return b;
}

/**
 * A typed array that grows as values are pushed.
 *
 * @example
 * const g = new GrowColumn(Int32Array);
 * g.push(7);
 * g.view()[0] // 7
 */
export class GrowColumn<T extends Typed = Typed> {
  private data: T;
  length = 0;

  constructor(Ctor: TypedCtor, capacity = 256) {
    this.data = new Ctor(capacity) as T;
  }

  /** Appends a value; returns its index. */
  push(value: number): number {
    if (this.length === this.data.length) {
      // By half: less spare capacity, and a smaller peak while the old and new arrays coexist.
      this.data = grownTo(this.data, Math.ceil(this.data.length * 1.5) + 16);
    }
    this.data[this.length] = value;
    return this.length++;
  }

  /** Sets a value already pushed. */
  set(i: number, value: number): void {
    this.data[i] = value;
  }

  /**
   * The values pushed so far: a view of the column itself when it is at least 7/8 full (no copy, at most an
   * eighth of spare capacity kept), else a trimmed copy so the spare capacity is released.
   */
  view(): T {
    if (this.length * 8 >= this.data.length * 7) return this.data.subarray(0, this.length) as T;
    return this.data.slice(0, this.length) as T;
  }

  /**
   * {@link view}, the column then letting go of its values (it is empty after): so that when several columns are
   * taken in turn, at most one of them is held twice (its values and their trimmed copy) at a time.
   */
  take(): T {
    const v = this.view();
    this.data = new (this.data.constructor as new (n: number) => T)(0);
    this.length = 0;
    return v;
  }
}
