/**
 * ONPE's audit sections computed as ONPE intends them (its bugs fixed, see onpe-discrepancies.ts), in one pass
 * over the records. Each section counts ONPE's unit (variables, lines, findings, messages) under ONPE's condition;
 * what the guide says a value means (absent = empty, "ne sait pas", invalid) comes from the nomenclature.
 *
 * Memory grows with the lines (a few numbers per line for the sections that need the reference year, which may be
 * inferred only at the end) and with the items listed; records themselves are not kept.
 *
 * @module
 */
import {
  editionData,
  evaluateCondition,
  conditionVariables,
  LINK_VARIABLES,
  type AgeBand,
  type EditionId,
  type VariableDef,
} from '../nomenclature/index.js';
import { ageOf } from './age.js';
import { dayOfKnownDate, isKnownFullDate, yearOf } from './dates.js';
import { shortHash } from './hash.js';
import { capValue } from '../model/index.js';
import { AUDIT_MISSING_DECISION, AUDIT_MISSING_EVENT } from './audit-lists.js';
import { formatSpec, isValidFullDate, passesFormat, shownValue, type FormatSpec } from './value-formats.js';
import type { RecordValues, Text } from './types.js';
import { placeOf, placeText } from './messages.js';

/** One item of a section: a variable, a pseudonym and line, or a value with its count. */
export interface AuditItem {
  variable?: string;
  numanonym?: string;
  line?: number;
  index?: number;
  value?: string;
  count?: number;
  /** Distinct young people (decision years). */
  people?: number;
  /** What is wrong, in a few words (the expected value, the other line…), in French and English. */
  detail?: Text;
  ruleId?: string;
}

/** Where a line is: its line number in the file when known, its position otherwise. */
export interface LineRef {
  line?: number;
  index: number;
  numanonym?: string;
}

/** A detail that reads the same in both languages (codes, dates, variable names). */
function same(text: string): Text {
  return { fr: text, en: text };
}

/** An age (at DATDECPE, else DATDEB) as a detail: "23 ans" / "23 years old". */
function ageText(age: number): Text {
  return { fr: `${age} ans`, en: `${age} years old` };
}

/** The line (or, without one, the record) an extra line repeats: "répète la ligne 12" / "repeats line 12". */
function repeats(place: number): Text {
  const at = placeText(place, true);
  return { fr: `répète ${at.fr}`, en: `repeats ${at.en}` };
}

const MISSING_ORDER = AUDIT_MISSING_EVENT;
const MISSING_DECISION_ORDER = AUDIT_MISSING_DECISION;

/** ONPE's section number of each "missing" section. */
export const MISSING_ONPE: Readonly<Record<string, string>> = {
  DECISION: '0028',
  DATDECPE: '0030',
  DATDEB: '0032',
  DATFIN: '0034',
  MOTFININT: '0035',
  NATPDECADM: '0038',
  TYPINTERDOM: '0044',
  LIEUACC: '0045',
  ACCMOD: '0046',
  AUTRLIEUACC: '0047',
  NATDECASSED: '0048',
  TYPDECJUD: '0049',
  INSTITPLAC: '0050',
  NATDECPLAC: '0051',
  LIEUPLAC: '0052',
  PLACMOD: '0053',
  AUTRLIEUAR: '0054',
  CHGLIEU: '0056',
};
export { MISSING_ORDER, MISSING_DECISION_ORDER };

/**
 * The variables ONPE's "variables non attendues" (0013) judges. olinpe judges them with the guide's conditions
 * (the nomenclature's applicability); DATFIN is judged in 0058 only.
 */
export const UNEXPECTED_0013: readonly string[] = [
  'ACCMOD',
  'AUTRLIEUACC',
  'LIEUACC',
  'AUTRLIEUAR',
  'PLACMOD',
  'LIEUPLAC',
  'INSTITPLAC',
  'NATDECPLAC',
  'TYPDECJUD',
  'TYPINTERDOM',
  'NATPDECADM',
  'NATDECASSED',
  'AUTREDA',
  'AUTREDJ',
  'TRAITINFO',
  'DATJE',
  'DATSIGN',
  'MOTIFSIG',
  'TRANSIP',
  'MODACC',
  'NIVSCO',
  'SCOCLASPE',
  'TYPETABSPE',
  'TYPCLASSPE',
  'ORIENTEFF',
  'DATPPE',
  'DATDECMIN',
  'MOTIFML',
  'MOTFININT',
  'DIPLOME',
  'CHGLIEU',
  'NBCHGLIEU',
].sort();

