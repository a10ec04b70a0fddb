/**
 * Rules over several records: one young person (every line of one NUMANONYM) or the whole file. Their state
 * holds, per young person, a few short keys (never whole records), so it grows with the number of young people.
 *
 * @module
 */
import { editionData, LINK_VARIABLES, type EditionId } from '../nomenclature/index.js';
import { detach } from '../_lib/detach.js';
import { StreamHash } from './hash.js';
import { NumberColumn, PersonKeySet, PseudonymIndex, SmallNumberColumn, compactId, expandId } from './person-tables.js';
import { editionLayout } from './row.js';
import { yearOf } from './dates.js';
import { placeOf, placeText } from './messages.js';
import { AUDIT, BOTH, cross, FROM_2011, FROM_2016, G18, ONLY_2016 } from './rule-kit.js';
import type {
  Citation,
  CrossRule,
  FileStats,
  RawFinding,
  RecordContext,
  RecordRef,
  ResolvedOptions,
  RuleExample,
  Text,
} from './types.js';

const ID = (c: string): string => c.repeat(40);

/** A record of a young person for examples. */
function line(numanonym: string, values: Record<string, string>): Record<string, string> {
  return { NUMANONYM: numanonym, ...values };
}

/** The first position of a young person's value, in numbers; the second value found, rarely, as a record. */
interface ConstantState {
  /** Value per person, as its number in `values` (a variable has a handful of distinct values); -1 when none. */
  first: SmallNumberColumn;
  values: string[];
  firstLine: FirstLines;
  pool: Map<string, number>;
  other: Map<number, { value: string; ref: RecordRef }>;
  /** Row position of the variable. */
  at: number;
}

/**
 * Each young person's first line, one column per run shared by OL-YP-001/002/003 (`FirstLines`), as the engine
 * inits them with one options object (its mode without shortcuts gives each rule a copy: a column each).
 */
const personFirstByRun = new WeakMap<ResolvedOptions, NumberColumn>();

/**
 * The place of the line where each young person first had a known value, for OL-YP-001/002/003: nearly always that
 * person's first line, so the rules share one column of first lines (fed by {@link see} on each line the rule sees)
 * and each keeps aside only the places that differ (issue 16, memory: one column of 4 bytes a person instead of
 * three). Exact: a place is stored either way, only where it is stored changes.
 */
class FirstLines {
  private readonly differ = new Map<number, number>();
  private readonly personFirst: NumberColumn;

  constructor(o: ResolvedOptions) {
    let column = personFirstByRun.get(o);
    if (column === undefined) {
      column = new NumberColumn();
      personFirstByRun.set(o, column);
    }
    this.personFirst = column;
  }

  /** Notes a line of a person (every line the rule sees for them, first thing); places are never 0. */
  see(person: number, place: number): void {
    if (this.personFirst.get(person) === 0) this.personFirst.set(person, place);
  }

  /** Sets a person's place (after {@link see} on that line). */
  set(person: number, place: number): void {
    if (place !== this.personFirst.get(person)) this.differ.set(person, place);
  }

  /** A person's place (one that was {@link set}). */
  get(person: number): number {
    return this.differ.get(person) ?? this.personFirst.get(person);
  }
}

/** The number of a value in a state's list of distinct values (added when new). */
function valueNumber(state: { pool: Map<string, number>; values: string[] }, v: string): number {
  const known = state.pool.get(v);
  if (known !== undefined) return known;
  const n = state.values.length;
  state.values.push(v);
  state.pool.set(v, n);
  return n;
}

/**
 * Young people in the order of the line first seen for them. The engine sorts findings by record position; this
 * order only decides between findings of one rule on records given the same position (a caller's own numbering).
 */
function byFirstLine(persons: Iterable<number>, firstLine: { get(person: number): number }): number[] {
  return [...persons].sort((a, b) => Math.abs(firstLine.get(a)) - Math.abs(firstLine.get(b)) || a - b);
}

/** A copy of a record reference to keep until the end of a run (plain data: it holds no record). */
function kept(ref: RecordRef): RecordRef {
  return { index: ref.index, line: ref.line, numanonym: ref.numanonym, key: ref.key };
}

/** Row positions of some variables in an edition (-1 for a name it does not have). */
function positions(edition: EditionId, names: readonly string[]): number[] {
  const index = editionLayout(edition).index;
  return names.map((n) => index.get(n) ?? -1);
}

