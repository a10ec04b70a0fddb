/**
 * The hand-written rules on one record: variable names, dates and years, and a few coherence rules stated by
 * the guide. Each carries its citation and examples.
 *
 * @module
 */
import { sentenceStart, shownName } from '../model/index.js';
import { editionData, type EditionId } from '../nomenclature/index.js';
import { agedRecord, AUDIT, BOTH, FROM_2011, FROM_2016, G18, ONLY_2016, rule } from './rule-kit.js';
import { SKIP } from './skips.js';
import { compareDates, dayOfKnownDate, isKnownFullDate, yearOf } from './dates.js';
import { editionLayout } from './row.js';
import type { FindingVariable, RawFinding, RecordContext, RecordRule, RecordValues } from './types.js';

const dateVars = new Map<EditionId, string[]>();
export function datedVariables(edition: EditionId): string[] {
  let s = dateVars.get(edition);
  if (!s) {
    s = editionData(edition)
      .variables.filter((v) => v.type === 'date' || v.type === 'year-month')
      .map((v) => v.name);
    dateVars.set(edition, s);
  }
  return s;
}

export const ADULT_YEARS = ['ANSA1', 'ANSA2', 'ANSMERE', 'ANSPERE'] as const;

/** The variables these rules read. */
export const FREE_TEXTS = ['UTDP', 'AUTREDA', 'AUTREDJ'] as const;
const READ = ['ANAIS', 'MNAIS', 'DATDECPE', 'DATDEB', 'DATFIN', 'NATPDECADM', ...ADULT_YEARS, ...FREE_TEXTS] as const;
type ReadName = (typeof READ)[number];

/**
 * A view of the values these rules read, from the row when the edition has the variable, else from the record
 * (what `values[name]` gives): one small object per edition and line instead of name lookups in a large record.
 */
class Reads {
  private readonly at: Record<ReadName, number>;
  constructor(edition: EditionId) {
    const index = editionLayout(edition).index;
    this.at = Object.fromEntries(READ.map((n) => [n, index.get(n) ?? -1])) as Record<ReadName, number>;
  }
  get(ctx: RecordContext, name: ReadName): string | undefined {
    const i = this.at[name];
    return i >= 0 ? ctx.row[i] : ctx.values[name];
  }
}
const readsByEdition = new Map<EditionId, Reads>();
function reads(ctx: RecordContext): Reads {
  let r = readsByEdition.get(ctx.edition);
  if (!r) {
    r = new Reads(ctx.edition);
    readsByEdition.set(ctx.edition, r);
  }
  return r;
}
/** The values of some variables (as `values[name]`). */
function pick<N extends ReadName>(ctx: RecordContext, ...names: N[]): Pick<RecordValues, N> {
  const r = reads(ctx);
  const out = {} as Record<N, string | undefined>;
  for (const n of names) out[n] = r.get(ctx, n);
  return out;
}
/** The value of one variable (as `values[name]`). */
function val(ctx: RecordContext, name: ReadName): string | undefined {
  return reads(ctx).get(ctx, name);
}
export const EVENT_DATES = ['DATDECPE', 'DATDEB', 'DATFIN'] as const;

/** The first characters that make a spreadsheet read a cell as a formula, as a message shows them. */
export const FORMULA_START: Record<number, { fr: string; en: string }> = {
  0x3d: { fr: '« = »', en: '"="' },
  0x2b: { fr: '« + »', en: '"+"' },
  0x2d: { fr: '« - »', en: '"-"' },
  0x40: { fr: '« @ »', en: '"@"' },
  0x09: { fr: 'une tabulation', en: 'a tab' },
  0x0d: { fr: 'un retour chariot', en: 'a carriage return' },
};
export const DECISION_YEAR_MIN = 2000;

const BASE = {
  ...agedRecord(10),
  TYPEV: '1',
};