/** Date variables of section 0009: full dates, year-months, adults' birth years. */
const DATE_0009 = [
  'DATIP',
  'DATSIGN',
  'DATJE',
  'DATDECPE',
  'DATPPE',
  'DATDEB',
  'DATDECAP',
  'DATFIN',
  'NOTIFEVAL',
  'FINEVAL',
  'DATDCPERE',
  'DATDCMERE',
  'DATDECMIN',
  'ANSA1',
  'ANSA2',
  'ANSMERE',
  'ANSPERE',
];
const ADULT_YEARS = ['ANSA1', 'ANSA2', 'ANSMERE', 'ANSPERE'] as const;
/** The decision variables an end shares with its opening (G18 p. 7; one home: the nomenclature). */
const LINK: readonly string[] = LINK_VARIABLES;
const ADMIN_KEY = ['TYPEV', 'LIEUACC', 'TYPINTERDOM', 'DATDECPE', 'NATPDECADM'];
const JUDICIAL_KEY = ['TYPEV', 'LIEUPLAC', 'TYPDECJUD', 'DATDECPE', 'NATDECASSED'];
/**
 * A 2011 file (décret 2011-222) has no TYPEV, DATDEB nor DATFIN: ONPE's audit, written for the 2016 file, has no
 * definition for it. olinpe reads the 2011 equivalents where a section needs them, so that a 2011 file is judged
 * on what it holds, never on variables it cannot have: the event type is the one ONPE's loader derives from CODEV
 * (1–4 an opening, 5 a renewal, 5 with MOTFININT an end; see transmission's `typevFromCodev`), the start and end
 * dates are those of the block filled (home support, reception, community measure, placement: O15 p9–10).
 */
const STARTS_2011 = ['DATDEBAD', 'DATDEBACC', 'DATDEBINTER', 'DATDEBPLAC'];
const ENDS_2011 = ['DATFINAD', 'DATFINACC', 'DATFININTER', 'DATFINPLAC'];

/** The event type for the duplicate keys: TYPEV in 2016; in 2011 CODEV, an end (MOTFININT filled) told apart. */
function eventKey(values: RecordValues, edition: EditionId): string {
  if (edition === '2016') return values.TYPEV ?? '';
  const codev = values.CODEV ?? '';
  return codev === '5' && !isBlank(values.MOTFININT ?? '') ? '5/fin' : codev;
}

/** The year of the first readable date among `names` (0 when none). */
function firstYear(values: RecordValues, names: readonly string[]): number {
  for (const n of names) {
    const y = yearOf(values[n]);
    if (y !== undefined) return y;
  }
  return 0;
}

/**
 * The reference year as ONPE infers it (audit-spec §3, "Année concernée"): the most frequent year of DATDECPE, ties
 * to the highest; olinpe counts readable years only (`9999` is "unknown", see the discrepancy onpe-year-inferred-9999).
 * One rule for the audit and for `validate`.
 *
 * @example
 * const t = new DecisionYears();
 * for (const d of ['2022-12-30', '2023-01-04', '2023-02-10', '9999-99-99']) t.add(d);
 * t.inferred(); // 2023
 */
export class DecisionYears {
  private readonly counts = new Map<number, number>();

  /** Counts one DATDECPE value (empty, absent or unreadable: not counted). */
  add(datdecpe: string | undefined): void {
    const y = datdecpe === undefined || datdecpe === '' ? undefined : yearOf(datdecpe);
    if (y !== undefined) this.count(y);
  }

  /** Counts one readable year. */
  count(year: number): void {
    this.counts.set(year, (this.counts.get(year) ?? 0) + 1);
  }

