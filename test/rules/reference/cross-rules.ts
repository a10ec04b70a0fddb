/**
 * Rules over several records: one young person (every line of one NUMANONYM) or the whole file. Their state
 * holds, per young person, a few short keys (never whole records), so it grows with the number of young people.
 *
 * @module
 */
import { editionData, type EditionId } from '../../../src/nomenclature/index.js';
import { shortHash } from './hash.js';
import { yearOf } from './dates.js';
import type { Citation, CrossRule, FileStats, RawFinding, RecordContext, RecordRef, RuleExample, Text } from './types.js';

const BOTH: readonly EditionId[] = ['2016', '2011'];
const ONLY_2016: readonly EditionId[] = ['2016'];
const FROM_2011 = '2011-06-01';
const FROM_2016 = '2017-01-01';
const AUDIT = (ref: string): Citation => ({ source: 'ONPE-AUDIT', ref });
const G18 = (ref: string, page: number): Citation => ({ source: 'G18', ref, page });

const ID = (c: string): string => c.repeat(40);

type Meta<S> = Omit<CrossRule<S>, 'generated' | 'validTo' | 'init' | 'observe' | 'finish'> & { validTo?: string | null };

function cross<S>(
  meta: Meta<S>,
  impl: Pick<CrossRule<S>, 'init' | 'observe' | 'finish'>,
): CrossRule<S> {
  return { validTo: null, ...meta, generated: false, ...impl };
}

/** A record of a young person for examples. */
function line(numanonym: string, values: Record<string, string>): Record<string, string> {
  return { NUMANONYM: numanonym, ...values };
}

/** One NUMANONYM must keep one value of a variable (empty and unknown values are ignored). */
function constantPerPerson(id: string, name: string, title: Text, unknown: string): CrossRule<Map<string, { value: string; ref: RecordRef; other?: { value: string; ref: RecordRef } }>> {
  return cross(
    {
      id,
      family: 'YP',
      title,
      severity: 'error',
      scope: 'young-person',
      editions: BOTH,
      validFrom: FROM_2011,
      variables: ['NUMANONYM', name],
      citations: [AUDIT('Incohérences sur le numéro d’anonymat'), G18('III (dernières valeurs connues de ANAIS, MNAIS, SEXE)', 7)],
      message: {
        fr: 'Le même NUMANONYM porte deux valeurs de {variable} : {first} (ligne {firstLine}) et {second}.',
        en: 'The same NUMANONYM carries two values of {variable}: {first} (line {firstLine}) and {second}.',
      },
      auditSection: 'id-inconsistencies',
      examples: [
        { name: 'même valeur', records: [line(ID('a'), { [name]: name === 'SEXE' ? '1' : name === 'ANAIS' ? '2005' : '03' }), line(ID('a'), { [name]: name === 'SEXE' ? '1' : name === 'ANAIS' ? '2005' : '03' })], fails: false },
        { name: 'valeur inconnue sur une ligne', records: [line(ID('a'), { [name]: name === 'SEXE' ? '1' : name === 'ANAIS' ? '2005' : '03' }), line(ID('a'), { [name]: unknown })], fails: false },
        { name: 'deux valeurs', records: [line(ID('a'), { [name]: name === 'SEXE' ? '1' : name === 'ANAIS' ? '2005' : '03' }), line(ID('a'), { [name]: name === 'SEXE' ? '2' : name === 'ANAIS' ? '2006' : '04' })], fails: true },
      ],
    },
    {
      init: () => new Map(),
      observe(state, ctx, ref) {
        const id = ctx.values.NUMANONYM;
        const v = ctx.values[name];
        if (!id || v === undefined || v === '' || v === unknown) return;
        const seen = state.get(id);
        if (!seen) state.set(id, { value: v, ref });
        else if (seen.value !== v && !seen.other) seen.other = { value: v, ref };
      },
      finish(state) {
        const out: RawFinding[] = [];
        for (const s of state.values()) {
          if (!s.other) continue;
          out.push({
            at: s.other.ref,
            params: { variable: name, first: s.value, firstLine: s.ref.line ?? s.ref.index + 1, second: s.other.value },
            variables: [{ name, value: s.other.value, expected: s.value }],
          });
        }
        return out;
      },
    },
  );
}

/** The decision variables that link an end line to its opening or renewal line (guide, III). */
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