/** A variable's value: from the row when the edition has it, else from the record (as `values[name]`). */
function valueAt(ctx: RecordContext, at: number, name: string): string | undefined {
  return at >= 0 ? ctx.row[at] : ctx.values[name];
}

/** One NUMANONYM must keep one value of a variable (empty and unknown values are ignored). */
function constantPerPerson(id: string, name: string, title: Text, unknown: string): CrossRule<ConstantState> {
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
      citations: [
        AUDIT('Incohérences sur le numéro d’anonymat'),
        G18('III (dernières valeurs connues de ANAIS, MNAIS, SEXE)', 7),
      ],
      message: {
        fr: 'Le même NUMANONYM porte deux valeurs de {variable} : {first} ({firstAt}) et {second}.',
        en: 'The same NUMANONYM carries two values of {variable}: {first} ({firstAt}) and {second}.',
      },
      auditSection: 'id-inconsistencies',
      examples: [
        {
          name: 'même valeur',
          records: [
            line(ID('a'), { [name]: name === 'SEXE' ? '1' : name === 'ANAIS' ? '2005' : '03' }),
            line(ID('a'), { [name]: name === 'SEXE' ? '1' : name === 'ANAIS' ? '2005' : '03' }),
          ],
          fails: false,
        },
        {
          name: 'valeur inconnue sur une ligne',
          records: [
            line(ID('a'), { [name]: name === 'SEXE' ? '1' : name === 'ANAIS' ? '2005' : '03' }),
            line(ID('a'), { [name]: unknown }),
          ],
          fails: false,
        },
        {
          name: 'deux valeurs',
          records: [
            line(ID('a'), { [name]: name === 'SEXE' ? '1' : name === 'ANAIS' ? '2005' : '03' }),
            line(ID('a'), { [name]: name === 'SEXE' ? '2' : name === 'ANAIS' ? '2006' : '04' }),
          ],
          fails: true,
        },
      ],
    },
    {
      init: (o) => ({
        first: new SmallNumberColumn(),
        values: [],
        firstLine: new FirstLines(o),
        pool: new Map(),
        other: new Map(),
        at: positions(o.edition, [name])[0]!,
      }),
      observe(state, ctx, ref) {
        const person = ctx.person;
        if (person < 0) return;
        const place = placeOf(ref);
        state.firstLine.see(person, place);
        const v = valueAt(ctx, state.at, name);
        if (v === undefined || v === '' || v === unknown) return;
        const seen = state.first.get(person);
        if (seen < 0) {
          state.first.set(person, valueNumber(state, v));
          state.firstLine.set(person, place);
        } else if (state.values[seen] !== v && !state.other.has(person))
          state.other.set(person, { value: v, ref: kept(ref) });
      },
      finish(state) {
        const out: RawFinding[] = [];
        for (const person of byFirstLine(state.other.keys(), state.firstLine)) {
          const o = state.other.get(person)!;
          const first = state.values[state.first.get(person)]!;
          out.push({
            at: o.ref,
            params: { variable: name, first, firstAt: placeText(state.firstLine.get(person)), second: o.value },
            variables: [{ name, value: o.value, expected: first }],
          });
        }
        return out;
      },
    },
  );
}

const hasher = new StreamHash();
const lineHasher = new StreamHash();

/** The hash of some variables' values (that of the string `v1|v2|…|`), read at their row positions. */
function keyHash(ctx: RecordContext, at: readonly number[], names: readonly string[]): number {
  hasher.reset();
  for (let k = 0; k < names.length; k++) {
    const v = valueAt(ctx, at[k]!, names[k]!);
    if (v !== undefined) hasher.string(v);
    hasher.char(124); // |
  }
  return hasher.value();
}

/** Row position of NUMANONYM per edition (left out of the whole-line hash: see {@link fullHash}). */
const numanonymAt = new Map<EditionId, number>();

/**
 * A hash of every value of a line, whatever the order of its keys (for full duplicates): computed once per line
 * and shared by the three duplicate rules. Each present variable feeds its position and length, then its
 * characters two at a time (`StreamHash.pairs`); names outside the edition feed their name too, in sorted order.
 * NUMANONYM is left out: the duplicate rules key each hash with the young person's number (`ctx.person`), one
 * number per NUMANONYM exactly as written, so the pseudonym's 40 characters would tell nothing more. The mixing is
 * {@link StreamHash}'s (src/rules/hash.ts, the one cyrb53 of the library). Guarded by
 * test/rules/duplicates.test.ts (property: OL-YP-005 reports a line exactly when an earlier line of the same
 * NUMANONYM holds the same values).
 */
