/**
 * The per-variable counts of a run (present, empty, "ne sait pas"), and the reading of each record into the row
 * the rules index.
 *
 * How a record is read depends only on its shape, never on timing: a plain record (prototype `Object.prototype`
 * or null) is read with `Object.keys` and `Object.values`, two calls that take its own keys and values at once;
 * a record with a prototype of its own is enumerated with `for…in`, as `values[name]` sees it (inherited names
 * included). Both then go through one loop, each key's position remembered from the previous record (records of
 * one file share their keys' order, as the readers build them). A plain record with the key order of the record
 * before is read by a function compiled for that order (`compileKeyOrder`: no arrays of keys and values, no lookup),
 * the same answers as that loop; guarded by test/rules/columns.test.ts (fast-check, against the plain reading).
 * That function runs once every variable of its key order has been seen (their order of first sight is then known),
 * and counts present values by records rather than by value: the records it read are added to each of its
 * variables' counts when it is replaced or the counts are read, less the values it read as `undefined`.
 *
 * @module
 */
import type { EditionLayout } from './row.js';
import type { ColumnStats, RecordValues } from './types.js';

/** How many key orders a run compiles a reader for (records of one file share one; alternating ones use place). */
const LAYOUTS = 16;

/**
 * A reader compiled for one key order (see {@link compileKeyOrder}): fills the row, counts the values (an
 * `undefined` value in `gaps`, see {@link Columns.flush}), returns the names outside the edition that hold a value
 * (null when none).
 */
type KeyOrderReader = (
  values: RecordValues,
  row: (string | undefined)[],
  missing: '' | undefined,
  gaps: Float64Array,
  empty: Float64Array,
  unknown: Float64Array,
  columns: Columns,
) => string[] | null;

/**
 * What {@link Columns.place} does for a plain record whose own keys are exactly `keys` in that order, once each of
 * them has been seen, written out as one function: each key read by name (`values["TYPEV"]`, a property load V8
 * caches for the records' common shape), stored at its row position known in advance and counted with its "ne sait
 * pas" code written in; each position of the edition no key names set to `missing`. The same answers as `place`
 * (the caller has checked the key order): the row, the counts (a present value counted by the caller, a record at
 * a time: an `undefined` value counted in `gaps`), the names outside the edition. No order of first sight to keep:
 * every variable of the key order was seen before. Null where code cannot be compiled (a Content-Security-Policy
 * without 'unsafe-eval').
 *
 * Why: `place` took every record's keys and values as two arrays (`Object.keys`, `Object.values`) and looked each
 * key's position up; a file's records share one key order, so the reading can be written once for it. Counting the
 * present values a record at a time leaves a value's load, store and empty test, and makes the function smaller
 * (V8 optimises it sooner, for less).
 */
function compileKeyOrder(
  keys: readonly string[],
  index: ReadonlyMap<string, number>,
  unknownCodes: EditionLayout['unknownCodes'],
  size: number,
): KeyOrderReader | null {
  const named = new Set<number>();
  const lines: string[] = [];
  for (const name of keys) {
    const i = index.get(name);
    const key = JSON.stringify(name);
    if (i === undefined) {
      lines.push(`v = values[${key}]; if (v !== undefined) extra = columns.outside(${key}, v, extra);`);
      continue;
    }
    named.add(i);
    const code = unknownCodes[i];
    const unknownTest = `${code === null || code === undefined ? '' : `v === ${JSON.stringify(code)} || `}v === '9999-99-99' || v === '9999-99'`;
    lines.push(
      `v = values[${key}];`,
      `if (v === undefined) { row[${i}] = missing; gaps[${i}] = gaps[${i}] + 1; }`,
      `else { row[${i}] = v;`,
      `if (v === '') empty[${i}] = empty[${i}] + 1; else if (${unknownTest}) unknown[${i}] = unknown[${i}] + 1; }`,
    );
  }
  for (let i = 0; i < size; i++) if (!named.has(i)) lines.push(`row[${i}] = missing;`);
  const source = [
    'return function readKeyOrder(values, row, missing, gaps, empty, unknown, columns) {',
    'let v; let extra = null;',
    ...lines,
    'return extra;',
    '};',
  ].join('\n');
  try {
    return (new Function(source) as () => KeyOrderReader)();
  } catch {
    return null;
  }
}

