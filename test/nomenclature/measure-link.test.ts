/**
 * The variables that tie the lines of one measure together, against the ONPE guide (G18): p. 7 lists the
 * variables an end line shares with its opening or renewal by number (79, 83–89, 91, 95), p. 6 those a renewal
 * shares with its opening (the same but the two dates, 79 and 84). The numbers are the guide's; the names come
 * from the nomenclature, so a wrong name or a list that drifts fails.
 */
import { describe, expect, it } from 'vitest';
import { SMALL_COLUMNS, TEXT_COLUMNS } from '../../src/analysis/index.js';
import { LINK_VARIABLES, NATURE_LINK_VARIABLES, variable } from '../../src/nomenclature/index.js';

const numbers = (names: readonly string[]): (number | null | undefined)[] =>
  names.map((n) => variable(n, '2016')?.number);

describe('link variables (G18 pp. 6–7)', () => {
  it('an end line and its opening or renewal: variables 79, 83, 84, 85, 86, 87, 88, 89, 91, 95 (G18 p. 7)', () => {
    expect(numbers(LINK_VARIABLES)).toEqual([79, 83, 84, 85, 86, 87, 88, 89, 91, 95]);
  });

  it('a renewal and its opening: variables 83, 85, 86, 87, 88, 89, 91, 95 (G18 p. 6)', () => {
    expect(numbers(NATURE_LINK_VARIABLES)).toEqual([83, 85, 86, 87, 88, 89, 91, 95]);
  });

  it('the analysis table stores every one of them', () => {
    const stored = new Set<string>([...SMALL_COLUMNS, ...TEXT_COLUMNS]);
    expect(LINK_VARIABLES.filter((v) => !stored.has(v))).toEqual([]);
  });
});