  /** The inferred year, or null when no DATDECPE year was readable. */
  inferred(): number | null {
    let inferred: number | null = null;
    let best = -1;
    for (const [y, n] of this.counts) if (n > best || (n === best && y > inferred!)) [inferred, best] = [y, n];
    return inferred;
  }
}

/** The reference year of a validation report (JSON `year`). */
export interface ValidationYear {
  /** The year the rules used (--year), or null. */
  value: number | null;
  source: 'given' | 'none';
  /** The year the data point to, as ONPE infers it; null when no DATDECPE year is readable. */
  inferred: number | null;
  /** Set when --year names another year than the data. */
  warning?: string;
}

/**
 * The reference year of a validation (`olinpe validate`, `POST /v1/validate/file`): given (--year) or not, the year
 * the data point to (a {@link DecisionYears} tally of the same records), and the note that says it (French or
 * English): the rules that need the year and were left out, or a --year the data contradict.
 *
 * @example
 * validationYear(2019, 2023, [], 'en').json.inferred; // 2023
 * validationYear(2023, 2023, [], 'en').note; // undefined
 */
export function validationYear(
  year: number | undefined,
  inferred: number | null,
  statuses: readonly { ruleId: string; status: string; reason?: string }[],
  lang: 'fr' | 'en',
): { json: ValidationYear; note?: string } {
  const en = lang === 'en';
  if (year !== undefined) {
    const json = { value: year, source: 'given' as const, inferred };
    if (inferred === null || inferred === year) return { json };
    const note = en
      ? `Reference year ${year} (--year): the data point to year ${inferred} (most frequent DATDECPE year, as ONPE infers it).`
      : `Année de référence ${year} (--year) : les données désignent l’année ${inferred} (année de DATDECPE la plus fréquente, comme ONPE la déduit).`;
    return { json: { ...json, warning: note }, note };
  }
  const skipped = statuses
    .filter((s) => s.status === 'skipped' && s.reason === 'no-reference-year')
    .map((s) => s.ruleId);
  const rulesPart =
    skipped.length === 0
      ? ''
      : en
        ? ` The rules that need it were not applied (${skipped.join(', ')}).`
        : ` Les règles qui en dépendent n’ont pas été appliquées (${skipped.join(', ')}).`;
  const note =
    inferred === null
      ? en
        ? `No reference year (--year) and no readable DATDECPE year.${rulesPart}`
        : `Pas d’année de référence (--year) ni d’année de DATDECPE lisible.${rulesPart}`
      : en
        ? `No reference year given: the data point to ${inferred} (most frequent DATDECPE year, as ONPE infers it); give --year ${inferred} to check it.${rulesPart}`
        : `Année de référence non donnée : les données désignent ${inferred} (année de DATDECPE la plus fréquente, comme ONPE la déduit) ; --year ${inferred} pour la vérifier.${rulesPart}`;
  return { json: { value: null, source: 'none', inferred }, note };
}

/** What the ONPE sections found, by olinpe section id. */
export interface OnpeResult {
  sections: Map<string, AuditItem[]>;
  /** Lines read. */
  records: number;
  /** Lines less the full duplicates (section 0018). */
  distinctLines: number;
  youngPeople: number;
  /** Variables of ONPE's list present in at least one record (even empty), and the size of the list. */
  variablesPresent: number;
  variablesTotal: number;
  typev: Record<string, number>;
  decisionYears: Record<string, number>;
  /** The year ONPE would infer (most frequent known DATDECPE year, ties to the highest); null when none. */
  inferredYear: number | null;
  /** The year the year-dependent sections used. */
  year: number | null;
}

function isBlank(v: string | undefined): boolean {
  return v === undefined || v.trim() === '';
}

function band(b: AgeBand): 'minor' | 'adult' | 'other' | 'open' {
  if (b.min === null && b.max === null) return 'open';
  if (b.min === null && b.max === 17) return 'minor';
  if (b.min === 18 && b.max === null) return 'adult';
  return 'other';
}

function inBand(age: number, b: AgeBand): boolean {
  return (b.min === null || age >= b.min) && (b.max === null || age <= b.max);
}