function hasEnumerableKey(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** Per-variable counts of a run, by row position, plus the names outside the edition; in order of first sight. */
export class Columns {
  /** Whether `Object.prototype` has no enumerable key (then a plain record's own keys are all its `for…in` keys). */
  private readonly plainPrototype = !hasEnumerableKey(Object.prototype);

  private readonly present: Float64Array;
  private readonly empty: Float64Array;
  private readonly unknown: Float64Array;
  private readonly others = new Map<string, ColumnStats>();
  /** Names in order of first sight (position for the edition's variables, name for the others). */
  private readonly order: (number | string)[] = [];

  /** Each variable's unknown code, by row position. */
  private readonly unknownCodes: EditionLayout['unknownCodes'];

  /** The keys of the last record and their positions: records of one file share their keys' order. */
  private readonly lastKeys: string[] = [];
  private readonly lastPositions: number[] = [];
  /** Per position, the mark of the last record that wrote it (see {@link place}). */
  private readonly stamps: Int32Array;
  private mark = 0;

  /** The last key order of a plain record and its compiled reader (null where code cannot be compiled). */
  private readerKeys: string[] | null = null;
  private reader: KeyOrderReader | null = null;
  private layoutsLeft = LAYOUTS;
  /** The row positions of the reader's keys; whether each has been seen (the reader runs only then). */
  private readerAt: Int32Array = new Int32Array(0);
  private readerReady = false;
  /**
   * Records the reader has read since its counts were last added ({@link flush}), and per position the values it
   * read as `undefined` since then.
   */
  private readerRuns = 0;
  private readonly gaps: Float64Array;

  /**
   * @param plain Read every record with `for…in` and a name lookup per key, nothing remembered from the record
   * before (the mode without shortcuts).
   */
  constructor(
    private readonly layout: EditionLayout,
    private readonly plain = false,
  ) {
    this.unknownCodes = layout.unknownCodes;
    const n = layout.names.length;
    this.present = new Float64Array(n);
    this.empty = new Float64Array(n);
    this.unknown = new Float64Array(n);
    this.gaps = new Float64Array(n);
    this.stamps = new Int32Array(n);
  }

  /**
   * Reads a record into the row (`row[i]` is then `values[names[i]]`), counts its values and returns the names
   * outside the edition that hold a value (null when none).
   */
  read(values: RecordValues, row: (string | undefined)[], missing: '' | undefined = undefined): string[] | null {
    if (this.plain) {
      const extra = this.readPlain(values, row);
      if (missing !== undefined) for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = missing;
      return extra;
    }
    const proto = Object.getPrototypeOf(values) as object | null;
    if (proto === null || (proto === Object.prototype && this.plainPrototype)) {
      const keys = Object.keys(values);
      const reader = this.readerOf(keys);
      if (reader !== null) {
        this.readerRuns++;
        return reader(values, row, missing, this.gaps, this.empty, this.unknown, this);
      }
      return this.place(keys, Object.values(values), row, missing);
    }
    const keys: string[] = [];
    for (const name in values) keys.push(name);
    return this.place(
      keys,
      keys.map((name) => values[name]),
      row,
      missing,
    );
  }

  /**
   * Puts each value at its variable's position (keys[j] holds vals[j]) and counts it; a variable without a value
   * reads as `missing`. Each position written is stamped with this record's mark, and only when some position was
   * not (a record without every variable) is the row gone through for them: a full record's row is written once,
   * not cleared first and then filled again (row.fill then absentAsEmpty, as the mode without shortcuts does).
   */
  private place(
    keys: readonly string[],
    vals: readonly (string | undefined)[],
    row: (string | undefined)[],
    missing: '' | undefined,
  ): string[] | null {
    const stamps = this.stamps;
    if (this.mark === 0x3fffffff) {
      stamps.fill(0);
      this.mark = 0;
    }
    const mark = ++this.mark;
    let written = 0;
    let extra: string[] | null = null;
    const index = this.layout.index;
    const { lastKeys, lastPositions, present } = this;
    for (let j = 0; j < keys.length; j++) {
      const name = keys[j]!;
      const v = vals[j];
      let i: number;
      if (lastKeys[j] === name) i = lastPositions[j]!;
      else {
        i = index.get(name) ?? -1;
        lastKeys[j] = name;
        lastPositions[j] = i;
      }
      if (i < 0) {
        if (v !== undefined) extra = this.other(name, v, extra);
        continue;
      }
      if (v === undefined) continue;
      row[i] = v;
      stamps[i] = mark;
      written++;
      if (present[i] === 0) this.order.push(i);
      this.count(i, v);
    }
    if (written !== row.length) for (let i = 0; i < row.length; i++) if (stamps[i] !== mark) row[i] = missing;
    return extra;
  }

  /**
   * The compiled reader of a plain record whose own keys are exactly `keys`, in that order (see
   * {@link compileKeyOrder}), or null: for the records of a key order read until each of its variables has been
   * seen (by {@link place}: at least the first), where code cannot be compiled, or when key orders have changed too
   * often ({@link LAYOUTS}).
   */
  private readerOf(keys: readonly string[]): KeyOrderReader | null {
    const known = this.readerKeys;
    if (known !== null && keys.length === known.length) {
      let j = 0;
      while (j < keys.length && keys[j] === known[j]) j++;
      if (j === keys.length) {
        if (this.readerReady) return this.reader;
        const at = this.readerAt;
        let k = 0;
        while (k < at.length && this.present[at[k]!]! > 0) k++;
        this.readerReady = k === at.length;
        return this.readerReady ? this.reader : null;
      }
    }
    if (this.layoutsLeft <= 0) return null;
    this.layoutsLeft--;
    this.flush();
    this.readerKeys = keys.slice();
    const index = this.layout.index;
    this.readerAt = Int32Array.from(
      keys.filter((k) => index.has(k)),
      (k) => index.get(k)!,
    );
    this.readerReady = false;
    this.reader = compileKeyOrder(keys, index, this.unknownCodes, this.layout.names.length);
    return null;
  }

  /**
   * Adds the present values of the records the compiled reader has read to the counts: the records, less the
   * values read as `undefined`, at each of its positions (all of them seen before: no order of first sight moves).
   */
  private flush(): void {
    const { readerAt: at, readerRuns: runs, present, gaps } = this;
    for (let k = 0; k < at.length; k++) {
      const i = at[k]!;
      present[i] = present[i]! + runs - gaps[i]!;
      gaps[i] = 0;
    }
    this.readerRuns = 0;
  }

  /** Counts a name outside the edition (for a compiled reader); returns the list of such names with it. */
  outside(name: string, v: string, extra: string[] | null): string[] {
    return this.other(name, v, extra);
  }

  /** {@link read} the plain way: each key as `for…in` gives it, looked up by name. */
  private readPlain(values: RecordValues, row: (string | undefined)[]): string[] | null {
    row.fill(undefined);
    let extra: string[] | null = null;
    for (const name in values) {
      const v = values[name];
      const i = this.layout.index.get(name);
      if (i === undefined) {
        if (v !== undefined) extra = this.other(name, v, extra);
        continue;
      }
      row[i] = v;
      if (v === undefined) continue;
      if (this.present[i] === 0) this.order.push(i);
      this.count(i, v);
    }
    return extra;
  }

  /** Counts a present value of the edition's variable at row position i. */
  private count(i: number, v: string): void {
    this.present[i] = this.present[i]! + 1;
    if (v === '') this.empty[i] = this.empty[i]! + 1;
    else if (v === this.unknownCodes[i] || v === '9999-99-99' || v === '9999-99')
      this.unknown[i] = this.unknown[i]! + 1;
  }

  /** Counts a value of a name outside the edition; returns the list of such names with it. */
  private other(name: string, v: string, extra: string[] | null): string[] {
    const list = extra ?? [];
    list.push(name);
    let c = this.others.get(name);
    if (!c) {
      c = { present: 0, empty: 0, unknown: 0 };
      this.others.set(name, c);
      this.order.push(name);
    }
    c.present++;
    if (v === '') c.empty++;
    else if (v === '9999-99-99' || v === '9999-99') c.unknown++;
    return list;
  }

  stats(): Map<string, ColumnStats> {
    this.flush();
    const out = new Map<string, ColumnStats>();
    for (const k of this.order) {
      if (typeof k === 'string') out.set(k, this.others.get(k)!);
      else
        out.set(this.layout.names[k]!, { present: this.present[k]!, empty: this.empty[k]!, unknown: this.unknown[k]! });
    }
    return out;
  }
}
