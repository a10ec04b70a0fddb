/**
 * Constraints the guide (G18, 2016 edition) and the data-entry aid (O15, 2011 edition) state and that the
 * nomenclature's generated rules cannot express: dates with no "unknown" form, implied orders, the special cases of
 * section V, household codes, the ODPE-only UTDP, the 2011 parental-authority case and year-N scope, and, over the
 * lines of one young person, the two hypotheses of an end and the decision variables of a renewal. Each rule cites
 * its page. Where the guide only implies a constraint, or where olinpe infers a link between lines, the rule is a
 * warning.
 *
 * @module
 */
import { isoDay, yearOfDay } from '../_lib/days.js';
import { editionData, NATURE_LINK_VARIABLES, type EditionId } from '../nomenclature/index.js';
import { BOTH, FROM_2011, FROM_2016, G18, O15, ONLY_2011, ONLY_2016, rule } from './rule-kit.js';
import { SKIP } from './skips.js';
import { editionLayout } from './row.js';
import { compareDates, dayOfKnownDate, isKnownFullDate, yearOf } from './dates.js';
import { placeText } from './messages.js';
import { KeptLines } from './kept-lines.js';
import { JoinedTextPool, TextListPool } from './text-lists.js';
import type {
  Citation,
  CrossRule,
  RawFinding,
  RecordContext,
  RecordRef,
  RecordRule,
  ResolvedOptions,
  Text,
} from './types.js';

const ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const ID2 = 'b1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

/**
 * Reads a value as the engine gives it for the line: from the row when the edition has the variable (a variable
 * left out of a file's record then reads as empty, see `RuleOptions.absent`), else from the record; `undefined`
 * when absent.
 */
function get(ctx: RecordContext, name: string): string | undefined {
  if (ctx.edition !== lastEdition) {
    lastEdition = ctx.edition;
    lastIndex = editionLayout(ctx.edition).index;
  }
  const i = lastIndex!.get(name);
  return i === undefined ? ctx.values[name] : ctx.row[i];
}
/** The layout's index of the edition last read (a run reads one edition). */
let lastEdition: EditionId | undefined;
let lastIndex: ReadonlyMap<string, number> | undefined;

/** Whether every named variable is absent (the rule cannot say anything). */
function allAbsent(ctx: RecordContext, names: readonly string[]): boolean {
  for (const n of names) if (get(ctx, n) !== undefined) return false;
  return true;
}

const noUnknownDates = new Map<EditionId, { names: string[]; at: number[] }>();
/** MENAGEJM's codes in the 2016 nomenclature (OL16-COH-005 judges only these). */
export const MENAGEJM_CODES: ReadonlySet<string> = new Set(
  editionData('2016')
    .variables.find((v) => v.name === 'MENAGEJM')
    ?.codes?.map((c) => c.code) ?? [],
);

/** The full dates of an edition whose sheet gives no wholly unknown form (`unknownCode` null), with their positions. */
export function datesWithoutUnknownForm(edition: EditionId): { names: string[]; at: number[] } {
  let list = noUnknownDates.get(edition);
  if (!list) {
    const names = editionData(edition)
      .variables.filter((v) => v.type === 'date' && v.unknownCode === null)
      .map((v) => v.name);
    const index = editionLayout(edition).index;
    list = { names, at: names.map((n) => index.get(n)!) };
    noUnknownDates.set(edition, list);
  }
  return list;
}

/** Day number of a known full date (days since 1970-01-01, the year as written), or undefined. */
function dayNumber(value: string | undefined): number | undefined {
  return isKnownFullDate(value) ? dayOfKnownDate(value) : undefined;
}

/** An ordered pair of dates that the guide implies (`first` on or before `second`). */
function orderRule(
  id: string,
  editions: readonly EditionId[],
  first: string,
  second: string,
  citations: Citation[],
  title: Text,
): RecordRule {
  return rule(
    {
      id,
      family: 'DAT',
      title,
      severity: 'warning',
      editions,
      validFrom: editions.includes('2011') ? FROM_2011 : FROM_2016,
      variables: [first, second],
      citations,
      message: {
        fr: `${second} ({second}) est antérieure à ${first} ({first}) ; l’ordre attendu est ${first} puis ${second}.`,
        en: `${second} ({second}) is before ${first} ({first}); the expected order is ${first} then ${second}.`,
      },
      examples: [
        { name: 'dans l’ordre', records: [{ [first]: '2019-01-10', [second]: '2019-02-01' }], fails: false },
        { name: 'même jour', records: [{ [first]: '2019-01-10', [second]: '2019-01-10' }], fails: false },
        { name: 'à l’envers', records: [{ [first]: '2019-03-10', [second]: '2019-02-01' }], fails: true },
      ],
    },
    (ctx) => {
      const a = get(ctx, first);
      const b = get(ctx, second);
      if (a === undefined || b === undefined) return SKIP.absent;
      if (!isKnownFullDate(a) || !isKnownFullDate(b) || compareDates(a, b) !== 1) return null;
      return [
        {
          params: { first: a, second: b },
          variables: [
            { name: first, value: a },
            { name: second, value: b, expected: `au plus tôt ${a}` },
          ],
        },
      ];
    },
  );
}

/** The decision variables a renewal repeats from the measure it renews (G18 p. 6; one home: the nomenclature). */
const DECISION_VARIABLES_2016 = NATURE_LINK_VARIABLES;