/** The hand-written record rules, every edition. */
export const recordRules: readonly RecordRule[] = [
  rule(
    {
      id: 'OL-VAR-001',
      family: 'VAR',
      title: { fr: 'Variable inconnue de l’édition', en: 'Variable unknown to the edition' },
      severity: 'error',
      editions: BOTH,
      validFrom: FROM_2011,
      variables: [],
      citations: [AUDIT('Variables non attendues'), { source: 'XSD20', ref: 'DONNEE' }],
      message: {
        fr: '{variable} n’est pas une variable de l’édition {edition}.',
        en: '{variable} is not a variable of the {edition} edition.',
      },
      auditSection: 'unexpected-variables',
      examples: [
        { name: 'variables connues', records: [{ SEXE: '1', ANAIS: '2005' }], fails: false },
        { name: 'variable inconnue', records: [{ SEXE: '1', NOM: 'x' }], fails: true },
      ],
    },
    (ctx) => {
      // The engine has set apart the names present with a value that are not variables of the edition.
      const extra = ctx.extra;
      if (extra === null) return null;
      let out: RawFinding[] | null = null;
      for (const key of extra) {
        // The name may be any text (a person's name used as a key or tag): capped, or only described.
        const shown = shownName(key);
        const variable = { fr: sentenceStart(shown.fr), en: sentenceStart(shown.en) };
        (out ??= []).push({ params: { variable, edition: ctx.edition }, variables: [{ name: shown.fr }] });
      }
      return out;
    },
  ),
  rule(
    {
      id: 'OL-DAT-001',
      family: 'DAT',
      title: { fr: 'Naissance avant la décision', en: 'Birth before the decision' },
      severity: 'error',
      editions: BOTH,
      validFrom: FROM_2011,
      variables: ['ANAIS', 'MNAIS', 'DATDECPE'],
      citations: [AUDIT('Dates naissances à vérifier')],
      message: {
        fr: 'La naissance ({birth}) est postérieure à la décision DATDECPE ({date}).',
        en: 'The birth ({birth}) is after the decision DATDECPE ({date}).',
      },
      auditSection: 'birth-dates',
      examples: [
        { name: 'né avant', records: [{ ANAIS: '2010', MNAIS: '04', DATDECPE: '2019-03-01' }], fails: false },
        { name: 'même mois', records: [{ ANAIS: '2019', MNAIS: '03', DATDECPE: '2019-03-01' }], fails: false },
        { name: 'né après', records: [{ ANAIS: '2019', MNAIS: '05', DATDECPE: '2019-03-01' }], fails: true },
      ],
    },
    (ctx) => {
      const ANAIS = val(ctx, 'ANAIS');
      const MNAIS = val(ctx, 'MNAIS');
      const DATDECPE = val(ctx, 'DATDECPE');
      if (ANAIS === undefined || DATDECPE === undefined) return SKIP.absent;
      const birth = `${ANAIS}-${MNAIS && MNAIS.length === 2 ? MNAIS : '99'}`;
      if (compareDates(birth, DATDECPE) !== 1) return null;
      return [
        {
          params: { birth, date: DATDECPE },
          variables: [
            { name: 'ANAIS', value: ANAIS },
            { name: 'MNAIS', value: MNAIS },
            { name: 'DATDECPE', value: DATDECPE, expected: `après ${birth}` },
          ],
        },
      ];
    },
  ),
  rule(
    {
      id: 'OL16-DAT-002',
      family: 'DAT',
      title: { fr: 'Début avant la fin', en: 'Start before the end' },
      severity: 'error',
      editions: ONLY_2016,
      validFrom: FROM_2016,
      variables: ['DATDEB', 'DATFIN'],
      citations: [G18('IV (dates de début et de fin)', 7)],
      message: {
        fr: 'La fin DATFIN ({end}) est antérieure au début DATDEB ({start}).',
        en: 'The end DATFIN ({end}) is before the start DATDEB ({start}).',
      },
      examples: [
        { name: 'dans l’ordre', records: [{ TYPEV: '3', DATDEB: '2018-01-10', DATFIN: '2019-01-09' }], fails: false },
        { name: 'même jour', records: [{ TYPEV: '3', DATDEB: '2019-01-10', DATFIN: '2019-01-10' }], fails: false },
        { name: 'fin avant début', records: [{ TYPEV: '3', DATDEB: '2019-01-10', DATFIN: '2018-12-31' }], fails: true },
      ],
    },
    (ctx) => {
      const DATDEB = val(ctx, 'DATDEB');
      const DATFIN = val(ctx, 'DATFIN');
      if (DATDEB === undefined || DATFIN === undefined) return SKIP.absent;
      if (compareDates(DATDEB, DATFIN) !== 1) return null;
      return [
        {
          params: { start: DATDEB, end: DATFIN },
          variables: [
            { name: 'DATDEB', value: DATDEB },
            { name: 'DATFIN', value: DATFIN, expected: `au plus tôt ${DATDEB}` },
          ],
        },
      ];
    },
  ),
  rule(
    {
      id: 'OL-DAT-003',
      family: 'DAT',
      title: { fr: 'Aucune date après la date d’export', en: 'No date after the export date' },
      severity: 'error',
      editions: BOTH,
      validFrom: FROM_2011,
      variables: ['(dates)'],
      citations: [AUDIT('Format des dates incorrectes')],
      message: {
        fr: '{variable} ({value}) est postérieure à la date d’export ({exportDate}).',
        en: '{variable} ({value}) is after the export date ({exportDate}).',
      },
      auditSection: 'date-format',
      examples: [
        {
          name: 'avant l’export',
          records: [{ DATDECPE: '2019-03-01' }],
          fails: false,
          options: { exportDate: '2020-03-01' },
        },
        {
          name: 'après l’export',
          records: [{ DATDECPE: '2020-03-02' }],
          fails: true,
          options: { exportDate: '2020-03-01' },
        },
      ],
    },
    (ctx) => {
      const exportDate = ctx.exportDate;
      if (exportDate === undefined) return SKIP.noExportDate;
      let out: RawFinding[] | null = null;
      const index = editionLayout(ctx.edition).index;
      for (const name of datedVariables(ctx.edition)) {
        const v = ctx.row[index.get(name)!];
        if (!v) continue;
        if (compareDates(v, exportDate) === 1) {
          (out ??= []).push({
            params: { variable: name, value: v, exportDate },
            variables: [{ name, value: v, expected: `au plus tard ${exportDate}` }],
          });
        }
      }
      return out;
    },
  ),
  rule(
    {
      id: 'OL16-DAT-004',
      family: 'DAT',
      title: { fr: 'DATFIN sans DATDEB', en: 'DATFIN without DATDEB' },
      severity: 'error',
      editions: ONLY_2016,
      validFrom: FROM_2016,
      variables: ['DATFIN', 'DATDEB'],
      citations: [AUDIT('DATFIN alors que DATDEB absent'), G18('IV (dates de début et de fin)', 7)],
      message: {
        fr: 'DATFIN ({end}) est renseignée mais DATDEB est {start}.',
        en: 'DATFIN ({end}) is filled but DATDEB is {start}.',
      },
      examples: [
        { name: 'début connu', records: [{ TYPEV: '3', DATDEB: '2018-01-10', DATFIN: '2019-01-09' }], fails: false },
        { name: 'début inconnu', records: [{ TYPEV: '3', DATDEB: '9999-99-99', DATFIN: '2019-01-09' }], fails: true },
      ],
    },
    (ctx) => {
      const DATDEB = val(ctx, 'DATDEB');
      const DATFIN = val(ctx, 'DATFIN');
      if (DATDEB === undefined || DATFIN === undefined) return SKIP.absent;
      if (DATFIN === '' || yearOf(DATFIN) === undefined) return null;
      if (DATDEB !== '' && yearOf(DATDEB) !== undefined) return null;
      const start = DATDEB === '' ? { fr: 'vide', en: 'empty' } : { fr: 'inconnue', en: 'unknown' };
      return [
        {
          params: { end: DATFIN, start },
          variables: [
            { name: 'DATDEB', value: DATDEB, expected: 'une date connue' },
            { name: 'DATFIN', value: DATFIN },
          ],
        },
      ];
    },
  ),
  rule(
    {
      id: 'OL16-DAT-005',
      family: 'DAT',
      title: { fr: 'Durée de plus de deux ans', en: 'Duration over two years' },
      severity: 'warning',
      editions: ONLY_2016,
      validFrom: FROM_2016,
      variables: ['DATDEB', 'DATFIN'],
      citations: [AUDIT('Durée excessive')],
      message: {
        fr: 'De DATDEB ({start}) à DATFIN ({end}) : {days} jours, plus de deux ans (730 jours). Contrôle issu des traitements de l’ONPE, que le guide n’énonce pas : à vérifier, ce n’est pas une erreur.',
        en: 'From DATDEB ({start}) to DATFIN ({end}): {days} days, over two years (730 days). A check from ONPE’s processing practice, not stated in the guide: to be checked, not an error.',
      },
      auditSection: 'excessive-duration',
      examples: [
        { name: 'deux ans', records: [{ TYPEV: '3', DATDEB: '2017-01-01', DATFIN: '2018-12-31' }], fails: false },
        {
          name: 'plus de deux ans',
          records: [{ TYPEV: '3', DATDEB: '2016-01-01', DATFIN: '2019-01-01' }],
          fails: true,
        },
      ],
    },
    (ctx) => {
      const DATDEB = val(ctx, 'DATDEB');
      const DATFIN = val(ctx, 'DATFIN');
      if (DATDEB === undefined || DATFIN === undefined) return SKIP.absent;
      if (!isKnownFullDate(DATDEB) || !isKnownFullDate(DATFIN)) return null;
      // Within two consecutive calendar years there are at most 730 days (2019-01-01 → 2020-12-31).
      if (yearOf(DATFIN)! - yearOf(DATDEB)! <= 1) return null;
      // Calendar days, the same in every time zone (until 2026-12 they were counted in the machine's zone, so that
      // 2016-03-26 → 2018-03-26 made 731 days in the Azores and 730 elsewhere).
      const days = dayOfKnownDate(DATFIN) - dayOfKnownDate(DATDEB);
      if (days <= 730) return null;
      return [
        {
          params: { start: DATDEB, end: DATFIN, days },
          variables: [
            { name: 'DATDEB', value: DATDEB },
            { name: 'DATFIN', value: DATFIN, expected: '730 jours au plus après DATDEB' },
          ],
        },
      ];
    },
  ),
  rule(
    {
      id: 'OL16-DAT-006',
      family: 'DAT',
      title: { fr: 'Plus de 20 ans à la décision', en: 'Over 20 at the decision' },
      severity: 'warning',
      editions: ONLY_2016,
      validFrom: FROM_2016,
      variables: ['ANAIS', 'MNAIS', 'DATDECPE', 'DATDEB'],
      citations: [
        AUDIT('Dates naissances à vérifier'),
        { source: 'D2016', ref: 'mineurs et majeurs de moins de 21 ans' },
      ],
      message: {
        fr: 'Le jeune a {age} ans à la décision ; le dispositif concerne les moins de 21 ans.',
        en: 'The young person is {age} at the decision; the scheme covers people under 21.',
      },
      auditSection: 'birth-dates',
      examples: [
        { name: '20 ans', records: [agedRecord(20)], fails: false },
        { name: '21 ans', records: [agedRecord(21)], fails: true },
      ],
    },
    (ctx) => {
      if (ctx.age === undefined) return SKIP.noAge;
      if (ctx.age <= 20) return null;
      return [
        {
          params: { age: ctx.age },
          variables: [
            { name: 'ANAIS', value: val(ctx, 'ANAIS') },
            { name: 'MNAIS', value: val(ctx, 'MNAIS') },
            { name: 'DATDECPE', value: val(ctx, 'DATDECPE') },
          ],
        },
      ];
    },
  ),
  rule(
    {
      id: 'OL-DAT-007',
      family: 'DAT',
      title: { fr: 'Année de naissance d’un adulte avant 1920', en: 'Adult born before 1920' },
      severity: 'warning',
      editions: BOTH,
      validFrom: FROM_2011,
      variables: [...ADULT_YEARS],
      citations: [AUDIT('Dates naissances à vérifier')],
      message: {
        fr: '{variable} = {value} : année de naissance antérieure à 1920. Contrôle issu des traitements de l’ONPE, que le guide n’énonce pas : à vérifier, ce n’est pas une erreur.',
        en: '{variable} = {value}: birth year before 1920. A check from ONPE’s processing practice, not stated in the guide: to be checked, not an error.',
      },
      auditSection: 'birth-dates',
      examples: [
        { name: '1975', records: [{ ANSA1: '1975' }], fails: false },
        { name: 'inconnue', records: [{ ANSMERE: '9999' }], fails: false },
        { name: '1910', records: [{ ANSA1: '1910' }], fails: true },
      ],
    },
    (ctx) => {
      let out: RawFinding[] | null = null;
      let seen = false;
      for (const name of ADULT_YEARS) {
        const v = val(ctx, name);
        if (v === undefined) continue;
        seen = true;
        const y = yearOf(v);
        if (y !== undefined && y < 1920) {
          (out ??= []).push({
            params: { variable: name, value: v },
            variables: [{ name, value: v, expected: '1920 ou après' }],
          });
        }
      }
      return seen ? out : SKIP.absent;
    },
  ),
  rule(
    {
      id: 'OL-DAT-008',
      family: 'DAT',
      title: { fr: 'Adulte né moins de 10 ans avant l’enfant', en: 'Adult born less than 10 years before the child' },
      severity: 'warning',
      editions: BOTH,
      validFrom: FROM_2011,
      variables: ['ANAIS', ...ADULT_YEARS],
      citations: [AUDIT('Dates naissances à vérifier')],
      message: {
        fr: '{variable} = {value} : moins de 10 ans avant la naissance de l’enfant (ANAIS = {birth}). Contrôle issu des traitements de l’ONPE, que le guide n’énonce pas : à vérifier, ce n’est pas une erreur.',
        en: '{variable} = {value}: less than 10 years before the child’s birth (ANAIS = {birth}). A check from ONPE’s processing practice, not stated in the guide: to be checked, not an error.',
      },
      auditSection: 'birth-dates',
      examples: [
        { name: '25 ans d’écart', records: [{ ANAIS: '2005', ANSA1: '1980' }], fails: false },
        { name: '10 ans d’écart', records: [{ ANAIS: '2005', ANSA1: '1995' }], fails: false },
        { name: '5 ans d’écart', records: [{ ANAIS: '2005', ANSA1: '2000' }], fails: true },
      ],
    },
    (ctx) => {
      const anais = val(ctx, 'ANAIS');
      const birth = yearOf(anais);
      if (anais === undefined) return SKIP.absent;
      if (birth === undefined) return null;
      let out: RawFinding[] | null = null;
      for (const name of ADULT_YEARS) {
        const v = val(ctx, name);
        const y = yearOf(v);
        if (y === undefined || v === undefined) continue;
        if (birth < y + 10) {
          (out ??= []).push({
            params: { variable: name, value: v, birth },
            variables: [
              { name, value: v, expected: `${birth - 10} ou avant` },
              { name: 'ANAIS', value: anais },
            ],
          });
        }
      }
      return out;
    },
  ),
  rule(
    {
      id: 'OL16-DAT-009',
      family: 'DAT',
      title: { fr: 'Année d’événement aberrante', en: 'Implausible event year' },
      severity: 'warning',
      editions: ONLY_2016,
      validFrom: FROM_2016,
      variables: [...EVENT_DATES],
      citations: [AUDIT('Format des dates incorrectes')],
      message: {
        fr: '{variable} = {value} : année invraisemblable (attendu entre {min} et {max}). Contrôle issu des traitements de l’ONPE, que le guide n’énonce pas : à vérifier, ce n’est pas une erreur.',
        en: '{variable} = {value}: implausible year (expected between {min} and {max}). A check from ONPE’s processing practice, not stated in the guide: to be checked, not an error.',
      },
      auditSection: 'date-format',
      examples: [
        { name: '2019', records: [{ DATDECPE: '2019-03-01' }], fails: false, options: { referenceYear: 2019 } },
        { name: '1919', records: [{ DATDECPE: '1919-03-01' }], fails: true, options: { referenceYear: 2019 } },
        { name: '2029', records: [{ DATDEB: '2029-03-01' }], fails: true, options: { referenceYear: 2019 } },
      ],
    },
    (ctx) => {
      const max = ctx.referenceYear !== undefined ? ctx.referenceYear + 1 : undefined;
      let out: RawFinding[] | null = null;
      let seen = false;
      for (const name of EVENT_DATES) {
        const v = val(ctx, name);
        if (v === undefined) continue;
        seen = true;
        const y = yearOf(v);
        if (y === undefined) continue;
        if (y < DECISION_YEAR_MIN || (max !== undefined && y > max)) {
          (out ??= []).push({
            params: { variable: name, value: v, min: DECISION_YEAR_MIN, max: max ?? '…' },
            variables: [{ name, value: v, expected: `${DECISION_YEAR_MIN}–${max ?? ''}` }],
          });
        }
      }
      return seen ? out : SKIP.absent;
    },
  ),
  rule(
    {
      id: 'OL16-DAT-010',
      family: 'DAT',
      title: { fr: 'Événement hors de l’année de référence', en: 'Event outside the reference year' },
      severity: 'error',
      editions: ONLY_2016,
      validFrom: FROM_2016,
      variables: [...EVENT_DATES],
      citations: [G18('II (champ : DATDECPE, DATDEB ou DATFIN dans l’année N)', 4), AUDIT('Evenement hors périmètre')],
      message: {
        fr: 'Aucune des dates DATDECPE ({decision}), DATDEB ({start}), DATFIN ({end}) n’est dans l’année {year}.',
        en: 'None of DATDECPE ({decision}), DATDEB ({start}), DATFIN ({end}) is in year {year}.',
      },
      auditSection: 'out-of-scope',
      examples: [
        {
          name: 'fin dans l’année',
          records: [{ DATDECPE: '2017-02-01', DATDEB: '2017-02-03', DATFIN: '2019-01-31' }],
          fails: false,
          options: { referenceYear: 2019 },
        },
        {
          name: 'hors année',
          records: [{ DATDECPE: '2017-02-01', DATDEB: '2017-02-03', DATFIN: '' }],
          fails: true,
          options: { referenceYear: 2019 },
        },
      ],
    },
    (ctx) => {
      const year = ctx.referenceYear;
      if (year === undefined) return SKIP.noReferenceYear;
      const v = pick(ctx, 'DATDECPE', 'DATDEB', 'DATFIN');
      if (v.DATDECPE === undefined && v.DATDEB === undefined && v.DATFIN === undefined) return SKIP.absent;
      let unknown = false;
      for (const name of EVENT_DATES) {
        const y = yearOf(v[name]);
        if (y === year) return null;
        if (v[name] !== undefined && v[name] !== '' && y === undefined) unknown = true;
      }
      if (unknown) return null; // an unknown year may be N: nothing can be said
      const vars: FindingVariable[] = EVENT_DATES.map((name) => ({ name, value: v[name] }));
      vars[0]!.expected = `une date de ${year} parmi DATDECPE, DATDEB, DATFIN`;
      return [
        { params: { decision: v.DATDECPE ?? '', start: v.DATDEB ?? '', end: v.DATFIN ?? '', year }, variables: vars },
      ];
    },
  ),
  rule(
    {
      id: 'OL16-COH-001',
      family: 'COH',
      title: { fr: 'NATPDECADM 19 ne doit pas être utilisé', en: 'NATPDECADM 19 must not be used' },
      severity: 'warning',
      editions: ONLY_2016,
      validFrom: FROM_2016,
      variables: ['NATPDECADM'],
      citations: [G18('V (cas particuliers des décisions)', 9)],
      message: {
        fr: 'NATPDECADM = 19 (accueil durable et bénévole chez un tiers) ne doit pas être utilisé : coder le lieu d’accueil LIEUACC = 5.',
        en: 'NATPDECADM = 19 (long-term voluntary care by a third party) must not be used: code the place as LIEUACC = 5.',
      },
      examples: [
        { name: 'accueil provisoire', records: [{ ...BASE, DECISION: '1', NATPDECADM: '11' }], fails: false },
        { name: 'code 19', records: [{ ...BASE, DECISION: '1', NATPDECADM: '19' }], fails: true },
      ],
    },
    (ctx) => {
      const v = val(ctx, 'NATPDECADM');
      if (v === undefined) return SKIP.absent;
      if (v !== '19') return null;
      return [{ params: {}, variables: [{ name: 'NATPDECADM', value: v, expected: 'un autre code (LIEUACC = 5)' }] }];
    },
  ),
  rule(
    {
      id: 'OL-COH-FORMULA',
      family: 'COH',
      title: { fr: 'Texte libre commençant comme une formule', en: 'Free text starting like a formula' },
      severity: 'warning',
      editions: BOTH,
      validFrom: FROM_2011,
      variables: [...FREE_TEXTS],
      citations: [{ source: 'OWASP', ref: 'CSV Injection (Formula Injection): cells starting with = + - @ tab CR' }],
      message: {
        fr: '{variable} commence par {start} : un tableur qui ouvre le CSV le lirait comme une formule. Le fichier de transmission garde la valeur telle quelle ; la corriger à la source si ce n’est pas voulu.',
        en: '{variable} starts with {start}: a spreadsheet opening the CSV would read it as a formula. The transmission file keeps the value as it is; correct it at the source if this is not intended.',
      },
      examples: [
        { name: 'texte ordinaire', records: [{ ...BASE, AUTREDA: 'placement chez un tiers' }], fails: false },
        { name: 'formule', records: [{ ...BASE, AUTREDA: '=HYPERLINK("http://x")' }], fails: true },
        { name: 'commande', records: [{ ...BASE, AUTREDJ: '+cmd' }], fails: true },
      ],
    },
    (ctx) => {
      let out: RawFinding[] | null = null;
      for (const name of FREE_TEXTS) {
        const v = val(ctx, name);
        if (v === undefined || v === '') continue;
        const start = FORMULA_START[v.charCodeAt(0)];
        if (start === undefined) continue;
        (out ??= []).push({
          params: { variable: name, start },
          variables: [{ name, value: `(${v.length} caractères)` }],
        });
      }
      return out;
    },
  ),
];