interface Var {
  def: VariableDef;
  name: string;
  nsp: string | null;
  format: FormatSpec;
  codes: Set<string> | null;
  /** The variable's age band, as 0011/0012 see it. */
  band: 'minor' | 'adult' | 'other' | 'open';
  /** Codes reserved to minors or to adults. */
  reservedCodes: Map<string, { kind: 'minor' | 'adult'; band: AgeBand }> | null;
  /** The events it applies to (null: every event). */
  events: Set<string> | null;
  /** The variables its condition reads, with their "ne sait pas" code. */
  reads: { name: string; nsp: string | null }[];
}

/**
 * ONPE's sections over a stream of records: call {@link observe} on each line, then {@link finish}.
 *
 * @example
 * const a = new OnpeAudit('2016');
 * // given: const records = synthesise({ seed: 1, year: 2019, records: 200 }).records;
 * for (const [i, r] of records.entries()) a.observe(r, { index: i });
 * a.finish(2019).sections.get('missing-MOTFININT');
 */
export class OnpeAudit {
  private readonly vars: Var[];
  private readonly byName: Map<string, Var>;
  /**
   * The variables (or codes) reserved to an age, in alphabetical order: ONPE checks a line's variables in that
   * order, so the items of one line come in that order.
   */
  private readonly ageVars: Var[];
  private readonly unexpected: Var[];
  private readonly missing: Var[];
  private readonly dates: Var[];
  private readonly eventVar: string;
  private readonly allEvents: Set<string>;
  private readonly out = new Map<string, AuditItem[]>();
  private records = 0;
  private readonly present = new Map<string, { present: number; filled: number; informative: number }>();
  private readonly people = new Set<string>();
  private readonly typev: Record<string, number> = {};
  private readonly years = new Map<string, { lines: number; people: Set<string> }>();
  private readonly yearTally = new DecisionYears();
  // 0005
  private readonly firstKey = new Map<string, string>();
  // 0018, 0022, 0026
  private readonly signatures = new Set<string>();
  private readonly adminKeys = new Map<string, number>();
  private readonly judicialKeys = new Map<string, number>();
  private duplicates = 0;
  // 0036: per line the three years (NaN when unreadable) and where it is
  private readonly scopeRefs: LineRef[] = [];
  /** Three years per line (DATDECPE, DATDEB, DATFIN; 0 when unreadable). */
  private readonly scopeYears: number[] = [];
  // 0060
  private readonly openings = new Set<string>();
  private readonly ends: { ref: LineRef; key: string; startYear: number; endYear: number | undefined }[] = [];
  // 0095
  private readonly durations: { ref: LineRef; days: number; detail: Text }[] = [];

  constructor(readonly edition: EditionId) {
    const data = editionData(edition);
    // ONPE's list: the décret's variables; UTDP is sent to the ODPE only and is not in ONPE's list.
    this.eventVar = data.eventVariable;
    this.allEvents = new Set(data.variables.find((v) => v.name === data.eventVariable)?.codes.map((c) => c.code) ?? []);
    const nspOf = new Map(data.variables.map((d) => [d.name, d.unknownCode ?? null]));
    this.vars = data.variables
      .filter((d) => d.name !== 'UTDP')
      .map((def) => {
        const reserved = new Map<string, { kind: 'minor' | 'adult'; band: AgeBand }>();
        for (const c of def.codes) {
          const k = c.age ? band(c.age) : 'open';
          if (c.age && (k === 'minor' || k === 'adult')) reserved.set(c.code, { kind: k, band: c.age });
        }
        return {
          def,
          name: def.name,
          nsp: def.unknownCode ?? null,
          format: formatSpec(def),
          codes: def.codes.length > 0 ? new Set(def.codes.map((c) => c.code)) : null,
          band: band(def.applicability.age),
          reservedCodes: reserved.size > 0 ? reserved : null,
          events: def.applicability.events.length < this.allEvents.size ? new Set(def.applicability.events) : null,
          reads: conditionVariables(def.applicability.condition).map((n) => ({ name: n, nsp: nspOf.get(n) ?? null })),
        };
      });
    this.byName = new Map(this.vars.map((v) => [v.name, v]));
    this.ageVars = [...this.vars]
      .filter((v) => v.band === 'minor' || v.band === 'adult' || v.reservedCodes !== null)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const pick = (names: readonly string[]): Var[] =>
      names.map((n) => this.byName.get(n)).filter((v): v is Var => v !== undefined);
    this.unexpected = pick(UNEXPECTED_0013);
    this.missing = pick([...MISSING_ORDER, ...MISSING_DECISION_ORDER]);
    this.dates = pick(DATE_0009);
    for (const id of SECTION_IDS) this.out.set(id, []);
  }