/** The hand-written record rules taken from the guide and the aid. */
export const guideRecordRules: readonly RecordRule[] = [
  rule(
    {
      id: 'OL16-DAT-011',
      family: 'DAT',
      title: {
        fr: 'Pas de date inconnue 9999-99-99 pour les dates d’événement et DATPPE',
        en: 'No unknown date 9999-99-99 for event dates and DATPPE',
      },
      severity: 'error',
      editions: ONLY_2016,
      validFrom: FROM_2016,
      variables: ['DATDECPE', 'DATDEB', 'DATFIN', 'DATPPE'],
      citations: [
        G18('V (dates de décision, de début et de fin impératives)', 9),
        G18('VIII, variables 79, 82, 84', 43),
        G18('VIII, variable 100', 52),
      ],
      message: {
        fr: '{variable} = 9999-99-99 : cette date n’a pas de forme « date inconnue » ; un jour ou un mois inconnu se code 99, une année inconnue 9999.',
        en: '{variable} = 9999-99-99: this date has no "unknown date" form; an unknown day or month is coded 99, an unknown year 9999.',
      },
      examples: [
        { name: 'jour inconnu', records: [{ DATDECPE: '2019-03-99' }], fails: false },
        { name: 'date connue', records: [{ DATDEB: '2019-03-01' }], fails: false },
        { name: 'date inconnue', records: [{ DATDECPE: '9999-99-99' }], fails: true },
      ],
    },
    (ctx) => {
      let out: RawFinding[] | null = null;
      const { names, at } = datesWithoutUnknownForm(ctx.edition);
      for (let k = 0; k < at.length; k++) {
        if (ctx.row[at[k]!] !== '9999-99-99') continue;
        const name = names[k]!;
        (out ??= []).push({
          params: { variable: name },
          variables: [{ name, value: '9999-99-99', expected: 'une date (99 pour un jour ou un mois inconnu)' }],
        });
      }
      return out;
    },
  ),
  orderRule(
    'OL16-DAT-012',
    ONLY_2016,
    'DATDECPE',
    'DATDEB',
    [G18('IV (délai entre la décision et le début effectif)', 7)],
    {
      fr: 'La décision DATDECPE précède le début DATDEB',
      en: 'The decision DATDECPE comes before the start DATDEB',
    },
  ),
  orderRule(
    'OL-DAT-013',
    BOTH,
    'NOTIFEVAL',
    'FINEVAL',
    [G18('VIII, variables 58 et 59', 37), O15('variables 66 et 67', 35)],
    {
      fr: 'La notification de l’évaluation NOTIFEVAL précède sa fin FINEVAL',
      en: 'The assessment notice NOTIFEVAL comes before its end FINEVAL',
    },
  ),
  rule(
    {
      id: 'OL-COH-002',
      family: 'COH',
      title: {
        fr: 'AED avec hébergement : NATPDECADM 10 avec TYPINTERDOM 4 ou 5',
        en: 'AED with accommodation: NATPDECADM 10 with TYPINTERDOM 4 or 5',
      },
      severity: 'error',
      editions: BOTH,
      validFrom: FROM_2011,
      variables: ['TYPINTERDOM', 'NATPDECADM'],
      citations: [
        G18('V (cas particulier des AED avec hébergement)', 9),
        O15('cas particulier des AED avec hébergement', 9),
      ],
      message: {
        fr: 'TYPINTERDOM = {value} (AED avec hébergement) avec NATPDECADM = {nature} : une AED avec hébergement s’enregistre avec NATPDECADM = 10.',
        en: 'TYPINTERDOM = {value} (AED with accommodation) with NATPDECADM = {nature}: an AED with accommodation is recorded with NATPDECADM = 10.',
      },
      examples: [
        { name: 'AED avec hébergement', records: [{ NATPDECADM: '10', TYPINTERDOM: '4' }], fails: false },
        { name: 'autre décision, TISF', records: [{ NATPDECADM: '18', TYPINTERDOM: '1' }], fails: false },
        { name: 'hébergement sous une autre nature', records: [{ NATPDECADM: '18', TYPINTERDOM: '5' }], fails: true },
      ],
    },
    (ctx) => {
      const t = get(ctx, 'TYPINTERDOM');
      const n = get(ctx, 'NATPDECADM');
      if (t === undefined || n === undefined) return SKIP.absent;
      if ((t !== '4' && t !== '5') || n === '10' || n === '' || n === '99') return null;
      return [
        {
          params: { value: t, nature: n },
          variables: [
            { name: 'NATPDECADM', value: n, expected: '10' },
            { name: 'TYPINTERDOM', value: t },
          ],
        },
      ];
    },
  ),
  rule(
    {
      id: 'OL-COH-003',
      family: 'COH',
      title: {
        fr: 'AEMO avec hébergement : NATDECASSED 16 avec TYPDECJUD 7 ou 8',
        en: 'AEMO with accommodation: NATDECASSED 16 with TYPDECJUD 7 or 8',
      },
      severity: 'error',
      editions: BOTH,
      validFrom: FROM_2011,
      variables: ['NATDECASSED', 'TYPDECJUD'],
      citations: [
        G18('V (cas particulier des AEMO avec hébergement)', 9),
        O15('cas particulier des AEMO avec hébergement', 9),
      ],
      message: {
        fr: 'NATDECASSED = {nature} avec TYPDECJUD = {value} : une AEMO avec hébergement s’enregistre avec NATDECASSED = 16 et TYPDECJUD = 7 ou 8.',
        en: 'NATDECASSED = {nature} with TYPDECJUD = {value}: an AEMO with accommodation is recorded with NATDECASSED = 16 and TYPDECJUD = 7 or 8.',
      },
      examples: [
        { name: 'AEMO avec hébergement', records: [{ NATDECASSED: '16', TYPDECJUD: '8' }], fails: false },
        { name: 'AEMO', records: [{ NATDECASSED: '15', TYPDECJUD: '5' }], fails: false },
        { name: 'hébergement sous l’AEMO simple', records: [{ NATDECASSED: '15', TYPDECJUD: '7' }], fails: true },
        {
          name: 'AEMO avec hébergement sans hébergement',
          records: [{ NATDECASSED: '16', TYPDECJUD: '5' }],
          fails: true,
        },
      ],
    },
    (ctx) => {
      const t = get(ctx, 'TYPDECJUD');
      const n = get(ctx, 'NATDECASSED');
      if (t === undefined || n === undefined) return SKIP.absent;
      if (t === '' || n === '' || n === '99' || t === '99') return null;
      const lodging = t === '7' || t === '8';
      if (lodging === (n === '16')) return null;
      return [
        {
          params: { value: t, nature: n },
          variables: [
            { name: 'NATDECASSED', value: n, expected: lodging ? '16' : undefined },
            { name: 'TYPDECJUD', value: t, expected: lodging ? undefined : '7 ou 8' },
          ],
        },
      ];
    },
  ),
  rule(
    {
      id: 'OL-COH-004',
      family: 'COH',
      title: {
        fr: 'Placement à domicile : lieu 12 avec un accueil provisoire ou un placement',
        en: 'Placement at home: place 12 with a reception or placement decision',
      },
      severity: 'warning',
      editions: BOTH,
      validFrom: FROM_2011,
      variables: ['LIEUACC', 'NATPDECADM', 'LIEUPLAC', 'NATDECASSED'],
      citations: [
        G18('V (cas particulier des placements à domicile)', 9),
        O15('cas particulier des placements à domicile', 9),
      ],
      message: {
        fr: '{variable} = 12 (hébergé chez les parents) avec {nature} = {code} : un placement à domicile s’enregistre avec {expected}.',
        en: '{variable} = 12 (at the parents’ home) with {nature} = {code}: a placement at home is recorded with {expected}.',
      },
      examples: [
        { name: 'accueil provisoire à domicile', records: [{ NATPDECADM: '14', LIEUACC: '12' }], fails: false },
        { name: 'placement ASE à domicile', records: [{ NATDECASSED: '17', LIEUPLAC: '12' }], fails: false },
        { name: 'accueil de jour chez les parents', records: [{ NATPDECADM: '11', LIEUACC: '12' }], fails: true },
      ],
    },
    (ctx) => {
      if (allAbsent(ctx, ['LIEUACC', 'LIEUPLAC'])) return SKIP.absent;
      let out: RawFinding[] | null = null;
      const adm = ctx.edition === '2016' ? ['14', '21'] : ['14'];
      const n1 = get(ctx, 'NATPDECADM') ?? '';
      if (get(ctx, 'LIEUACC') === '12' && n1 !== '' && n1 !== '99' && !adm.includes(n1)) {
        const expected = adm.map((c) => `NATPDECADM = ${c}`).join(' ou ');
        (out ??= []).push({
          params: { variable: 'LIEUACC', nature: 'NATPDECADM', code: n1, expected },
          variables: [
            { name: 'LIEUACC', value: '12' },
            { name: 'NATPDECADM', value: n1, expected },
          ],
        });
      }
      const n2 = get(ctx, 'NATDECASSED') ?? '';
      if (get(ctx, 'LIEUPLAC') === '12' && n2 !== '' && n2 !== '99' && n2 !== '17' && n2 !== '18') {
        const expected = 'NATDECASSED = 17 ou 18';
        (out ??= []).push({
          params: { variable: 'LIEUPLAC', nature: 'NATDECASSED', code: n2, expected },
          variables: [
            { name: 'LIEUPLAC', value: '12' },
            { name: 'NATDECASSED', value: n2, expected },
          ],
        });
      }
      return out;
    },
  ),
  rule(
    {
      id: 'OL16-COH-005',
      family: 'COH',
      title: { fr: 'Accueil provisoire jeune majeur : MENAGEJM = 8', en: 'Young-adult voluntary care: MENAGEJM = 8' },
      severity: 'error',
      editions: ONLY_2016,
      validFrom: FROM_2016,
      variables: ['MENAGEJM', 'NATPDECADM'],
      citations: [G18('VIII, variable 31', 27)],
      message: {
        fr: 'MENAGEJM = {value} avec NATPDECADM = 21 (accueil provisoire jeune majeur) : la modalité à renseigner est 8 (autre situation).',
        en: 'MENAGEJM = {value} with NATPDECADM = 21 (young-adult voluntary care): the code to use is 8 (other situation).',
      },
      examples: [
        { name: 'APJM, autre situation', records: [{ NATPDECADM: '21', MENAGEJM: '8' }], fails: false },
        { name: 'aide éducative, vit seul', records: [{ NATPDECADM: '20', MENAGEJM: '1' }], fails: false },
        { name: 'APJM, vit seul', records: [{ NATPDECADM: '21', MENAGEJM: '1' }], fails: true },
        {
          name: 'APJM, code hors nomenclature (FMT seul)',
          records: [{ NATPDECADM: '21', MENAGEJM: 'ZZ' }],
          fails: false,
        },
      ],
    },
    (ctx) => {
      const m = get(ctx, 'MENAGEJM');
      const n = get(ctx, 'NATPDECADM');
      if (m === undefined || n === undefined) return SKIP.absent;
      // A value outside MENAGEJM's codes is OL16-FMT-MENAGEJM's finding alone: this rule judges valid codes.
      if (n !== '21' || m === '' || m === '8' || m === '9' || !MENAGEJM_CODES.has(m)) return null;
      return [
        {
          params: { value: m },
          variables: [
            { name: 'MENAGEJM', value: m, expected: '8' },
            { name: 'NATPDECADM', value: n },
          ],
        },
      ];
    },
  ),
  rule(
    {
      id: 'OL-COH-006',
      family: 'COH',
      title: { fr: 'NBFRAT compte l’enfant : au moins 1', en: 'NBFRAT counts the child: at least 1' },
      severity: 'error',
      editions: BOTH,
      validFrom: FROM_2011,
      variables: ['NBFRAT'],
      citations: [G18('VIII, variable 30', 27), O15('variable 36 NBFRAT', 26)],
      message: {
        fr: 'NBFRAT = {value} : la fratrie compte le mineur lui-même ; sans frère ni sœur, coder 1.',
        en: 'NBFRAT = {value}: the siblings count includes the child; with no brother or sister, code 1.',
      },
      examples: [
        { name: 'enfant seul', records: [{ NBFRAT: '1' }], fails: false },
        { name: 'ne sait pas', records: [{ NBFRAT: '99' }], fails: false },
        { name: 'zéro', records: [{ NBFRAT: '0' }], fails: true },
      ],
    },
    (ctx) => {
      const v = get(ctx, 'NBFRAT');
      if (v === undefined) return SKIP.absent;
      if (v === '' || !/^0+$/.test(v)) return null;
      return [{ params: { value: v }, variables: [{ name: 'NBFRAT', value: v, expected: '1 ou plus' }] }];
    },
  ),
  rule(
    {
      id: 'OL16-COH-007',
      family: 'COH',
      title: { fr: 'UTDP absente du fichier destiné à l’ONPE', en: 'No UTDP in the file for the ONPE' },
      severity: 'error',
      editions: ONLY_2016,
      validFrom: FROM_2016,
      variables: ['UTDP'],
      citations: [G18('VIII, UTDP (transmise uniquement à l’ODPE)', 16)],
      message: {
        fr: 'UTDP = {value} : l’unité territoriale n’est transmise qu’à l’ODPE ; le fichier destiné à l’ONPE ne la porte pas.',
        en: 'UTDP = {value}: the territorial unit is sent to the ODPE only; the file for the ONPE does not carry it.',
      },
      examples: [
        { name: 'fichier ONPE sans UTDP', records: [{ UTDP: '' }], fails: false, options: { destination: 'onpe' } },
        { name: 'fichier ODPE avec UTDP', records: [{ UTDP: '012' }], fails: false, options: { destination: 'odpe' } },
        { name: 'fichier ONPE avec UTDP', records: [{ UTDP: '012' }], fails: true, options: { destination: 'onpe' } },
      ],
    },
    (ctx) => {
      if (ctx.destination !== 'onpe') return { skip: 'destination-not-onpe' };
      const v = get(ctx, 'UTDP');
      if (v === undefined) return SKIP.absent;
      if (v === '') return null;
      return [{ params: { value: v }, variables: [{ name: 'UTDP', value: v, expected: 'absente (fichier ONPE)' }] }];
    },
  ),
  rule(
    {
      id: 'OL11-COH-008',
      family: 'COH',
      title: {
        fr: 'Décision sur l’autorité parentale : DATDECPE = DATDECAP',
        en: 'Parental-authority decision: DATDECPE = DATDECAP',
      },
      severity: 'warning',
      editions: ONLY_2011,
      validFrom: FROM_2011,
      variables: ['NATDECASSED', 'DECAP', 'DATDECAP', 'DATDECPE'],
      citations: [O15('cas particulier des mesures relatives à l’autorité parentale', 10)],
      message: {
        fr: 'NATDECASSED = 21 avec DECAP = {decap} (délégation ou tutelle) : DATDECPE ({decision}) devrait être la date de la décision sur l’autorité parentale DATDECAP ({authority}).',
        en: 'NATDECASSED = 21 with DECAP = {decap} (delegation or guardianship): DATDECPE ({decision}) should be the date of the parental-authority decision DATDECAP ({authority}).',
      },
      examples: [
        {
          name: 'mêmes dates',
          records: [{ NATDECASSED: '21', DECAP: '4', DATDECAP: '2012-03-01', DATDECPE: '2012-03-01' }],
          fails: false,
        },
        {
          name: 'autre mesure',
          records: [{ NATDECASSED: '17', DECAP: '4', DATDECAP: '2010-03-01', DATDECPE: '2012-03-01' }],
          fails: false,
        },
        {
          name: 'dates différentes',
          records: [{ NATDECASSED: '21', DECAP: '2', DATDECAP: '2010-03-01', DATDECPE: '2012-03-01' }],
          fails: true,
        },
      ],
    },
    (ctx) => {
      const n = get(ctx, 'NATDECASSED');
      const decap = get(ctx, 'DECAP');
      const a = get(ctx, 'DATDECAP');
      const d = get(ctx, 'DATDECPE');
      if (n === undefined || decap === undefined || a === undefined || d === undefined) return SKIP.absent;
      if (n !== '21' || (decap !== '2' && decap !== '4') || !isKnownFullDate(a) || !isKnownFullDate(d) || a === d)
        return null;
      return [
        {
          params: { decap, decision: d, authority: a },
          variables: [
            { name: 'DATDECPE', value: d, expected: a },
            { name: 'DATDECAP', value: a },
          ],
        },
      ];
    },
  ),
  rule(
    {
      id: 'OL11-DAT-010',
      family: 'DAT',
      title: { fr: 'Événement hors de l’année de référence (2011)', en: 'Event outside the reference year (2011)' },
      severity: 'error',
      editions: ONLY_2011,
      validFrom: FROM_2011,
      variables: [
        'DATDECPE',
        'DATDEBAD',
        'DATDEBACC',
        'DATDEBINTER',
        'DATDEBPLAC',
        'DATFINAD',
        'DATFINACC',
        'DATFININTER',
        'DATFINPLAC',
      ],
      citations: [O15('champ : décision, début ou fin d’intervention dans l’année N', 5)],
      message: {
        fr: 'Ni la décision DATDECPE ({decision}), ni une date de début ou de fin d’intervention n’est dans l’année {year}.',
        en: 'Neither the decision DATDECPE ({decision}) nor a start or end date of the intervention is in year {year}.',
      },
      auditSection: 'out-of-scope',
      examples: [
        {
          name: 'décision dans l’année',
          records: [{ DATDECPE: '2012-02-01', DATDEBAD: '2012-02-03' }],
          fails: false,
          options: { referenceYear: 2012 },
        },
        {
          name: 'fin dans l’année',
          records: [{ DATDECPE: '2010-02-01', DATDEBAD: '2010-02-03', DATFINAD: '2012-01-31' }],
          fails: false,
          options: { referenceYear: 2012 },
        },
        {
          name: 'hors année',
          records: [{ DATDECPE: '2010-02-01', DATDEBAD: '2010-02-03', DATFINAD: '' }],
          fails: true,
          options: { referenceYear: 2012 },
        },
      ],
    },
    (ctx) => {
      const year = ctx.referenceYear;
      if (year === undefined) return SKIP.noReferenceYear;
      const names = [
        'DATDECPE',
        'DATDEBAD',
        'DATDEBACC',
        'DATDEBINTER',
        'DATDEBPLAC',
        'DATFINAD',
        'DATFINACC',
        'DATFININTER',
        'DATFINPLAC',
      ];
      if (allAbsent(ctx, names)) return SKIP.absent;
      // A line with no start or end date (nature unknown, no block applies) can only be placed by its decision:
      // nothing is said about it.
      if (names.slice(1).every((n) => !get(ctx, n))) return null;
      for (const n of names) {
        const v = get(ctx, n);
        if (v === undefined || v === '') continue;
        const y = yearOf(v);
        if (y === undefined || y === year) return null; // an unknown year may be N
      }
      const d = get(ctx, 'DATDECPE') ?? '';
      return [
        {
          params: { decision: d, year },
          variables: [{ name: 'DATDECPE', value: d, expected: `une date de ${year} (décision, début ou fin)` }],
        },
      ];
    },
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// Young-person rules: the ends (G18 p51) and the renewals (G18 p6–7).

/** A kept line's own words (after its reference, see kept-lines.ts). */
const LOWER = 0; // RecordContext.personLower
const KIND = 1; // TYPEV (1, 2 or 3) + 4 × the number of the line's decision variables (DECISION_VARIABLES_2016)
const END = 2; // an end's DATFIN as a day number (see dayNumber)
const END_CODES = 3; // an end's MOTFININT, MOTIFML and DATDECMIN as one combination; -1 on other lines

/**
 * The lines the three rules below read (openings and renewals, ends with a known DATFIN), collected once for the
 * three as columns of numbers (kept-lines.ts: 40 bytes a line), grouped by young person when the first of them
 * finishes.
 */
interface LinesState {
  lines: KeptLines;
  /** The decision variables of each line, joined by `|` (one number per joined text). */
  decisions: JoinedTextPool;
  endCodes: TextListPool;
  /**
   * Row positions of the decision variables (-1 for a name the edition has not, read from the record): read from
   * the row, where `values[name]` would be a keyed load by a different name each time (V8's slow, megamorphic one).
   */
  decisionAt: Int32Array;
  /** The highest young person's number collected. */
  maxLower: number;
  /** The last line collected (the three rules share one state in a run, and each observes every line). */
  last: RecordRef | undefined;
  groups: Groups | undefined;
}

/** The kept lines by young person, and what they read as numbers. */
interface Groups {
  /** Line numbers, a young person's together, each one's in the order seen. */
  order: Int32Array;
  /** Per young person: where their lines start in `order` (they end where the next one's start). */
  from: Int32Array;
  /** Day number of each text of the lines' pool (NaN when it is not a known full date). */
  days: Float64Array;
}

/**
 * The lines of a run's young people that the three rules below read, collected once for the three: the engine
 * inits them with the same options object (its mode without shortcuts, with a copy each: one state a rule).
 */
const linesByRun = new WeakMap<ResolvedOptions, LinesState>();
function linesOf(o: ResolvedOptions): LinesState {
  const known = linesByRun.get(o);
  if (known !== undefined) return known;
  const s: LinesState = {
    lines: new KeptLines(4),
    decisions: new JoinedTextPool(),
    endCodes: new TextListPool(),
    decisionAt: Int32Array.from(DECISION_VARIABLES_2016, (n) => editionLayout(o.edition).index.get(n) ?? -1),
    maxLower: -1,
    last: undefined,
    groups: undefined,
  };
  linesByRun.set(o, s);
  return s;
}

/** A line's decision variables (DECISION_VARIABLES_2016, absent as empty), filled by {@link collect}. */
const decisionParts: string[] = DECISION_VARIABLES_2016.map(() => '');

const endParts = ['', '', ''];

function collect(state: LinesState, ctx: RecordContext, ref: RecordRef): void {
  if (state.last === ref) return;
  state.last = ref;
  const person = ctx.personLower;
  const t = ctx.values.TYPEV;
  if (person < 0 || (t !== '1' && t !== '2' && t !== '3')) return;
  const values = ctx.values;
  let end = 0;
  if (t === '3') {
    const day = dayNumber(values.DATFIN);
    if (day === undefined) return;
    end = day;
  }
  const lines = state.lines;
  const n = lines.add(ctx, ref);
  lines.set(n, LOWER, person);
  if (person > state.maxLower) state.maxLower = person;
  // As `values[name] ?? ''`: the row holds `values[name]`, or for an absent variable undefined or '' (Columns.read).
  const row = ctx.row;
  const at = state.decisionAt;
  for (let k = 0; k < at.length; k++) {
    const i = at[k]!;
    decisionParts[k] = (i >= 0 ? row[i] : values[DECISION_VARIABLES_2016[k]!]) ?? '';
  }
  lines.set(n, KIND, (t === '1' ? 1 : t === '2' ? 2 : 3) + 4 * state.decisions.intern(decisionParts));
  if (t === '3') {
    lines.set(n, END, end);
    endParts[0] = values.MOTFININT ?? '';
    endParts[1] = values.MOTIFML ?? '';
    endParts[2] = values.DATDECMIN ?? '';
    lines.set(n, END_CODES, state.endCodes.intern(endParts));
  } else lines.set(n, END_CODES, -1);
  state.groups = undefined;
}

/** The lines grouped by young person (made once, when the first rule finishes). */
function groupsOf(state: LinesState): Groups {
  if (state.groups !== undefined) return state.groups;
  const { lines } = state;
  const persons = state.maxLower + 1;
  const from = new Int32Array(persons + 1);
  for (let n = 0; n < lines.size; n++) from[lines.get(n, LOWER) + 1]!++;
  for (let p = 0; p < persons; p++) from[p + 1]! += from[p]!;
  const next = from.slice(0, persons);
  const order = new Int32Array(lines.size);
  for (let n = 0; n < lines.size; n++) order[next[lines.get(n, LOWER)]!++] = n;
  const days = new Float64Array(lines.texts.size);
  for (let i = 0; i < days.length; i++) days[i] = dayNumber(lines.texts.get(i)) ?? Number.NaN;
  state.groups = { order, from, days };
  return state.groups;
}

const kindOf = (lines: KeptLines, n: number): number => lines.get(n, KIND) & 3;
const decisionOf = (lines: KeptLines, n: number): number => lines.get(n, KIND) >>> 2;

/**
 * Whether line s (an opening or a renewal) opens or renews something on the day end line e closes it or the day
 * after (hypothesis 2). Days that are not known full dates are NaN, equal to nothing.
 */
function follows(lines: KeptLines, days: Float64Array, s: number, e: number): boolean {
  const start = days[lines.startDate(s)]!;
  // The opening of the period the end closes (a measure of a day or two) does not follow it.
  if (start === days[lines.startDate(e)]) return false;
  const end = lines.get(e, END);
  // A renewal follows the measure it renews (same decision variables, G18 p6), from its start; a new measure
  // follows from its decision or its start.
  if (kindOf(lines, s) === 2)
    return decisionOf(lines, s) === decisionOf(lines, e) && (start === end || start === end + 1);
  const decision = days[lines.decisionDate(s)]!;
  return start === end || start === end + 1 || decision === end || decision === end + 1;
}

/**
 * Calls `each` with every young person having a line of the kinds `first` tells (ends, or openings and renewals),
 * in the order of their first such line, and the range of their lines in `order`.
 */
function byPerson(state: LinesState, first: (kind: number) => boolean, each: (from: number, to: number) => void): void {
  const { lines } = state;
  const g = groupsOf(state);
  const seen = new Uint8Array(state.maxLower + 1);
  for (let n = 0; n < lines.size; n++) {
    if (!first(kindOf(lines, n))) continue;
    const p = lines.get(n, LOWER);
    if (seen[p] === 1) continue;
    seen[p] = 1;
    each(g.from[p]!, g.from[p + 1]!);
  }
}

const isEnd = (kind: number): boolean => kind === 3;
const isStart = (kind: number): boolean => kind !== 3;

const OPEN_LINE = {
  TYPEV: '1',
  DECISION: '1',
  NATPDECADM: '10',
  TYPINTERDOM: '2',
  DATDECPE: '2019-01-05',
  DATDEB: '2019-01-10',
};

const endHypotheses: CrossRule<LinesState> = {
  id: 'OL16-YP-010',
  family: 'YP',
  title: {
    fr: 'Fin suivie d’une mesure : MOTIFML et DATDECMIN vides (hypothèse 2)',
    en: 'End followed by a measure: MOTIFML and DATDECMIN empty (hypothesis 2)',
  },
  severity: 'warning',
  scope: 'young-person',
  editions: ONLY_2016,
  validFrom: FROM_2016,
  validTo: null,
  variables: ['NUMANONYM', 'TYPEV', 'DATFIN', 'DATDEB', 'DATDECPE', 'MOTIFML', 'DATDECMIN'],
  citations: [G18('VIII (fin de mesure, hypothèses 1 et 2)', 51)],
  message: {
    fr: 'Fin du {end} suivie d’une ligne TYPEV {typev} ({next}) : en hypothèse 2 seules DATFIN, MOTFININT et DIPLOME se renseignent ; {variable} devrait être vide.',
    en: 'End on {end} followed by a TYPEV {typev} line ({next}): in hypothesis 2 only DATFIN, MOTFININT and DIPLOME are filled; {variable} should be empty.',
  },
  generated: false,
  examples: [
    {
      name: 'fin suivie d’un renouvellement, MOTIFML vide',
      records: [
        { ...OPEN_LINE, NUMANONYM: ID, TYPEV: '3', DATFIN: '2019-06-30', MOTFININT: '1', MOTIFML: '' },
        { ...OPEN_LINE, NUMANONYM: ID, TYPEV: '2', DATDECPE: '2019-06-25', DATDEB: '2019-07-01' },
      ],
      fails: false,
    },
    {
      name: 'fin sans suite, MOTIFML renseigné',
      records: [{ ...OPEN_LINE, NUMANONYM: ID, TYPEV: '3', DATFIN: '2019-06-30', MOTFININT: '1', MOTIFML: '10' }],
      fails: false,
    },
    {
      name: 'fin suivie d’un renouvellement, MOTIFML renseigné',
      records: [
        { ...OPEN_LINE, NUMANONYM: ID2, TYPEV: '3', DATFIN: '2019-06-30', MOTFININT: '1', MOTIFML: '10' },
        { ...OPEN_LINE, NUMANONYM: ID2, TYPEV: '2', DATDECPE: '2019-06-25', DATDEB: '2019-07-01' },
      ],
      fails: true,
    },
  ],
  init: linesOf,
  observe: collect,
  finish(state) {
    const out: RawFinding[] = [];
    const { lines, endCodes } = state;
    const { order, days } = groupsOf(state);
    byPerson(state, isEnd, (from, to) => {
      for (let i = from; i < to; i++) {
        const e = order[i]!;
        if (kindOf(lines, e) !== 3) continue;
        const [, motifml, datdecmin] = endCodes.parts(lines.get(e, END_CODES));
        if (motifml === '' && datdecmin === '') continue;
        let next = -1;
        for (let j = from; j < to && next < 0; j++) {
          const s = order[j]!;
          if (kindOf(lines, s) !== 3 && follows(lines, days, s, e)) next = s;
        }
        if (next < 0) continue;
        for (const [name, value] of [
          ['MOTIFML', motifml!],
          ['DATDECMIN', datdecmin!],
        ] as const) {
          if (value === '') continue;
          out.push({
            at: lines.ref(e),
            params: {
              end: isoDay(lines.get(e, END)),
              typev: String(kindOf(lines, next)),
              next: placeText(lines.place(next)),
              variable: name,
            },
            variables: [{ name, value, expected: 'vide (hypothèse 2)' }],
          });
        }
      }
    });
    return out;
  },
};

const endWithoutFollowUp: CrossRule<LinesState> = {
  id: 'OL16-YP-012',
  family: 'YP',
  title: {
    fr: 'Fin sans mesure à la suite : MOTIFML renseigné (hypothèse 1)',
    en: 'End with no measure following: MOTIFML filled (hypothesis 1)',
  },
  severity: 'warning',
  scope: 'young-person',
  editions: ONLY_2016,
  validFrom: FROM_2016,
  validTo: null,
  variables: ['NUMANONYM', 'TYPEV', 'DATFIN', 'MOTFININT', 'MOTIFML'],
  // A line alone cannot tell hypothesis 1 from 2: whether a measure follows is only seen in the young person's
  // other lines, and a measure starting on 1 January of N+1 is in the next file. Hence a cross-record warning that
  // leaves aside the ends of 31 December (nomenclature: MOTIFML, discrepancy "hypothesis").
  citations: [G18('VIII (fin de mesure, hypothèse 1)', 51), G18('VIII, variable 102 MOTIFML', 52)],
  message: {
    fr: 'Fin du {end} (MOTFININT {motfinint}) sans renouvellement ni nouvelle mesure dans le fichier le jour même ou le lendemain : en hypothèse 1, MOTIFML se renseigne.',
    en: 'End on {end} (MOTFININT {motfinint}) with no renewal or new measure in the file on that day or the next: in hypothesis 1, MOTIFML is filled.',
  },
  generated: false,
  examples: [
    {
      name: 'fin sans suite, MOTIFML renseigné',
      records: [{ ...OPEN_LINE, NUMANONYM: ID, TYPEV: '3', DATFIN: '2019-06-30', MOTFININT: '2', MOTIFML: '10' }],
      fails: false,
    },
    {
      name: 'fin suivie d’un renouvellement, MOTIFML vide',
      records: [
        { ...OPEN_LINE, NUMANONYM: ID, TYPEV: '3', DATFIN: '2019-06-30', MOTFININT: '1', MOTIFML: '' },
        { ...OPEN_LINE, NUMANONYM: ID, TYPEV: '2', DATDECPE: '2019-06-25', DATDEB: '2019-07-01' },
      ],
      fails: false,
    },
    {
      name: 'fin au 31 décembre, suite possible dans le fichier suivant',
      records: [{ ...OPEN_LINE, NUMANONYM: ID, TYPEV: '3', DATFIN: '2019-12-31', MOTFININT: '1', MOTIFML: '' }],
      fails: false,
    },
    {
      name: 'fin sans suite, MOTIFML vide',
      records: [{ ...OPEN_LINE, NUMANONYM: ID2, TYPEV: '3', DATFIN: '2019-06-30', MOTFININT: '2', MOTIFML: '' }],
      fails: true,
    },
  ],
  init: linesOf,
  observe: collect,
  finish(state) {
    const out: RawFinding[] = [];
    const { lines, endCodes } = state;
    const { order, days } = groupsOf(state);
    byPerson(state, isEnd, (from, to) => {
      for (let i = from; i < to; i++) {
        const e = order[i]!;
        if (kindOf(lines, e) !== 3) continue;
        const [motfinint, motifml] = endCodes.parts(lines.get(e, END_CODES));
        if (motifml !== '' || (motfinint !== '1' && motfinint !== '2')) continue;
        const end = lines.get(e, END);
        // 31 December (a follow-up would be in N+1): the next day is in another year.
        if (yearOfDay(end) !== yearOfDay(end + 1)) continue;
        let followed = false;
        for (let j = from; j < to && !followed; j++) {
          const s = order[j]!;
          followed = kindOf(lines, s) !== 3 && follows(lines, days, s, e);
        }
        if (followed) continue;
        out.push({
          at: lines.ref(e),
          params: { end: isoDay(end), motfinint: motfinint! },
          variables: [{ name: 'MOTIFML', value: '', expected: 'un motif (hypothèse 1 : aucune mesure ne suit)' }],
        });
      }
    });
    return out;
  },
};

const renewalSameDecision: CrossRule<LinesState> = {
  id: 'OL16-YP-011',
  family: 'YP',
  title: {
    fr: 'Un renouvellement reprend les variables de décision de la mesure renouvelée',
    en: 'A renewal repeats the decision variables of the measure it renews',
  },
  severity: 'warning',
  scope: 'young-person',
  editions: ONLY_2016,
  validFrom: FROM_2016,
  validTo: null,
  variables: ['NUMANONYM', 'TYPEV', 'DATFIN', 'DATDEB', ...DECISION_VARIABLES_2016],
  citations: [G18('III (renouvellements : variables de décision identiques)', 6)],
  message: {
    fr: 'Renouvellement commençant le jour ou le lendemain de la fin portée par {end} mais dont les variables de décision ({keys}) diffèrent de celles de la mesure terminée.',
    en: 'Renewal starting on the day of, or the day after, the end on {end}, but whose decision variables ({keys}) differ from those of the ended measure.',
  },
  generated: false,
  examples: [
    {
      name: 'mêmes variables de décision',
      records: [
        { ...OPEN_LINE, NUMANONYM: ID, TYPEV: '3', DATFIN: '2019-06-30', MOTFININT: '1' },
        { ...OPEN_LINE, NUMANONYM: ID, TYPEV: '2', DATDECPE: '2019-06-25', DATDEB: '2019-07-01' },
      ],
      fails: false,
    },
    {
      name: 'nature différente',
      records: [
        { ...OPEN_LINE, NUMANONYM: ID2, TYPEV: '3', DATFIN: '2019-06-30', MOTFININT: '1' },
        { ...OPEN_LINE, NUMANONYM: ID2, TYPEV: '2', TYPINTERDOM: '3', DATDECPE: '2019-06-25', DATDEB: '2019-07-01' },
      ],
      fails: true,
    },
  ],
  init: linesOf,
  observe: collect,
  finish(state) {
    const out: RawFinding[] = [];
    const { lines } = state;
    const { order, days } = groupsOf(state);
    byPerson(state, isStart, (from, to) => {
      for (let i = from; i < to; i++) {
        const s = order[i]!;
        if (kindOf(lines, s) !== 2) continue;
        const start = days[lines.startDate(s)]!;
        if (start !== start) continue; // not a known full date
        // The first end of that day or the day before, and whether one of them has the same decision variables.
        let first = -1;
        let same = false;
        for (let j = from; j < to && !same; j++) {
          const e = order[j]!;
          if (kindOf(lines, e) !== 3) continue;
          const end = lines.get(e, END);
          if (end !== start && end + 1 !== start) continue;
          if (first < 0) first = e;
          same = decisionOf(lines, e) === decisionOf(lines, s);
        }
        if (first < 0 || same) continue;
        out.push({
          at: lines.ref(s),
          params: { end: placeText(lines.place(first), true), keys: DECISION_VARIABLES_2016.join(', ') },
          variables: [{ name: 'TYPEV', value: '2' }],
        });
      }
    });
    return out;
  },
};

/** The young-person rules taken from the guide. */
export const guideCrossRules: readonly CrossRule<LinesState>[] = [
  endHypotheses,
  endWithoutFollowUp,
  renewalSameDecision,
];