function fullHash(ctx: RecordContext): number {
  const known = ctx.shared.fullHash;
  if (known !== undefined) return known;
  let skip = numanonymAt.get(ctx.edition);
  if (skip === undefined) {
    skip = editionLayout(ctx.edition).index.get('NUMANONYM') ?? -1;
    numanonymAt.set(ctx.edition, skip);
  }
  const h = lineHasher.reset();
  // Each present value's position (< 2^12) and length as one unit, then its characters (StreamHash.row).
  h.row(ctx.row, skip);
  if (ctx.extra !== null) {
    for (const n of [...ctx.extra].sort()) {
      const v = ctx.values[n]!;
      for (const text of [n, v]) {
        h.char(-0x7fffffff ^ text.length);
        h.pairs(text);
      }
    }
  }
  const value = h.value();
  ctx.shared.fullHash = value;
  return value;
}

/**
 * Why OL16-YP-006/007 keep the whole-line hash of each key's first line (8 bytes an entry) rather than asking
 * OL-YP-005's set of whole-line hashes (issue 16, memory): "this line is a full duplicate of the key's first line"
 * holds exactly when the first line of this line's hash is the key's first line, but the two sets can only name a
 * line by its place (`placeOf`), and several records share a place when a file puts them on one line (a one-line
 * XML export, checked by hand: every record is "ligne 1"): a line repeating a later line of its key (A, B, B' with
 * one key, B' = B) would then be taken for a repeat of A and dropped. Naming lines by `ref.index` instead needs a
 * place per index for the messages, which costs about what it saves. Left as is until a line has a unique number.
 */
interface DupState {
  /** (person, key) → first line, full hash of that line. */
  seen: PersonKeySet;
  found: RawFinding[];
  /** Row positions of the key variables, and of the variable that must be filled for the rule to apply. */
  at: number[];
  appliesAt: number;
}