  private push(id: string, item: AuditItem): void {
    this.out.get(id)!.push(item);
  }

  /**
   * An item at a line. A value is shown as findings show it (free text such as AUTREDA replaced by its length: it
   * may hold a name) and capped; so is the detail.
   */
  private at(ref: LineRef, extra: AuditItem = {}): AuditItem {
    const item: AuditItem = {};
    if (ref.numanonym) item.numanonym = capValue(ref.numanonym);
    if (ref.line !== undefined) item.line = ref.line;
    else item.index = ref.index;
    Object.assign(item, extra);
    if (item.value !== undefined) {
      const shown = item.variable ? shownValue(this.byName.get(item.variable)?.def, item.value) : item.value;
      if (shown === undefined) delete item.value;
      else item.value = capValue(shown);
    }
    if (item.detail !== undefined) item.detail = { fr: capValue(item.detail.fr), en: capValue(item.detail.en) };
    return item;
  }

  /** Reads one line. `values` holds what the file holds: a variable left out is `undefined` (read as empty). */
  observe(values: RecordValues, ref: LineRef): void {
    this.records++;
    const get = (n: string): string => values[n] ?? '';
    const id = get('NUMANONYM');
    const person = id === '' ? undefined : id.toLowerCase();
    if (person !== undefined) this.people.add(person);
    // Written as literals of four fixed shapes, not `{ ...ref, ...(id ? { numanonym: id } : {}) }`: V8 gave each
    // object that spread made a hidden class of its own (a heap snapshot of `olinpe audit` on 1,000,000 events:
    // 330,161 such references, 330,161 distinct maps, ~250 bytes a line with their descriptors and property
    // arrays), and 0036 keeps one reference a line until the end.
    const r: LineRef =
      ref.line === undefined
        ? id
          ? { index: ref.index, numanonym: id }
          : { index: ref.index }
        : id
          ? { index: ref.index, line: ref.line, numanonym: id }
          : { index: ref.index, line: ref.line };

    // 0002–0004: presence, filled, informative.
    for (const v of this.vars) {
      const raw = values[v.name];
      if (raw === undefined) continue;
      let c = this.present.get(v.name);
      if (!c) this.present.set(v.name, (c = { present: 0, filled: 0, informative: 0 }));
      c.present++;
      if (isBlank(raw)) continue;
      c.filled++;
      if (!this.isNsp(v, raw.trim())) c.informative++;
    }

    // 0007
    const t = values[this.eventVar];
    if (t !== undefined) this.typev[t] = (this.typev[t] ?? 0) + 1;
    const event = t !== undefined && this.allEvents.has(t) ? t : undefined;

    const age = ageOf(values.ANAIS, values.MNAIS, values.DATDECPE, values.DATDEB);

    // 0005: lines whose ANAIS|MNAIS|SEXE differ from the young person's first line.
    if (person !== undefined) {
      const key = `${get('ANAIS')}|${get('MNAIS')}|${get('SEXE')}`;
      const first = this.firstKey.get(person);
      if (first === undefined) this.firstKey.set(person, key);
      else if (first !== key)
        this.push(
          'id-inconsistencies',
          this.at(r, {
            value: key,
            detail: { fr: `première ligne du jeune : ${first}`, en: `young person’s first line: ${first}` },
          }),
        );
    }

    // 0009: one finding per malformed date value; adults' birth years before 1920.
    for (const v of this.dates) {
      const name = v.name;
      const raw = values[name];
      if (raw === undefined || raw === '') continue;
      const y = yearOf(raw);
      let why: Text | undefined;
      if (!passesFormat(v.format, raw)) why = { fr: 'format invalide', en: 'invalid format' };
      else if (v.def.type === 'year') {
        if (y !== undefined && y < 1920) why = { fr: 'année antérieure à 1920', en: 'year before 1920' };
      } else if (y !== undefined && (y < 1900 || y > 2099))
        why = { fr: 'année hors de 1900–2099', en: 'year outside 1900–2099' };
      if (why) this.push('date-format', this.at(r, { variable: name, value: raw, detail: why }));
    }

    // 0010: over 20 at the decision; an adult less than 10 years older than the child.
    if (age !== undefined && age > 20)
      this.push('birth-dates', this.at(r, { variable: 'ANAIS', value: get('ANAIS'), detail: ageText(age) }));
    const birth = yearOf(values.ANAIS);
    if (birth !== undefined && values.ANAIS?.length === 4 && values.ANAIS !== '9999') {
      for (const name of ADULT_YEARS) {
        const raw = values[name];
        const y = raw !== undefined && raw.length === 4 && raw !== '9999' ? yearOf(raw) : undefined;
        if (y !== undefined && birth < y + 10)
          this.push(
            'birth-dates',
            this.at(r, {
              variable: name,
              value: raw!,
              detail: { fr: `moins de 10 ans avant ANAIS ${birth}`, en: `less than 10 years before ANAIS ${birth}` },
            }),
          );
      }
    }

    // 0011, 0012: variables and modalities reserved to an age (known age only; informative values only).
    if (age !== undefined) {
      for (const v of this.ageVars) {
        const raw = values[v.name];
        if (raw === undefined || isBlank(raw) || this.isNsp(v, raw)) continue;
        const b = v.band;
        if ((b === 'minor' || b === 'adult') && !inBand(age, v.def.applicability.age)) {
          this.push(
            b === 'minor' ? 'minor-only-variables' : 'adult-only-variables',
            this.at(r, { variable: v.name, value: raw, detail: ageText(age) }),
          );
        }
        const code = v.reservedCodes?.get(raw);
        if (code && !inBand(age, code.band)) {
          this.push(
            code.kind === 'minor' ? 'minor-only-modalities' : 'adult-only-modalities',
            this.at(r, { variable: v.name, value: raw, detail: ageText(age) }),
          );
        }
      }
    }

    // 0013: informative values where the guide's condition does not hold.
    for (const v of this.unexpected) {
      const name = v.name;
      const raw = values[name];
      if (raw === undefined || isBlank(raw) || this.isNsp(v, raw)) continue;
      const why = this.notExpected(v, values, event, age);
      if (why) this.push('unexpected-variables', this.at(r, { variable: name, value: raw, detail: why }));
    }

    // 0018: identical to an earlier line of the same young person (absent = empty; lines without NUMANONYM together).
    let text = person ?? '';
    for (const v of this.vars) {
      const x = values[v.name];
      text += x === undefined ? '\u0001' : `\u0001${x.trim()}`;
    }
    const sig = shortHash(text);
    const duplicate = this.signatures.has(sig);
    if (duplicate) {
      this.duplicates++;
      this.push('duplicates', this.at(r));
    } else this.signatures.add(sig);

    // 0022, 0026: same decision key, lines that are not full duplicates; one item per extra line.
    if (!duplicate && person !== undefined) {
      const decision = get('DECISION');
      const keys = decision === '1' ? ADMIN_KEY : decision === '2' ? JUDICIAL_KEY : null;
      if (keys) {
        const map = decision === '1' ? this.adminKeys : this.judicialKeys;
        const k = shortHash(JSON.stringify([person, eventKey(values, this.edition), ...keys.slice(1).map(get)]));
        const firstLine = map.get(k);
        if (firstLine === undefined) map.set(k, placeOf(r));
        else
          this.push(
            decision === '1' ? 'duplicates-administrative' : 'duplicates-judicial',
            this.at(r, { detail: repeats(firstLine) }),
          );
      }
    }

    // 0028–0056: missing where the guide requires the variable.
    for (const v of this.missing) {
      if (!this.applies(v, values, event, age)) continue;
      const name = v.name;
      const raw = get(name);
      if (this.isFilled(v, raw)) continue;
      this.push(`missing-${name}`, this.at(r, { variable: name, value: raw }));
    }

    // 0036 (at the end, when the year is known).
    this.scopeRefs.push(r);
    if (this.edition === '2016')
      this.scopeYears.push(yearOf(values.DATDECPE) ?? 0, yearOf(values.DATDEB) ?? 0, yearOf(values.DATFIN) ?? 0);
    else {
      // A measure of unknown nature (99) has no block, so its lines carry no start or end date in 2011; nor does an
      // end without its block. The event's year is then unknown, and olinpe does not judge an unknown year (-1).
      const start = firstYear(values, STARTS_2011);
      const end = firstYear(values, ENDS_2011);
      const unknown = end === 0 && (start === 0 || eventKey(values, '2011') === '5/fin');
      this.scopeYears.push(yearOf(values.DATDECPE) ?? 0, start, unknown ? -1 : end);
    }

    // 0058: an end date on a line that is not an end.
    const datfin = values.DATFIN;
    if (datfin !== undefined && !isBlank(datfin) && datfin !== '9999-99-99' && t !== '3') {
      this.push(
        'datfin-not-end',
        this.at(r, { variable: 'DATFIN', value: datfin, detail: same(`${this.eventVar} = ${t ?? ''}`) }),
      );
    }

    // 0060: ends and openings of the same young person with the same decision variables.
    if (person !== undefined && (t === '1' || t === '2' || t === '3')) {
      const key = shortHash(JSON.stringify([person, ...LINK.map(get)]));
      if (t === '3') {
        const startYear = yearOf(values.DATDEB);
        if (startYear !== undefined) this.ends.push({ ref: r, key, startYear, endYear: yearOf(values.DATFIN) });
      } else this.openings.add(key);
    }

    // 0095: more than 730 days between two known dates.
    const deb = values.DATDEB;
    if (isKnownFullDate(deb) && isKnownFullDate(datfin) && isValidFullDate(deb) && isValidFullDate(datfin!)) {
      const days = dayOfKnownDate(datfin!) - dayOfKnownDate(deb);
      if (days > 730) this.durations.push({ ref: r, days, detail: same(`${deb} → ${datfin}`) });
    }

    // 0099: lines and young people by the year of their own DATDECPE.
    const dec = values.DATDECPE;
    if (dec !== undefined && dec !== '') {
      const y = yearOf(dec);
      const key = y === undefined ? 'inconnue' : String(y);
      let e = this.years.get(key);
      if (!e) this.years.set(key, (e = { lines: 0, people: new Set() }));
      e.lines++;
      if (person !== undefined) e.people.add(person);
      if (y !== undefined) this.yearTally.count(y);
    }
  }