function linkKey(values: RecordContext['values']): string {
  let k = '';
  for (const n of LINK_VARIABLES) k += `${values[n] ?? ''}|`;
  return shortHash(k);
}

/** A canonical hash of every value of a line (keys sorted), for full duplicates. */
function lineHash(values: RecordContext['values']): string {
  const keys = Object.keys(values).filter((k) => values[k] !== undefined).sort();
  let s = '';
  for (const k of keys) s += `${k}=${values[k]}\u0000`;
  return shortHash(s);
}

interface DupState {
  byPerson: Map<string, Map<string, { ref: RecordRef; full: string }>>;
  found: RawFinding[];
}

function duplicateRule(
  id: string,
  title: Text,
  section: string,
  keyVars: readonly string[],
  applies: (v: RecordContext['values']) => boolean,
  examples: RuleExample[],
  citation: Citation,
): CrossRule<DupState> {
  const full = keyVars.length === 0;
  return cross<DupState>(
    {
      id,
      family: 'YP',
      title,
      severity: 'warning',
      scope: 'young-person',
      editions: full ? BOTH : ONLY_2016,
      validFrom: full ? FROM_2011 : FROM_2016,
      variables: full ? ['(toutes)'] : ['NUMANONYM', ...keyVars],
      citations: [citation],
      message: {
        fr: `${full ? 'Ligne identique à la ligne {firstLine} (doublon).' : 'Doublon de la ligne {firstLine} : mêmes {keys}.'} Contrôle issu des traitements de l’ONPE, que le guide n’énonce pas : à vérifier, ce n’est pas une erreur.`,
        en: `${full ? 'Line identical to line {firstLine} (duplicate).' : 'Duplicate of line {firstLine}: same {keys}.'} A check from ONPE’s processing practice, not stated in the guide: to be checked, not an error.`,
      },
      auditSection: section,
      examples,
    },
    {
      init: () => ({ byPerson: new Map(), found: [] }),
      observe(state, ctx, ref) {
        const person = ctx.values.NUMANONYM;
        if (!person || !applies(ctx.values)) return;
        const f = lineHash(ctx.values);
        let key = f;
        if (!full) {
          let s = '';
          for (const n of keyVars) s += `${ctx.values[n] ?? ''}|`;
          key = shortHash(s);
        }
        let m = state.byPerson.get(person);
        if (!m) {
          m = new Map();
          state.byPerson.set(person, m);
        }
        const first = m.get(key);
        if (!first) {
          m.set(key, { ref, full: f });
          return;
        }
        // A full duplicate is reported by the full-duplicate rule only.
        if (!full && first.full === f) return;
        state.found.push({
          at: ref,
          params: { firstLine: first.ref.line ?? first.ref.index + 1, keys: keyVars.join(', ') },
          variables: full ? [] : keyVars.map((n) => ({ name: n, value: ctx.values[n] })),
        });
      },
      finish(state) {
        return state.found;
      },
    },
  );
}

const OPEN = (n: string, extra: Record<string, string> = {}): Record<string, string> =>
  line(n, {
    TYPEV: '1',
    DATDECPE: '2019-02-01',
    DECISION: '2',
    DATDEB: '2019-02-05',
    NATPDECADM: '',
    AUTREDA: '',
    NATDECASSED: '16',
    AUTREDJ: '',
    NATDECPLAC: '',
    TYPINTERDOM: '',
    TYPDECJUD: '6',
    LIEUPLAC: '',
    ...extra,
  });

interface EndState {
  openings: Map<string, Set<string>>;
  ends: Map<string, { ref: RecordRef; key: string; startYear: number | undefined; endYear: number | undefined }[]>;
}

