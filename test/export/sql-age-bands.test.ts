/**
 * The SQL views spell out the indicators' age bands in a CASE (SQL has no import): each of them must be the
 * table of src/_lib/age-bands.ts, the one the in-process indicators use, so a band changed there and not here
 * fails. Reads the SQL text only (no DuckDB).
 */
import { describe, expect, it } from 'vitest';
import { INDICATOR_AGE_BANDS, UNKNOWN_AGE_BAND } from '../../src/_lib/age-bands.js';
import { indicatorAgeBand } from '../../src/analysis/index.js';
import { INDICATOR_VIEWS } from '../../src/export/index.js';

const squeeze = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('the indicators’ age bands: one table, the SQL views and the analysis agree', () => {
  it('the bands follow each other from 0 with no gap (so `age <= max` in order is the table)', () => {
    expect(INDICATOR_AGE_BANDS[0].min).toBe(0);
    for (let i = 1; i < INDICATOR_AGE_BANDS.length; i++) {
      expect(INDICATOR_AGE_BANDS[i]!.min).toBe(INDICATOR_AGE_BANDS[i - 1]!.max + 1);
    }
  });

  it('every age_band CASE of sql/indicators.sql is the table', () => {
    const cases = [...INDICATOR_VIEWS.matchAll(/CASE WHEN age < 0[\s\S]*?END AS age_band/g)].map((m) => squeeze(m[0]));
    const expected = squeeze(
      `CASE WHEN age < 0 THEN '${UNKNOWN_AGE_BAND}' ` +
        INDICATOR_AGE_BANDS.map((b) => `WHEN age <= ${b.max} THEN '${b.id}'`).join(' ') +
        ` ELSE '${UNKNOWN_AGE_BAND}' END AS age_band`,
    );
    expect(cases.length).toBe(INDICATOR_VIEWS.split('AS age_band').length - 1);
    expect(cases.length).toBeGreaterThanOrEqual(4);
    for (const c of cases) expect(c).toBe(expected);
  });

  it('the analysis puts each age where the SQL CASE does', () => {
    const sqlBand = (age: number): string =>
      age < 0 ? UNKNOWN_AGE_BAND : (INDICATOR_AGE_BANDS.find((b) => age <= b.max)?.id ?? UNKNOWN_AGE_BAND);
    for (let age = -2; age <= 205; age++) expect(indicatorAgeBand(age)).toBe(sqlBand(age));
  });
});
