/**
 * The columns of the exported `events` table, derived from the nomenclature: one column per variable, typed
 * from the variable's type (a DATE for a complete date with the text of a partial one beside it; every code,
 * year, month and count as text, since their "unknown" values, 99 or 9999, are codes, not numbers).
 */
import { NO_DAY, dayNumber } from '../analysis/index.js';
import { variables, type EditionId } from '../nomenclature/index.js';

/** How a variable is stored: as text, or as a DATE plus the raw text when it is not a complete date. */
export type ColumnKind = 'text' | 'date';

/** One variable of the `events` table. */
export interface VariableColumn {
  /** The variable name (also the column name). */
  name: string;
  kind: ColumnKind;
  /** Editions that define the variable. */
  editions: EditionId[];
}

/** Suffix of the column holding the raw text of a date that is not complete (`2018-05-99`, `9999-99-99`). */
export const PARTIAL_DATE_SUFFIX = '_texte';

/** What to do with records of the 2011 edition. */
export type Edition2011Mode = 'migrate' | 'keep';

/**
 * The variable columns of the `events` table: the 2016 variables, plus (mode `keep`) the variables only the
 * 2011 edition has. In mode `migrate` the 2011 records are migrated to 2016 first.
 *
 * @example
 * eventVariableColumns('migrate').find((c) => c.name === 'DATDEB')!.kind // 'date'
 */
export function eventVariableColumns(mode: Edition2011Mode = 'migrate'): VariableColumn[] {
  const out: VariableColumn[] = [];
  const byName = new Map<string, VariableColumn>();
  const editions: EditionId[] = mode === 'keep' ? ['2016', '2011'] : ['2016'];
  for (const edition of editions) {
    for (const v of variables(edition)) {
      const known = byName.get(v.name);
      if (known) {
        known.editions.push(edition);
        // A name that is a date in one edition only stays text, so no value is ever lost to a cast.
        if ((v.type === 'date') !== (known.kind === 'date')) known.kind = 'text';
        continue;
      }
      const col: VariableColumn = { name: v.name, kind: v.type === 'date' ? 'date' : 'text', editions: [edition] };
      byName.set(v.name, col);
      out.push(col);
    }
  }
  return out;
}

/**
 * The day number (days since 1970-01-01) of a complete, valid date, or `null` (empty, partial, unknown,
 * malformed or impossible date): the analysis' reading of a date (`dayNumber` of `olinpe/analysis`, on the calendar
 * of src/_lib/days.ts) when it is neither approximate nor missing, so that the `events` table and the linkage
 * exported beside it read every date alike. A year is read as written: `0050-05-12` is a day of the year 50 (it was
 * `null` while this was computed with `Date.UTC`, which reads the years 0–99 as 1900–1999; the raw text was then
 * kept in the `_texte` column and the linkage read the year 50 all the same).
 *
 * @example
 * completeDay('1970-01-02') // 1
 * completeDay('2018-05-99') // null
 */
export function completeDay(text: string | undefined): number | null {
  const d = dayNumber(text);
  return d.day === NO_DAY || d.approximate ? null : d.day;
}
