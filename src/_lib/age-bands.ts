/**
 * The age bands of the library, as data, in one place. There are two, for two different purposes, under two
 * names; neither is defined by the decrees, the ONPE guide (G18), the ONED aid (O15) or the pseudonymisation
 * specification, so both are the project's choices, written down here with where they are documented.
 *
 * - {@link INDICATOR_AGE_BANDS}: the categories the observatories' indicators are broken down by (`olinpe/analysis`
 *   `indicatorAgeBand`, the analysis page, and the SQL views of `olinpe/export`, whose `age_band` CASE is checked
 *   against this table by test/export/sql-age-bands.test.ts). An unknown age is a category of its own, `inconnu`.
 * - {@link EXTRACT_AGE_BAND_BOUNDS}: the default coarsening of an age in an analysis extract
 *   (`olinpe/pseudonymisation` `extractAgeBand`, beside `degradeBirthDate`): data minimisation of what leaves
 *   the département, with bounds the caller may replace. A bad age is refused (it throws), as every input of
 *   pseudonymisation is. Décret 2011-222 (CASF D226-3-7) speaks of a sample "par tranche d'âge" without
 *   defining the bands.
 *
 * The two split 11–17 differently (11-14 / 15-17 against 11-15 / 16-17): keep them apart, never compare one
 * with the other.
 *
 * Internal (`_lib`): each concern's door exports what its users need.
 *
 * @module
 */

/** One indicator band: its label and its bounds in completed years (inclusive). */
export interface IndicatorAgeBand {
  readonly id: string;
  readonly min: number;
  readonly max: number;
}

/**
 * The indicators' age bands in completed years (documented in docs/guides/analysis.md, "par tranche d'âge";
 * project choice, no source defines them). The last band is capped at 200 to keep `min..max` finite.
 */
export const INDICATOR_AGE_BANDS = [
  { id: '0-2', min: 0, max: 2 },
  { id: '3-5', min: 3, max: 5 },
  { id: '6-10', min: 6, max: 10 },
  { id: '11-14', min: 11, max: 14 },
  { id: '15-17', min: 15, max: 17 },
  { id: '18-20', min: 18, max: 20 },
  { id: '21+', min: 21, max: 200 },
] as const satisfies readonly IndicatorAgeBand[];

/** The indicators' category for an age that is not known (no birth year) or outside every band. */
export const UNKNOWN_AGE_BAND = 'inconnu';

/**
 * Default lower bounds of the extract bands: 0–2, 3–5, 6–10, 11–15, 16–17, 18–20, 21 and over (documented in
 * docs/guides/pseudonymisation.md, "Extraits pour l'analyse"; project choice, no source defines them).
 */
export const EXTRACT_AGE_BAND_BOUNDS: readonly number[] = [0, 3, 6, 11, 16, 18, 21];