  private isNsp(v: Var, raw: string): boolean {
    return v.nsp !== null && raw === v.nsp;
  }

  /** A value is there when it is a code of the variable, a full date with every part known, or any other text. */
  private isFilled(v: Var, raw: string): boolean {
    if (isBlank(raw)) return false;
    if (v.codes) return v.codes.has(raw);
    if (v.def.type === 'date') return isKnownFullDate(raw) && isValidFullDate(raw);
    return passesFormat(v.format, raw);
  }

  /** Whether the guide requires the variable on this line (unknown event, age or condition: not required). */
  private applies(v: Var, values: RecordValues, event: string | undefined, age: number | undefined): boolean {
    const a = v.def.applicability;
    if (v.events !== null && (event === undefined || !v.events.has(event))) return false;
    if (v.band !== 'open' && (age === undefined || !inBand(age, a.age))) return false;
    if (a.condition && !evaluateCondition(a.condition, (n) => values[n])) return false;
    // Where the guide makes filling it optional (an either-block decision, a place it is only possible to give).
    // A requirement narrowed by the event type alone is a contested reading (DATDEB on a decision line, G18 p5 vs
    // p9): validate raises no error there, the count keeps it as ONPE does.
    const rw = v.def.requiredWhen;
    if (rw && !conditionVariables(rw).every((n) => n === this.eventVar) && !evaluateCondition(rw, (n) => values[n]))
      return false;
    return true;
  }

