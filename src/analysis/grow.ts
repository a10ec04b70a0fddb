/** Growable typed-array columns (amortised doubling), for tables built row by row. */

type TypedCtor = Int32ArrayConstructor | Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor;
type Typed = Int32Array | Uint8Array | Uint16Array | Uint32Array;

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

  constructor(
    private readonly Ctor: TypedCtor,
    capacity = 256,
  ) {
    this.data = new Ctor(capacity) as T;
  }

  /** Appends a value; returns its index. */
  push(value: number): number {
    if (this.length === this.data.length) {
      const next = new this.Ctor(this.data.length * 2) as T;
      next.set(this.data as never);
      this.data = next;
    }
    this.data[this.length] = value;
    return this.length++;
  }

  /** Sets a value already pushed. */
  set(i: number, value: number): void {
    this.data[i] = value;
  }

  /** The values pushed so far (a view, trimmed by copy so the spare capacity is released). */
  view(): T {
    return this.data.slice(0, this.length) as T;
  }
}
