import type { EditionId } from '../nomenclature/index.js';
import { variableNames } from '../nomenclature/index.js';
import { valueStatus } from '../model/index.js';
import type { FillRate } from './types.js';

/** A record as the report sees it: variable name → raw text (`undefined` absent, `''` empty). */
export type ReportRecord = Readonly<Record<string, string | undefined>>;

/**
 * Counts, one record at a time, how often each variable of an edition is filled, unknown, empty or absent.
 * Memory stays constant whatever the number of records, so it can follow a streaming read.
 *
 * @example
 * const counter = createFillRateCounter('2016');
 * counter.add({ SEXE: '2', ANAIS: '9999' });
 * counter.rates().find((r) => r.name === 'SEXE'); // { name: 'SEXE', filled: 1, unknown: 0, empty: 0, absent: 0 }
 */
export function createFillRateCounter(edition: EditionId = '2016'): {
  add(record: ReportRecord): void;
  rates(): FillRate[];
} {
  const names = variableNames(edition);
  const rates = names.map((name) => ({ name, filled: 0, unknown: 0, empty: 0, absent: 0 }));
  return {
    add(record) {
      for (const rate of rates) rate[valueStatus(rate.name, record[rate.name], edition)]++;
    },
    rates: () => rates.map((r) => ({ ...r })),
  };
}

/**
 * Fill rates of every variable of an edition over a list of records.
 *
 * @example
 * fillRates([{ SEXE: '' }, { SEXE: '1' }]).find((r) => r.name === 'SEXE'); // { …, filled: 1, empty: 1 }
 */
export function fillRates(records: Iterable<ReportRecord>, edition: EditionId = '2016'): FillRate[] {
  const counter = createFillRateCounter(edition);
  for (const record of records) counter.add(record);
  return counter.rates();
}
