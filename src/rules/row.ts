/**
 * The edition's variables as positions: a record is read once per line into an array (`row`) that rules index,
 * with the names that are not variables of the edition set apart (`extra`).
 *
 * @module
 */
import { editionData, type EditionId } from '../nomenclature/index.js';
import type { RecordValues } from './types.js';

/** The variables of an edition as positions. */
export interface EditionLayout {
  edition: EditionId;
  /** Variable names in the decree's order. */
  names: readonly string[];
  /** Name → position. */
  index: ReadonlyMap<string, number>;
  /** The "ne sait pas" code of each variable by position (null when it has none). */
  unknownCodes: readonly (string | null)[];
}

const layouts = new Map<EditionId, EditionLayout>();

/**
 * The layout of an edition, built once.
 *
 * @example
 * const { index, names } = editionLayout('2016');
 * names[index.get('TYPEV')!]; // "TYPEV"
 */
export function editionLayout(edition: EditionId): EditionLayout {
  let l = layouts.get(edition);
  if (!l) {
    const vars = editionData(edition).variables;
    l = {
      edition,
      names: vars.map((v) => v.name),
      index: new Map(vars.map((v, i) => [v.name, i])),
      unknownCodes: vars.map((v) => v.unknownCode ?? null),
    };
    layouts.set(edition, l);
  }
  return l;
}

/**
 * Reads a record into `row` (which must have one slot per variable) and returns the names present with a value
 * that are not variables of the edition (null when none). `row[i]` is then exactly `values[names[i]]`.
 *
 * @example
 * const row = new Array(editionLayout('2016').names.length);
 * readRow({ TYPEV: '1', NOM: 'x' }, editionLayout('2016'), row); // ["NOM"]
 */
export function readRow(values: RecordValues, layout: EditionLayout, row: (string | undefined)[]): string[] | null {
  row.fill(undefined);
  let extra: string[] | null = null;
  const index = layout.index;
  for (const name in values) {
    const v = values[name];
    const i = index.get(name);
    if (i === undefined) {
      if (v !== undefined) (extra ??= []).push(name);
    } else row[i] = v;
  }
  return extra;
}

/**
 * A reader of one variable: by row position when the edition has it, else by name on the record (what
 * `values[name]` gives).
 *
 * @example
 * const layout = editionLayout('2016');
 * const values = { TYPEV: '3' };
 * const row = new Array<string | undefined>(layout.names.length);
 * readRow(values, layout, row);
 * valueReader(layout, 'TYPEV')(row, values); // "3"
 */
export function valueReader(
  layout: EditionLayout,
  name: string,
): (row: readonly (string | undefined)[], values: RecordValues) => string | undefined {
  const i = layout.index.get(name);
  return i === undefined ? (_row, values) => values[name] : (row) => row[i];
}