const endWithoutOpening = cross<EndState>(
  {
    id: 'OL16-YP-004',
    family: 'YP',
    title: { fr: 'Fin sans ouverture ni renouvellement', en: 'End without an opening or renewal line' },
    severity: 'error',
    scope: 'young-person',
    editions: ONLY_2016,
    validFrom: FROM_2016,
    variables: ['NUMANONYM', 'TYPEV', ...LINK_VARIABLES],
    citations: [G18('III (variables identiques entre lignes liées)', 7), AUDIT('Record fin sans record debut associé')],
    message: {
      fr: 'Ligne de fin (TYPEV 3) sans ligne d’ouverture ou de renouvellement portant les mêmes variables de décision ({keys}).',
      en: 'End line (TYPEV 3) with no opening or renewal line carrying the same decision variables ({keys}).',
    },
    auditSection: 'end-without-opening',
    examples: [
      { name: 'ouverture puis fin', records: [OPEN(ID('b')), OPEN(ID('b'), { TYPEV: '3', DATFIN: '2019-08-01', MOTFININT: '1' })], fails: false, options: { referenceYear: 2019 } },
      { name: 'fin d’une mesure ouverte avant N', records: [OPEN(ID('b'), { TYPEV: '3', DATDECPE: '2018-02-01', DATDEB: '2018-02-05', DATFIN: '2019-08-01' })], fails: false, options: { referenceYear: 2019 } },
      { name: 'fin seule', records: [OPEN(ID('b'), { TYPEV: '3', DATFIN: '2019-08-01' })], fails: true, options: { referenceYear: 2019 } },
      { name: 'fin dont la nature diffère', records: [OPEN(ID('b')), OPEN(ID('b'), { TYPEV: '3', NATDECASSED: '11', DATFIN: '2019-08-01' })], fails: true, options: { referenceYear: 2019 } },
    ],
  },
  {
    init: () => ({ openings: new Map(), ends: new Map() }),
    observe(state, ctx, ref) {
      const person = ctx.values.NUMANONYM;
      const t = ctx.values.TYPEV;
      if (!person || (t !== '1' && t !== '2' && t !== '3')) return;
      const key = linkKey(ctx.values);
      if (t === '3') {
        const list = state.ends.get(person) ?? [];
        list.push({ ref, key, startYear: yearOf(ctx.values.DATDEB), endYear: yearOf(ctx.values.DATFIN) });
        state.ends.set(person, list);
      } else {
        const set = state.openings.get(person) ?? new Set();
        set.add(key);
        state.openings.set(person, set);
      }
    },
    finish(state, options) {
      const out: RawFinding[] = [];
      for (const [person, ends] of state.ends) {
        const opened = state.openings.get(person);
        for (const e of ends) {
          if (opened?.has(e.key)) continue;
          // An end whose start is before the reference year may have its opening in an earlier file.
          const year = options.referenceYear ?? e.endYear;
          if (e.startYear === undefined || (year !== undefined && e.startYear < year)) continue;
          out.push({ at: e.ref, params: { keys: LINK_VARIABLES.join(', ') }, variables: [{ name: 'TYPEV', value: '3' }] });
        }
      }
      return out;
    },
  },
);

const chainPerPerson = cross<Map<string, { ant: string; ref: RecordRef; other?: { ant: string; ref: RecordRef } }>>(
  {
    id: 'OL-YP-008',
    family: 'YP',
    title: { fr: 'Un NUMANONYM, deux NUMANONYMANT', en: 'One NUMANONYM, two NUMANONYMANT' },
    severity: 'error',
    scope: 'young-person',
    editions: BOTH,
    validFrom: FROM_2011,
    variables: ['NUMANONYM', 'NUMANONYMANT'],
    citations: [G18('VI (chaînage : NUMANONYMANT)', 12), AUDIT('Incohérences sur le numéro d’anonymat')],
    message: {
      fr: 'Le même NUMANONYM porte deux NUMANONYMANT différents (ligne {firstLine} et celle-ci).',
      en: 'The same NUMANONYM carries two different NUMANONYMANT (line {firstLine} and this one).',
    },
    auditSection: 'id-inconsistencies',
    examples: [
      { name: 'même chaînage', records: [line(ID('c'), { NUMANONYMANT: ID('d') }), line(ID('c'), { NUMANONYMANT: ID('d') })], fails: false },
      { name: 'deux chaînages', records: [line(ID('c'), { NUMANONYMANT: ID('d') }), line(ID('c'), { NUMANONYMANT: ID('e') })], fails: true },
    ],
  },
  {
    init: () => new Map(),
    observe(state, ctx, ref) {
      const id = ctx.values.NUMANONYM;
      const ant = ctx.values.NUMANONYMANT;
      if (!id || !ant) return;
      const s = state.get(id);
      if (!s) state.set(id, { ant, ref });
      else if (s.ant.toLowerCase() !== ant.toLowerCase() && !s.other) s.other = { ant, ref };
    },
    finish(state) {
      const out: RawFinding[] = [];
      for (const s of state.values()) {
        if (!s.other) continue;
        out.push({
          at: s.other.ref,
          params: { firstLine: s.ref.line ?? s.ref.index + 1 },
          variables: [{ name: 'NUMANONYMANT', value: s.other.ant, expected: s.ant }],
        });
      }
      return out;
    },
  },
);