function duplicateRule(
  id: string,
  title: Text,
  section: string,
  keyVars: readonly string[],
  /** The rule applies to lines where this variable is filled (null: every line). */
  appliesTo: string | null,
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
        fr: `${full ? 'Identique à {firstAt} (doublon).' : 'Doublon de {firstAt} : mêmes {keys}.'} Contrôle issu des traitements de l’ONPE, que le guide n’énonce pas : à vérifier, ce n’est pas une erreur.`,
        en: `${full ? 'Identical to {firstAt} (duplicate).' : 'Duplicate of {firstAt}: same {keys}.'} A check from ONPE’s processing practice, not stated in the guide: to be checked, not an error.`,
      },
      auditSection: section,
      examples,
    },
    {
      init: (o) => ({
        seen: new PersonKeySet(full ? 1 : 2),
        found: [],
        at: positions(o.edition, keyVars),
        appliesAt: appliesTo === null ? -1 : positions(o.edition, [appliesTo])[0]!,
      }),
      observe(state, ctx, ref) {
        const person = ctx.person;
        if (person < 0 || (appliesTo !== null && !valueAt(ctx, state.appliesAt, appliesTo))) return;
        const f = fullHash(ctx);
        const key = full ? f : keyHash(ctx, state.at, keyVars);
        const slot = state.seen.find(person, key);
        if (slot < 0) {
          state.seen.add(person, key, placeOf(ref), f);
          return;
        }
        // A full duplicate is reported by the full-duplicate rule only.
        if (!full && state.seen.bAt(slot) === f) return;
        state.found.push({
          at: kept(ref),
          params: { firstAt: placeText(state.seen.aAt(slot), true), keys: keyVars.join(', ') },
          variables: full ? [] : keyVars.map((n, k) => ({ name: n, value: valueAt(ctx, state.at[k]!, n) })),
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
  /** (person, link hash) of every opening or renewal line. */
  openings: PersonKeySet;
  /** Ends that may still have no opening (the others are settled when seen), in the order seen. */
  pending: { ref: RecordRef; person: number; key: number }[];
  /** Row positions of the link variables. */
  at: number[];
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
      {
        name: 'ouverture puis fin',
        records: [OPEN(ID('b')), OPEN(ID('b'), { TYPEV: '3', DATFIN: '2019-08-01', MOTFININT: '1' })],
        fails: false,
        options: { referenceYear: 2019 },
      },
      {
        name: 'fin d’une mesure ouverte avant N',
        records: [OPEN(ID('b'), { TYPEV: '3', DATDECPE: '2018-02-01', DATDEB: '2018-02-05', DATFIN: '2019-08-01' })],
        fails: false,
        options: { referenceYear: 2019 },
      },
      {
        name: 'fin seule',
        records: [OPEN(ID('b'), { TYPEV: '3', DATFIN: '2019-08-01' })],
        fails: true,
        options: { referenceYear: 2019 },
      },
      {
        name: 'fin dont la nature diffère',
        records: [OPEN(ID('b')), OPEN(ID('b'), { TYPEV: '3', NATDECASSED: '11', DATFIN: '2019-08-01' })],
        fails: true,
        options: { referenceYear: 2019 },
      },
    ],
  },
  {
    init: (o) => ({ openings: new PersonKeySet(0), pending: [], at: positions(o.edition, LINK_VARIABLES) }),
    observe(state, ctx, ref) {
      const person = ctx.person;
      const t = ctx.values.TYPEV;
      if (person < 0 || (t !== '1' && t !== '2' && t !== '3')) return;
      const key = keyHash(ctx, state.at, LINK_VARIABLES);
      if (t === '3') {
        // Settled now when its opening was already seen (openings are only added) or when it cannot be reported.
        if (state.openings.find(person, key) >= 0) return;
        const startYear = yearOf(ctx.values.DATDEB);
        const year = ctx.referenceYear ?? yearOf(ctx.values.DATFIN);
        if (startYear === undefined || (year !== undefined && startYear < year)) return;
        state.pending.push({ ref: kept(ref), person, key });
      } else {
        state.openings.add(person, key, 0, 0);
      }
    },
    finish(state) {
      const out: RawFinding[] = [];
      for (const e of state.pending) {
        if (state.openings.find(e.person, e.key) >= 0) continue;
        out.push({
          at: e.ref,
          params: { keys: LINK_VARIABLES.join(', ') },
          variables: [{ name: 'TYPEV', value: '3' }],
        });
      }
      return out;
    },
  },
);

/**
 * The NUMANONYMANT of a run in lower case, numbered as first seen (160 bits each, `PseudonymIndex`): one index for
 * the two rules on them (OL-YP-008, OL-YP-009), as the engine inits both with one options object (its mode without
 * shortcuts, with a copy each: an index each). Every line's NUMANONYMANT is numbered (added when new) by the first
 * of the two rules that sees it, and the other takes that number (`numberOf`, which remembers the last text): one
 * reading of the 40 digits a line instead of two, and no lower-case copy (`PseudonymIndex.addLower`). The numbering is then the same whichever of
 * the rules run: OL-YP-008 only compares numbers with each other and reads a young person's first one back.
 */
class Ants {
  readonly index = new PseudonymIndex();
  /** The text last numbered and its number (a text's number never changes: the cache needs no line). */
  private raw: string | undefined;
  private number = -1;
  /** How that NUMANONYMANT is written (`PseudonymIndex.tag`: 1 lower case, 2 upper case, 0 another text). */
  tag = 0;

  /** The number of a NUMANONYMANT in lower case, given now when new. */
  numberOf(raw: string): number {
    if (raw === this.raw) return this.number;
    this.raw = raw;
    this.number = this.index.addLower(raw);
    this.tag = this.index.tag;
    return this.number;
  }
}

const antsByRun = new WeakMap<ResolvedOptions, Ants>();
function antsOf(o: ResolvedOptions): Ants {
  let ants = antsByRun.get(o);
  if (ants === undefined) {
    ants = new Ants();
    antsByRun.set(o, ants);
  }
  return ants;
}

/** How a young person's first NUMANONYMANT is written, from its lower case (`ChainState.written`). */
const AS_LOWER = 0;
const AS_UPPER = 1;
/** Neither: the text is kept aside. */
const ASIDE = 2;

interface ChainState {
  ants: Ants;
  /** Per person: the number of their first NUMANONYMANT in lower case (`ants`), -1 when none. */
  first: NumberColumn;
  /** Per person: how the first NUMANONYMANT is written (AS_LOWER, AS_UPPER, ASIDE), and the texts aside. */
  written: SmallNumberColumn;
  aside: Map<number, string>;
  firstLine: NumberColumn;
  other: Map<number, { ant: string; ref: RecordRef }>;
}

const chainPerPerson = cross<ChainState>(
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
      fr: 'Le même NUMANONYM porte deux NUMANONYMANT différents ({firstAt} et celle-ci).',
      en: 'The same NUMANONYM carries two different NUMANONYMANT ({firstAt} and this one).',
    },
    auditSection: 'id-inconsistencies',
    examples: [
      {
        name: 'même chaînage',
        records: [line(ID('c'), { NUMANONYMANT: ID('d') }), line(ID('c'), { NUMANONYMANT: ID('d') })],
        fails: false,
      },
      {
        name: 'deux chaînages',
        records: [line(ID('c'), { NUMANONYMANT: ID('d') }), line(ID('c'), { NUMANONYMANT: ID('e') })],
        fails: true,
      },
    ],
  },
  {
    init: (o) => ({
      ants: antsOf(o),
      first: new NumberColumn(-1),
      written: new SmallNumberColumn(),
      aside: new Map(),
      firstLine: new NumberColumn(),
      other: new Map(),
    }),
    observe(state, ctx, ref) {
      const person = ctx.person;
      const ant = ctx.values.NUMANONYMANT;
      if (person < 0 || !ant) return;
      const first = state.first.get(person);
      const n = state.ants.numberOf(ant);
      if (first < 0) {
        state.first.set(person, n);
        // How the text is written (its case as read when numbered), else compared with its lower case.
        const tag = state.ants.tag;
        let how = tag === 1 ? AS_LOWER : AS_UPPER;
        if (tag === 0) {
          const lower = ant.toLowerCase();
          how = ant === lower ? AS_LOWER : ant === lower.toUpperCase() ? AS_UPPER : ASIDE;
        }
        state.written.set(person, how);
        if (how === ASIDE) state.aside.set(person, detach(ant));
        state.firstLine.set(person, placeOf(ref));
      } else if (!state.other.has(person) && n !== first) {
        state.other.set(person, { ant: compactId(ant), ref: kept(ref) });
      }
    },
    finish(state) {
      const out: RawFinding[] = [];
      for (const person of byFirstLine(state.other.keys(), state.firstLine)) {
        const o = state.other.get(person)!;
        const lower = state.ants.index.textOf(state.first.get(person))!;
        const how = state.written.get(person);
        const expected = how === AS_LOWER ? lower : how === AS_UPPER ? lower.toUpperCase() : state.aside.get(person)!;
        out.push({
          at: o.ref,
          params: { firstAt: placeText(state.firstLine.get(person)) },
          variables: [{ name: 'NUMANONYMANT', value: expandId(o.ant), expected }],
        });
      }
      return out;
    },
  },
);

