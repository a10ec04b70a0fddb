/**
 * Which variables tie the lines of one measure together (2016 edition), as the ONPE guide states them. One home
 * for the rules (OL16-YP-004, an end line without its opening) and the analysis (periods and measures of
 * `buildTrajectories`).
 *
 * @module
 */

/**
 * The decision variables that are the same on an opening (TYPEV 1) or renewal (TYPEV 2) line and on the end line
 * (TYPEV 3) that closes it: G18 p. 7 (III, "Les fins de prestation/mesure": variables 79 DATDECPE, 83 DECISION,
 * 84 DATDEB, 85 NATPDECADM, 86 AUTREDA, 87 NATDECASSED, 88 AUTREDJ, 89 NATDECPLAC, 91 TYPINTERDOM, 95 TYPDECJUD).
 */
export const LINK_VARIABLES = [
  'DATDECPE',
  'DECISION',
  'DATDEB',
  'NATPDECADM',
  'AUTREDA',
  'NATDECASSED',
  'AUTREDJ',
  'NATDECPLAC',
  'TYPINTERDOM',
  'TYPDECJUD',
] as const;

/**
 * The decision and nature variables that are the same on an opening line (TYPEV 1) and its renewal (TYPEV 2):
 * G18 p. 6 (III, "Les renouvellements": 83 DECISION, 85 NATPDECADM, 86 AUTREDA, 87 NATDECASSED, 88 AUTREDJ,
 * 89 NATDECPLAC, 91 TYPINTERDOM, 95 TYPDECJUD). The dates are not among them: a renewal is a new decision with
 * its own DATDECPE and DATDEB. They are {@link LINK_VARIABLES} without the two dates.
 */
export const NATURE_LINK_VARIABLES = LINK_VARIABLES.filter(
  (v): v is Exclude<(typeof LINK_VARIABLES)[number], 'DATDECPE' | 'DATDEB'> => v !== 'DATDECPE' && v !== 'DATDEB',
);