const sharedPrevious = cross<Map<string, { id: string; ref: RecordRef; other?: RecordRef }>>(
  {
    id: 'OL-YP-009',
    family: 'YP',
    title: { fr: 'Un NUMANONYMANT pour deux NUMANONYM', en: 'One NUMANONYMANT for two NUMANONYM' },
    severity: 'warning',
    scope: 'file',
    editions: BOTH,
    validFrom: FROM_2011,
    variables: ['NUMANONYM', 'NUMANONYMANT'],
    citations: [G18('VI (chaînage : NUMANONYMANT)', 12), AUDIT('Incohérences sur le numéro d’anonymat')],
    message: {
      fr: 'Le même NUMANONYMANT est porté par deux NUMANONYM différents (ligne {firstLine} et celle-ci) : deux jeunes confondus l’an passé, ou une identité corrigée deux fois.',
      en: 'The same NUMANONYMANT is carried by two different NUMANONYM (line {firstLine} and this one): two young people merged last year, or an identity corrected twice.',
    },
    auditSection: 'id-inconsistencies',
    examples: [
      { name: 'chaînages distincts', records: [line(ID('c'), { NUMANONYMANT: ID('c') }), line(ID('f'), { NUMANONYMANT: ID('f') })], fails: false },
      { name: 'chaînage partagé', records: [line(ID('c'), { NUMANONYMANT: ID('d') }), line(ID('f'), { NUMANONYMANT: ID('d') })], fails: true },
    ],
  },
  {
    init: () => new Map(),
    observe(state, ctx, ref) {
      const id = ctx.values.NUMANONYM;
      const ant = ctx.values.NUMANONYMANT?.toLowerCase();
      if (!id || !ant) return;
      const s = state.get(ant);
      if (!s) state.set(ant, { id: id.toLowerCase(), ref });
      else if (s.id !== id.toLowerCase() && !s.other) s.other = ref;
    },
    finish(state) {
      const out: RawFinding[] = [];
      for (const s of state.values()) {
        if (!s.other) continue;
        out.push({ at: s.other, params: { firstLine: s.ref.line ?? s.ref.index + 1 }, variables: [{ name: 'NUMANONYMANT' }] });
      }
      return out;
    },
  },
);

function fileRule(
  id: string,
  title: Text,
  message: Text,
  section: string,
  test: (c: { present: number; empty: number; unknown: number }) => boolean,
  examples: RuleExample[],
  citation: Citation,
): CrossRule<null> {
  return cross(
    {
      id,
      family: 'FILE',
      title,
      severity: 'warning',
      scope: 'file',
      editions: BOTH,
      validFrom: FROM_2011,
      variables: ['(toutes)'],
      citations: [citation],
      message,
      auditSection: section,
      examples,
    },
    {
      init: () => null,
      observe: () => undefined,
      finish(_state, options, stats: FileStats) {
        if (stats.records === 0) return { skip: 'no-records' };
        const out: RawFinding[] = [];
        for (const v of editionData(options.edition).variables) {
          if (v.name === 'UTDP') continue; // sent to the ODPE only
          const c = stats.columns.get(v.name) ?? { present: 0, empty: 0, unknown: 0 };
          if (test(c)) out.push({ key: v.name, params: { variable: v.name, lines: stats.records }, variables: [{ name: v.name }] });
        }
        return out;
      },
    },
  );
}

const FULL = (edition: EditionId): Record<string, string> => {
  const r: Record<string, string> = {};
  for (const v of editionData(edition).variables) r[v.name] = '';
  return r;
};