interface SharedState {
  /** Lower-case NUMANONYMANT → slot (`antsOf`: shared with OL-YP-008). */
  slots: Ants;
  /** The young person (RecordContext.personLower) of each slot's first line. */
  ids: NumberColumn;
  firstLine: NumberColumn;
  other: Map<number, RecordRef>;
  /**
   * The young person and NUMANONYMANT of the last line looked up: the same pair again changes nothing (the slot's
   * first pseudonym and its second one are already settled), so a young person's next lines are not looked up again.
   */
  lastPerson: number;
  lastAnt: string | undefined;
}

const sharedPrevious = cross<SharedState>(
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
      fr: 'Le même NUMANONYMANT est porté par deux NUMANONYM différents ({firstAt} et celle-ci) : deux jeunes confondus l’an passé, ou une identité corrigée deux fois.',
      en: 'The same NUMANONYMANT is carried by two different NUMANONYM ({firstAt} and this one): two young people merged last year, or an identity corrected twice.',
    },
    auditSection: 'id-inconsistencies',
    examples: [
      {
        name: 'chaînages distincts',
        records: [line(ID('c'), { NUMANONYMANT: ID('c') }), line(ID('f'), { NUMANONYMANT: ID('f') })],
        fails: false,
      },
      {
        name: 'chaînage partagé',
        records: [line(ID('c'), { NUMANONYMANT: ID('d') }), line(ID('f'), { NUMANONYMANT: ID('d') })],
        fails: true,
      },
    ],
  },
  {
    init: (o) => ({
      slots: antsOf(o),
      ids: new NumberColumn(-1),
      firstLine: new NumberColumn(),
      other: new Map(),
      lastPerson: -1,
      lastAnt: undefined,
    }),
    observe(state, ctx, ref) {
      const id = ctx.values.NUMANONYM;
      const raw = ctx.values.NUMANONYMANT;
      if (!id || !raw) return;
      const person = ctx.person;
      if (state.lastPerson === person && state.lastAnt === raw) return;
      state.lastPerson = person;
      state.lastAnt = raw;
      const slot = state.slots.numberOf(raw);
      // Pseudonyms equal but for case are one young person (personLower), as lower-cased ids were compared. The
      // slots are shared with OL-YP-008: a slot is new to this rule when it has no young person yet.
      if (state.ids.get(slot) < 0) {
        state.ids.set(slot, ctx.personLower);
        state.firstLine.set(slot, placeOf(ref));
      } else if (!state.other.has(slot) && state.ids.get(slot) !== ctx.personLower) state.other.set(slot, kept(ref));
    },
    finish(state) {
      const out: RawFinding[] = [];
      const slots = [...state.other.keys()].sort((a, b) => a - b);
      for (const slot of slots) {
        out.push({
          at: state.other.get(slot)!,
          params: { firstAt: placeText(state.firstLine.get(slot)) },
          variables: [{ name: 'NUMANONYMANT' }],
        });
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
          if (test(c))
            out.push({
              key: v.name,
              params: { variable: v.name, lines: stats.records },
              variables: [{ name: v.name }],
            });
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
export const crossRules: readonly CrossRule<any>[] = [
  // eslint-disable-line @typescript-eslint/no-explicit-any
  constantPerPerson('OL-YP-001', 'SEXE', { fr: 'Un NUMANONYM, un seul SEXE', en: 'One NUMANONYM, one SEXE' }, '9'),
  constantPerPerson(
    'OL-YP-002',
    'ANAIS',
    { fr: 'Un NUMANONYM, une seule ANAIS', en: 'One NUMANONYM, one ANAIS' },
    '9999',
  ),
  constantPerPerson('OL-YP-003', 'MNAIS', { fr: 'Un NUMANONYM, un seul MNAIS', en: 'One NUMANONYM, one MNAIS' }, '99'),
  endWithoutOpening,
  duplicateRule(
    'OL-YP-005',
    { fr: 'Doublon complet', en: 'Full duplicate' },
    'duplicates',
    [],
    null,
    [
      {
        name: 'lignes différentes',
        records: [OPEN(ID('a')), OPEN(ID('a'), { TYPEV: '2', DATDECPE: '2019-08-01' })],
        fails: false,
      },
      { name: 'lignes identiques', records: [OPEN(ID('a')), OPEN(ID('a'))], fails: true },
    ],
    AUDIT('Doublons'),
  ),
  duplicateRule(
    'OL16-YP-006',
    { fr: 'Doublon administratif', en: 'Administrative duplicate' },
    'duplicates-administrative',
    ['TYPEV', 'NATPDECADM', 'DATDECPE', 'LIEUACC', 'TYPINTERDOM'],
    'NATPDECADM',
    [
      {
        name: 'lieux différents',
        records: [
          OPEN(ID('a'), { DECISION: '1', NATPDECADM: '11', NATDECASSED: '', LIEUACC: '1' }),
          OPEN(ID('a'), { DECISION: '1', NATPDECADM: '11', NATDECASSED: '', LIEUACC: '2' }),
        ],
        fails: false,
      },
      {
        name: 'mêmes clés, début différent',
        records: [
          OPEN(ID('a'), { DECISION: '1', NATPDECADM: '11', NATDECASSED: '', LIEUACC: '1' }),
          OPEN(ID('a'), { DECISION: '1', NATPDECADM: '11', NATDECASSED: '', LIEUACC: '1', DATDEB: '2019-03-01' }),
        ],
        fails: true,
      },
    ],
    AUDIT('Doublons administratifs'),
  ),
  duplicateRule(
    'OL16-YP-007',
    { fr: 'Doublon judiciaire', en: 'Judicial duplicate' },
    'duplicates-judicial',
    ['TYPEV', 'NATDECASSED', 'DATDECPE', 'LIEUPLAC', 'TYPDECJUD'],
    'NATDECASSED',
    [
      { name: 'dates différentes', records: [OPEN(ID('a')), OPEN(ID('a'), { DATDECPE: '2019-04-01' })], fails: false },
      {
        name: 'mêmes clés, début différent',
        records: [OPEN(ID('a')), OPEN(ID('a'), { DATDEB: '2019-03-01' })],
        fails: true,
      },
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