  /** Why an informative value is not expected on this line (null when it is, or when that cannot be said). */
  private notExpected(v: Var, values: RecordValues, event: string | undefined, age: number | undefined): Text | null {
    const a = v.def.applicability;
    if (event !== undefined && v.events !== null && !v.events.has(event)) return same(`${this.eventVar} = ${event}`);
    if (v.band === 'other' && age !== undefined && !inBand(age, a.age)) return ageText(age);
    if (a.condition) {
      // A condition variable coded "ne sait pas" cannot decide.
      for (const r of v.reads) if (r.nsp !== null && values[r.name] === r.nsp) return null;
      if (!evaluateCondition(a.condition, (n) => values[n]))
        return same(v.reads.map((r) => `${r.name} = ${values[r.name] ?? ''}`).join(', '));
    }
    return null;
  }

  /** Ends the pass; `year` is the extraction's year when given (else the inferred year is used). */
  finish(year?: number): OnpeResult {
    const inferred = this.yearTally.inferred();
    const Y = year ?? inferred;

    for (const v of this.vars) {
      const c = this.present.get(v.name);
      if (!c) this.push('absent-variables', { variable: v.name });
      else if (c.filled === 0) this.push('always-empty', { variable: v.name });
      else if (c.informative === 0) this.push('always-unknown', { variable: v.name });
    }
    for (const k of ['absent-variables', 'always-empty', 'always-unknown'])
      this.out.get(k)!.sort((a, b) => (a.variable! < b.variable! ? -1 : 1));

    if (Y !== null) {
      const ys = this.scopeYears;
      this.scopeRefs.forEach((ref, i) => {
        if (ys[3 * i + 2] === -1) return;
        if (ys[3 * i] !== Y && ys[3 * i + 1] !== Y && ys[3 * i + 2] !== Y)
          this.push(
            'out-of-scope',
            this.at(ref, {
              detail:
                this.edition === '2016'
                  ? { fr: `ni DATDECPE, ni DATDEB, ni DATFIN en ${Y}`, en: `no DATDECPE, DATDEB or DATFIN in ${Y}` }
                  : {
                      fr: `aucune date de décision, de début ou de fin en ${Y}`,
                      en: `no decision, start or end date in ${Y}`,
                    },
            }),
          );
      });
    }
    for (const e of this.ends) {
      if (this.openings.has(e.key)) continue;
      const y = Y ?? e.endYear;
      if (y !== undefined && e.startYear < y) continue; // opened before year N: its opening is in an earlier file
      this.push('end-without-opening', this.at(e.ref));
    }
    this.durations.sort((a, b) => b.days - a.days);
    for (const d of this.durations)
      this.push('excessive-duration', this.at(d.ref, { value: String(d.days), detail: d.detail }));

    const decisionYears: Record<string, number> = {};
    for (const k of [...this.years.keys()].sort()) {
      const e = this.years.get(k)!;
      decisionYears[k] = e.lines;
      this.push('decision-years', { value: k, count: e.lines, people: e.people.size });
    }
    const typev: Record<string, number> = {};
    for (const k of Object.keys(this.typev).sort()) {
      typev[k] = this.typev[k]!;
      this.push('typev', { value: k, count: this.typev[k]! });
    }

    return {
      sections: this.out,
      records: this.records,
      distinctLines: this.records - this.duplicates,
      youngPeople: this.people.size,
      variablesPresent: this.present.size,
      variablesTotal: this.vars.length,
      typev,
      decisionYears,
      inferredYear: inferred,
      year: Y,
    };
  }
}

/** The ids of ONPE's sections, in ONPE's order. */
export const SECTION_IDS: readonly string[] = [
  'absent-variables',
  'always-empty',
  'always-unknown',
  'id-inconsistencies',
  'typev',
  'date-format',
  'birth-dates',
  'minor-only-variables',
  'minor-only-modalities',
  'adult-only-variables',
  'adult-only-modalities',
  'unexpected-variables',
  'duplicates',
  'duplicates-administrative',
  'duplicates-judicial',
  ...MISSING_ORDER.map((v) => `missing-${v}`),
  'out-of-scope',
  ...MISSING_DECISION_ORDER.map((v) => `missing-${v}`),
  'datfin-not-end',
  'end-without-opening',
  'excessive-duration',
  'decision-years',
];