/** Every cross-record rule, every edition. */
export const crossRules: readonly CrossRule<any>[] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  constantPerPerson('OL-YP-001', 'SEXE', { fr: 'Un NUMANONYM, un seul SEXE', en: 'One NUMANONYM, one SEXE' }, '9'),
  constantPerPerson('OL-YP-002', 'ANAIS', { fr: 'Un NUMANONYM, une seule ANAIS', en: 'One NUMANONYM, one ANAIS' }, '9999'),
  constantPerPerson('OL-YP-003', 'MNAIS', { fr: 'Un NUMANONYM, un seul MNAIS', en: 'One NUMANONYM, one MNAIS' }, '99'),
  endWithoutOpening,
  duplicateRule(
    'OL-YP-005',
    { fr: 'Doublon complet', en: 'Full duplicate' },
    'duplicates',
    [],
    () => true,
    [
      { name: 'lignes différentes', records: [OPEN(ID('a')), OPEN(ID('a'), { TYPEV: '2', DATDECPE: '2019-08-01' })], fails: false },
      { name: 'lignes identiques', records: [OPEN(ID('a')), OPEN(ID('a'))], fails: true },
    ],
    AUDIT('Doublons'),
  ),
  duplicateRule(
    'OL16-YP-006',
    { fr: 'Doublon administratif', en: 'Administrative duplicate' },
    'duplicates-administrative',
    ['TYPEV', 'NATPDECADM', 'DATDECPE', 'LIEUACC', 'TYPINTERDOM'],
    (v) => !!v.NATPDECADM,
    [
      { name: 'lieux différents', records: [OPEN(ID('a'), { DECISION: '1', NATPDECADM: '11', NATDECASSED: '', LIEUACC: '1' }), OPEN(ID('a'), { DECISION: '1', NATPDECADM: '11', NATDECASSED: '', LIEUACC: '2' })], fails: false },
      { name: 'mêmes clés, début différent', records: [OPEN(ID('a'), { DECISION: '1', NATPDECADM: '11', NATDECASSED: '', LIEUACC: '1' }), OPEN(ID('a'), { DECISION: '1', NATPDECADM: '11', NATDECASSED: '', LIEUACC: '1', DATDEB: '2019-03-01' })], fails: true },
    ],
    AUDIT('Doublons administratifs'),
  ),
  duplicateRule(
    'OL16-YP-007',
    { fr: 'Doublon judiciaire', en: 'Judicial duplicate' },
    'duplicates-judicial',
    ['TYPEV', 'NATDECASSED', 'DATDECPE', 'LIEUPLAC', 'TYPDECJUD'],
    (v) => !!v.NATDECASSED,
    [
      { name: 'dates différentes', records: [OPEN(ID('a')), OPEN(ID('a'), { DATDECPE: '2019-04-01' })], fails: false },
      { name: 'mêmes clés, début différent', records: [OPEN(ID('a')), OPEN(ID('a'), { DATDEB: '2019-03-01' })], fails: true },
    ],
    AUDIT('Doublons judiciaires'),
  ),
  chainPerPerson,
  sharedPrevious,
  fileRule(
    'OL-FILE-001',
    { fr: 'Variable absente du fichier', en: 'Variable absent from the file' },
    {
      fr: '{variable} est absente du fichier (aucune des {lines} lignes ne la porte).',
      en: '{variable} is absent from the file (none of the {lines} lines carries it).',
    },
    'absent-variables',
    (c) => c.present === 0,
    [
      { name: 'toutes présentes (2016)', records: [FULL('2016')], fails: false, edition: '2016' },
      { name: 'toutes présentes (2011)', records: [FULL('2011')], fails: false, edition: '2011' },
      { name: 'une seule variable', records: [{ SEXE: '1' }], fails: true },
    ],
    AUDIT('Variables absentes'),
  ),
  fileRule(
    'OL-FILE-002',
    { fr: 'Variable toujours vide', en: 'Variable always empty' },
    {
      fr: '{variable} est vide sur chaque ligne où elle figure.',
      en: '{variable} is empty on every line that carries it.',
    },
    'always-empty',
    (c) => c.present > 0 && c.empty === c.present,
    [
      { name: 'renseignée une fois', records: [{ SEXE: '1' }, { SEXE: '' }], fails: false },
      { name: 'toujours vide', records: [{ SEXE: '' }, { SEXE: '' }], fails: true },
    ],
    AUDIT('Variables vides'),
  ),
  fileRule(
    'OL-FILE-003',
    { fr: 'Variable toujours « ne sait pas »', en: 'Variable always "unknown"' },
    {
      fr: '{variable} vaut « ne sait pas » sur chaque ligne où elle est renseignée.',
      en: '{variable} is "unknown" on every line where it is filled.',
    },
    'always-unknown',
    (c) => c.present > c.empty && c.unknown === c.present - c.empty,
    [
      { name: 'une valeur connue', records: [{ SEXE: '9' }, { SEXE: '1' }], fails: false },
      { name: 'toujours ne sait pas', records: [{ SEXE: '9' }, { SEXE: '' }, { SEXE: '9' }], fails: true },
    ],
    AUDIT('Variables toujours codées en Ne Sais Pas'),
  ),
];
