/**
 * The rules that follow from the nomenclature, derived at load time from the variable definitions:
 * code and format validity (FMT), applicability by event type (EVT), by age band (AGE), modalities reserved to
 * an age band (MOD), applicability by condition (COND) and required-when-applicable (REQ). Nothing here is
 * written per variable: change the nomenclature data and these rules follow.
 *
 * @module
 */
import { expectedValues } from '../model/index.js';
import {
  conditionVariables,
  describeAgeBand,
  describeCondition,
  editionData,
  isInAgeBand,
  type AgeBand,
  type Condition,
  type EditionId,
  type VariableDef,
} from '../nomenclature/index.js';
import { ageOf } from './age.js';
import { AUDIT_MISSING } from './audit-lists.js';
import { SKIP } from './skips.js';
import { agedRecord, agesFor, assignmentFor, editionTag, isOpen } from './rule-kit.js';
import { editionLayout } from './row.js';
import { formatSpec, invalidValue, passesFormat, sampleValue, shownValue } from './value-formats.js';
import type {
  Citation,
  ConditionNode,
  QuickCondition,
  QuickPass,
  RawFinding,
  RecordContext,
  RecordRule,
  RecordValues,
  RuleExample,
  Skip,
  Text,
} from './types.js';

const GUIDE_SECTIONS: Record<EditionId, Citation> = {
  '2016': { source: 'G18', ref: 'III (ce qu’il faut renseigner selon TYPEV)', page: 6 },
  '2011': { source: 'O15', ref: 'variables à renseigner selon CODEV' },
};

function label(def: VariableDef): Text {
  return { fr: def.label.fr, en: def.label.en ?? def.label.fr };
}

function list(values: readonly string[], lang: 'fr' | 'en'): string {
  if (values.length === 1) return values[0]!;
  return `${values.slice(0, -1).join(', ')} ${lang === 'fr' ? 'ou' : 'or'} ${values[values.length - 1]}`;
}

function band(b: AgeBand): Text {
  return { fr: describeAgeBand(b, 'fr'), en: describeAgeBand(b, 'en') };
}

function sameBand(a: AgeBand, b: AgeBand): boolean {
  return a.min === b.min && a.max === b.max;
}

type Row = readonly (string | undefined)[];

/**
 * A condition compiled over row positions: the same answer as `evaluateCondition(condition, (n) => values[n])`
 * (a name the edition does not have reads `values[name]`, as before).
 */
function compileCondition(c: Condition, gen: Gen): (row: Row, values: RecordValues) => boolean {
  if ('all' in c) {
    const parts = c.all.map((x) => compileCondition(x, gen));
    return (row, values) => {
      for (const p of parts) if (!p(row, values)) return false;
      return true;
    };
  }
  if ('any' in c) {
    const parts = c.any.map((x) => compileCondition(x, gen));
    return (row, values) => {
      for (const p of parts) if (p(row, values)) return true;
      return false;
    };
  }
  if ('not' in c) {
    const inner = compileCondition(c.not, gen);
    return (row, values) => !inner(row, values);
  }
  const i = gen.index.get(c.var);
  const name = c.var;
  const get = i === undefined ? (_row: Row, values: RecordValues) => values[name] : (row: Row) => row[i];
  if ('filled' in c) {
    const want = c.filled;
    return (row, values) => {
      const v = get(row, values);
      return (v !== undefined && v !== '') === want;
    };
  }
  const codes = c.in;
  return (row, values) => {
    const v = get(row, values);
    return v !== undefined && v !== '' && codes.includes(v);
  };
}

/** Reads a variable: by row position when the edition has it, else by name. */
function reader(gen: Gen, name: string): (row: Row, values: RecordValues) => string | undefined {
  const i = gen.index.get(name);
  return i === undefined ? (_row, values) => values[name] : (row) => row[i];
}

/**
 * The quick test of a required or missing rule (see {@link QuickPass}): an empty value passes where the variable
 * does not apply by event type, by age band or by its conditions, as `check` decides first. None when nothing can
 * rule it out.
 */
function outside(
  events: ReadonlySet<string> | null,
  band: AgeBand | null,
  condition: QuickCondition | null,
): { quick: QuickPass } | Record<string, never> {
  if (events === null && band === null && condition === null) return {};
  return {
    quick: {
      kind: 'outside',
      format: null,
      events,
      min: band?.min ?? null,
      max: band?.max ?? null,
      condition,
      codes: null,
    },
  };
}

/** A condition as data over row positions (see {@link ConditionNode}): what `compileCondition` compiles to code. */
function conditionNode(c: Condition, gen: Gen): ConditionNode {
  const node = (op: ConditionNode['op'], parts: ConditionNode[]): ConditionNode => ({
    op,
    parts,
    at: -1,
    name: '',
    codes: null,
    want: true,
  });
  if ('all' in c)
    return node(
      'all',
      c.all.map((x) => conditionNode(x, gen)),
    );
  if ('any' in c)
    return node(
      'any',
      c.any.map((x) => conditionNode(x, gen)),
    );
  if ('not' in c) return node('not', [conditionNode(c.not, gen)]);
  const at = gen.index.get(c.var) ?? -1;
  if ('filled' in c) return { op: 'filled', parts: [], at, name: c.var, codes: null, want: c.filled };
  return { op: 'in', parts: [], at, name: c.var, codes: new Set(c.in), want: true };
}

/** The conditions of a quick test: the variables they read (with the value that counts as unknown) and themselves. */
function quickCondition(
  gen: Gen,
  names: readonly string[],
  unknown: readonly (string | null)[],
  conditions: readonly (Condition | null | undefined)[],
): QuickCondition {
  return {
    at: names.map((n) => gen.index.get(n) ?? -1),
    names,
    unknown,
    conditions: conditions
      .filter((c): c is Condition => c !== null && c !== undefined)
      .map((c) => conditionNode(c, gen)),
  };
}

/** Findings of one variable: a single-element array (allocated only when there is a finding). */
function one(def: VariableDef, value: string | undefined, expected: Text, params: RawFinding['params']): RawFinding[] {
  return [{ params, variables: [{ name: def.name, value: shownValue(def, value), expected: expected.fr }] }];
}

interface Gen {
  edition: EditionId;
  /** Position of each variable in the row. */
  index: ReadonlyMap<string, number>;
  tag: string;
  eventVar: string;
  validFrom: string;
  validTo: string | null;
  populationBand: AgeBand;
  allEvents: string[];
}

function base(gen: Gen, def: VariableDef) {
  const citations: Citation[] = def.sources.map((s) => ({
    source: s.source,
    ...(s.ref !== undefined ? { ref: s.ref } : {}),
    ...(s.page !== undefined ? { page: s.page } : {}),
  }));
  return {
    editions: [gen.edition] as const,
    validFrom: gen.validFrom,
    validTo: gen.validTo,
    generated: true,
    citations,
  };
}

/** An event code where the variable applies (the first), and one where it does not. */
function eventsFor(gen: Gen, def: VariableDef): { inside: string; outside: string | undefined } {
  const inside = def.applicability.events[0]!;
  const outside = gen.allEvents.find((e) => !def.applicability.events.includes(e));
  return { inside, outside };
}

/** A context where a variable applies: event, age inside its band, condition true. */
function applicableContext(gen: Gen, def: VariableDef): Record<string, string> {
  const age = agesFor(def.applicability.age).inside;
  return {
    ...agedRecord(isOpen(def.applicability.age) ? 10 : age),
    [gen.eventVar]: eventsFor(gen, def).inside,
    ...(def.applicability.condition ? assignmentFor(def.applicability.condition, true, gen.edition) : {}),
  };
}

/** A context where a variable is required: where it applies and, when set, its `requiredWhen` condition holds. */
function requiredContext(gen: Gen, def: VariableDef): Record<string, string> {
  const base = applicableContext(gen, def);
  const c = def.applicability.condition;
  const r = def.requiredWhen;
  if (!r) return base;
  return { ...base, ...assignmentFor(c ? { all: [c, r] } : r, true, gen.edition) };
}

function fmtRule(gen: Gen, def: VariableDef): RecordRule {
  const format = formatSpec(def);
  const expected = expectedValues(def);
  const isDateLike = def.type === 'date' || def.type === 'year-month' || def.type === 'year' || def.type === 'month';
  const name = def.name;
  const at = gen.index.get(name)!;
  return {
    ...base(gen, def),
    id: `${gen.tag}-FMT-${name}`,
    family: 'FMT',
    title: { fr: `${name} : code ou format valide`, en: `${name}: valid code or format` },
    severity: 'error',
    scope: 'record',
    variables: [name],
    message: {
      fr: '{variable} ({label}) : valeur « {value} » invalide ; attendu {expected}.',
      en: '{variable} ({label}): invalid value "{value}"; expected {expected}.',
    },
    ...(isDateLike ? { auditSection: 'date-format' } : {}),
    examples: [
      { name: 'valeur valide', records: [{ [name]: sampleValue(def) }], fails: false },
      { name: 'vide', records: [{ [name]: '' }], fails: false },
      { name: 'valeur invalide', records: [{ [name]: invalidValue(def) }], fails: true },
    ],
    precheck: { at, empty: 'pass', filled: 'check' },
    quick: { kind: 'format', format, events: null, min: null, max: null, condition: null, codes: null },
    check(ctx) {
      const v = ctx.row[at];
      if (v === undefined) return SKIP.absent;
      if (v === '' || passesFormat(format, v)) return null;
      const shown = shownValue(def, v) ?? '';
      return one(def, v, expected, { variable: name, label: label(def), value: shown, expected });
    },
  };
}

function evtRule(gen: Gen, def: VariableDef): RecordRule | undefined {
  const { inside, outside } = eventsFor(gen, def);
  if (outside === undefined) return undefined;
  const name = def.name;
  const at = gen.index.get(name)!;
  const events = new Set(def.applicability.events);
  const eventsText: Text = { fr: list(def.applicability.events, 'fr'), en: list(def.applicability.events, 'en') };
  const expected = `vide quand ${gen.eventVar} ∉ {${def.applicability.events.join(', ')}}`;
  const sample = sampleValue(def);
  return {
    ...base(gen, def),
    citations: [...base(gen, def).citations, GUIDE_SECTIONS[gen.edition]],
    id: `${gen.tag}-EVT-${name}`,
    family: 'EVT',
    title: {
      fr: `${name} seulement sur ${gen.eventVar} ${eventsText.fr}`,
      en: `${name} only when ${gen.eventVar} is ${eventsText.en}`,
    },
    severity: 'error',
    scope: 'record',
    variables: [name, gen.eventVar],
    message: {
      fr: '{variable} ({label}) est renseignée sur une ligne {eventVar} = {event} ; elle ne se renseigne que sur {eventVar} = {events}.',
      en: '{variable} ({label}) is filled on a line with {eventVar} = {event}; it is only filled when {eventVar} is {events}.',
    },
    auditSection: name === 'DATFIN' ? 'datfin-not-end' : 'unexpected-variables',
    examples: [
      {
        name: `renseignée sur ${gen.eventVar} ${inside}`,
        records: [{ [gen.eventVar]: inside, [name]: sample }],
        fails: false,
      },
      { name: `vide sur ${gen.eventVar} ${outside}`, records: [{ [gen.eventVar]: outside, [name]: '' }], fails: false },
      {
        name: `renseignée sur ${gen.eventVar} ${outside}`,
        records: [{ [gen.eventVar]: outside, [name]: sample }],
        fails: true,
      },
    ],
    precheck: { at, empty: 'pass', filled: 'check' },
    quick: { kind: 'events', format: null, events, min: null, max: null, condition: null, codes: null },
    check(ctx) {
      const v = ctx.row[at];
      if (v === undefined) return SKIP.absent;
      if (v === '') return null;
      if (ctx.event === undefined) return SKIP.noEvent;
      if (events.has(ctx.event)) return null;
      return [
        {
          params: { variable: name, label: label(def), eventVar: gen.eventVar, event: ctx.event, events: eventsText },
          variables: [
            { name, value: shownValue(def, v), expected },
            { name: gen.eventVar, value: ctx.event, expected: def.applicability.events.join(', ') },
          ],
        },
      ];
    },
  };
}

function ageRule(gen: Gen, def: VariableDef): RecordRule | undefined {
  const b = def.applicability.age;
  if (isOpen(b) || sameBand(b, gen.populationBand)) return undefined;
  const { inside, outside } = agesFor(b);
  if (outside === null) return undefined;
  const name = def.name;
  const at = gen.index.get(name)!;
  const bandText = band(b);
  const minorOnly = b.min === null && b.max === 17;
  const adultOnly = b.min === 18 && b.max === null;
  const sample = sampleValue(def);
  const atEnd = def.applicability.ageAtEnd
    ? {
        anais: reader(gen, 'ANAIS'),
        mnais: reader(gen, 'MNAIS'),
        datfin: reader(gen, gen.edition === '2016' ? 'DATFIN' : 'DATFINAD'),
      }
    : undefined;
  return {
    ...base(gen, def),
    citations: [
      ...base(gen, def).citations,
      {
        source: 'ONPE-AUDIT',
        ref: minorOnly
          ? 'Variables réservées aux mineurs'
          : adultOnly
            ? 'Variables réservées aux jeunes majeurs'
            : 'Variables non attendues',
      },
    ],
    id: `${gen.tag}-AGE-${name}`,
    family: 'AGE',
    title: { fr: `${name} seulement pour : ${bandText.fr}`, en: `${name} only for: ${bandText.en}` },
    severity: minorOnly || adultOnly ? 'error' : 'warning',
    scope: 'record',
    variables: [name, 'ANAIS', 'MNAIS', 'DATDECPE', 'DATDEB'],
    message: {
      fr: '{variable} ({label}) est renseignée pour un jeune de {age} ans à la décision ; elle ne concerne que : {band}.',
      en: '{variable} ({label}) is filled for a young person aged {age} at the decision; it only concerns: {band}.',
    },
    auditSection: minorOnly ? 'minor-only-variables' : adultOnly ? 'adult-only-variables' : 'unexpected-variables',
    examples: [
      { name: `renseignée à ${inside} ans`, records: [{ ...agedRecord(inside), [name]: sample }], fails: false },
      { name: 'âge inconnu', records: [{ ...agedRecord(outside), MNAIS: '99', [name]: sample }], fails: false },
      { name: `renseignée à ${outside} ans`, records: [{ ...agedRecord(outside), [name]: sample }], fails: true },
    ],
    precheck: { at, empty: 'pass', filled: 'check' },
    quick: { kind: 'band', format: null, events: null, min: b.min, max: b.max, condition: null, codes: null },
    check(ctx) {
      const v = ctx.row[at];
      if (v === undefined) return SKIP.absent;
      if (v === '') return null;
      if (ctx.age === undefined) return SKIP.noAge;
      if (isInAgeBand(ctx.age, b)) return null;
      if (atEnd !== undefined) {
        // The variable describes the end of the measure: the band met at the end (DATFIN) is accepted too.
        const ageEnd = ageOf(
          atEnd.anais(ctx.row, ctx.values),
          atEnd.mnais(ctx.row, ctx.values),
          atEnd.datfin(ctx.row, ctx.values),
          undefined,
        );
        if (ageEnd !== undefined && isInAgeBand(ageEnd, b)) return null;
      }
      return one(
        def,
        v,
        { fr: `vide (${bandText.fr})`, en: `empty (${bandText.en})` },
        {
          variable: name,
          label: label(def),
          age: ctx.age,
          band: bandText,
        },
      );
    },
  };
}

function modRules(gen: Gen, def: VariableDef): RecordRule[] {
  const groups = new Map<string, { band: AgeBand; codes: string[] }>();
  for (const c of def.codes) {
    if (!c.age) continue;
    const key = `${c.age.min ?? ''}-${c.age.max ?? ''}`;
    const g = groups.get(key) ?? { band: c.age, codes: [] };
    g.codes.push(c.code);
    groups.set(key, g);
  }
  const out: RecordRule[] = [];
  for (const { band: b, codes } of groups.values()) {
    const { inside, outside } = agesFor(b);
    if (outside === null) continue;
    const name = def.name;
    const at = gen.index.get(name)!;
    const slug = b.min === null ? `MAX${b.max}` : b.max === null ? `MIN${b.min}` : `${b.min}-${b.max}`;
    const bandText = band(b);
    const minorOnly = b.min === null && b.max === 17;
    const adultOnly = b.min === 18 && b.max === null;
    const reserved = new Set(codes);
    const labels = new Map(def.codes.map((c) => [c.code, { fr: c.label.fr, en: c.label.en ?? c.label.fr }]));
    const code0 = codes[0]!;
    out.push({
      ...base(gen, def),
      id: `${gen.tag}-MOD-${name}-${slug}`,
      family: 'MOD',
      title: {
        fr: `${name} ${list(codes, 'fr')} : modalités réservées à : ${bandText.fr}`,
        en: `${name} ${list(codes, 'en')}: modalities reserved to: ${bandText.en}`,
      },
      severity: 'error',
      scope: 'record',
      variables: [name, 'ANAIS', 'MNAIS', 'DATDECPE', 'DATDEB'],
      message: {
        fr: '{variable} = {value} ({codeLabel}) est réservé à : {band} ; le jeune a {age} ans à la décision.',
        en: '{variable} = {value} ({codeLabel}) is reserved to: {band}; the young person is {age} at the decision.',
      },
      ...(minorOnly
        ? { auditSection: 'minor-only-modalities' }
        : adultOnly
          ? { auditSection: 'adult-only-modalities' }
          : {}),
      examples: [
        { name: `${code0} à ${inside} ans`, records: [{ ...agedRecord(inside), [name]: code0 }], fails: false },
        { name: `${code0} à ${outside} ans`, records: [{ ...agedRecord(outside), [name]: code0 }], fails: true },
      ],
      precheck: { at, empty: reserved.has('') ? 'check' : 'pass', filled: 'check' },
      quick: {
        kind: 'reserved',
        format: null,
        events: null,
        min: b.min,
        max: b.max,
        condition: null,
        codes: reserved,
      },
      check(ctx) {
        const v = ctx.row[at];
        if (v === undefined) return SKIP.absent;
        if (!reserved.has(v)) return null;
        if (ctx.age === undefined) return SKIP.noAge;
        if (isInAgeBand(ctx.age, b)) return null;
        return one(
          def,
          v,
          { fr: `un code permis à ${ctx.age} ans`, en: `a code allowed at ${ctx.age}` },
          {
            variable: name,
            value: v,
            codeLabel: labels.get(v) ?? { fr: v, en: v },
            band: bandText,
            age: ctx.age,
          },
        );
      },
    });
  }
  return out;
}

function condRule(gen: Gen, def: VariableDef): RecordRule | undefined {
  const condition = def.applicability.condition;
  if (!condition) return undefined;
  const name = def.name;
  const at = gen.index.get(name)!;
  const reads = conditionVariables(condition);
  const readers = reads.map((r) => reader(gen, r));
  const unknowns = reads.map((r) => editionData(gen.edition).variables.find((v) => v.name === r)?.unknownCode ?? null);
  const holds = compileCondition(condition, gen);
  const condText: Text = { fr: describeCondition(condition, 'fr'), en: describeCondition(condition, 'en') };
  const ctxTrue = applicableContext(gen, def);
  const ctxFalse = { ...ctxTrue, ...assignmentFor(condition, false, gen.edition) };
  const sample = sampleValue(def);
  return {
    ...base(gen, def),
    id: `${gen.tag}-COND-${name}`,
    family: 'COND',
    title: { fr: `${name} seulement si ${condText.fr}`, en: `${name} only when ${condText.en}` },
    severity: 'error',
    scope: 'record',
    variables: [name, ...reads],
    message: {
      fr: '{variable} ({label}) est renseignée alors que la condition n’est pas remplie : {condition}.',
      en: '{variable} ({label}) is filled although its condition does not hold: {condition}.',
    },
    auditSection: 'unexpected-variables',
    examples: [
      { name: 'condition remplie', records: [{ ...ctxTrue, [name]: sample }], fails: false },
      { name: 'condition non remplie, vide', records: [{ ...ctxFalse, [name]: '' }], fails: false },
      { name: 'condition non remplie, renseignée', records: [{ ...ctxFalse, [name]: sample }], fails: true },
    ],
    precheck: { at, empty: 'pass', filled: 'check' },
    quick: {
      kind: 'holds',
      format: null,
      events: null,
      min: null,
      max: null,
      condition: quickCondition(gen, reads, unknowns, [condition]),
      codes: null,
    },
    check(ctx) {
      const v = ctx.row[at];
      if (v === undefined) return SKIP.absent;
      if (v === '') return null;
      for (let k = 0; k < readers.length; k++) {
        const rv = readers[k]!(ctx.row, ctx.values);
        if (rv === undefined || rv === unknowns[k]) return SKIP.conditionUnknown;
      }
      if (holds(ctx.row, ctx.values)) return null;
      return [
        {
          params: { variable: name, label: label(def), condition: condText },
          variables: [
            { name, value: shownValue(def, v), expected: `vide (${condText.fr} non remplie)` },
            ...reads.map((r, k) => ({ name: r, value: readers[k]!(ctx.row, ctx.values) })),
          ],
        },
      ];
    },
  };
}

/**
 * What a REQ or MISS rule reads of its variable: its name and row position, its condition, its events (`allEvents`:
 * every event of the edition) and its age band (`ageMatters`: other than the edition's population).
 */
function applicability(gen: Gen, def: VariableDef) {
  const events = new Set(def.applicability.events);
  const b = def.applicability.age;
  return {
    name: def.name,
    at: gen.index.get(def.name)!,
    condition: def.applicability.condition,
    events,
    allEvents: events.size === gen.allEvents.length,
    b,
    ageMatters: !isOpen(b) && !sameBand(b, gen.populationBand),
  };
}

/**
 * How a REQ or MISS rule's check begins (its precheck sends it the empty values): a skip when the value is absent
 * or the line's event or age is unknown where it matters (`events`, `band`: null when it does not); null (no
 * finding) when the value is filled or the line is outside the events or the band; undefined when the value is
 * empty on a line the variable concerns, its condition aside.
 */
function emptyWhereApplies(
  ctx: RecordContext,
  at: number,
  events: ReadonlySet<string> | null,
  band: AgeBand | null,
): Skip | null | undefined {
  const v = ctx.row[at];
  if (v === undefined) return SKIP.absent;
  if (v !== '') return null;
  if (events !== null) {
    if (ctx.event === undefined) return SKIP.noEvent;
    if (!events.has(ctx.event)) return null;
  }
  if (band !== null) {
    if (ctx.age === undefined) return SKIP.noAge;
    if (!isInAgeBand(ctx.age, band)) return null;
  }
  return undefined;
}

function reqRule(gen: Gen, def: VariableDef): RecordRule | undefined {
  if (def.required === null) return undefined;
  const { name, at, condition, events, allEvents, b, ageMatters } = applicability(gen, def);
  const inEvents = allEvents ? null : events;
  const inBand = ageMatters ? b : null;
  const requiredWhen = def.requiredWhen;
  const reads = [...new Set([...conditionVariables(condition), ...conditionVariables(requiredWhen)])];
  const readers = reads.map((r) => reader(gen, r));
  const holds = condition ? compileCondition(condition, gen) : undefined;
  const holdsRequired = requiredWhen ? compileCondition(requiredWhen, gen) : undefined;
  const parts: Text[] = [];
  if (!allEvents) {
    parts.push({
      fr: `${gen.eventVar} = ${list(def.applicability.events, 'fr')}`,
      en: `${gen.eventVar} = ${list(def.applicability.events, 'en')}`,
    });
  }
  if (ageMatters) parts.push(band(b));
  if (condition) parts.push({ fr: describeCondition(condition, 'fr'), en: describeCondition(condition, 'en') });
  if (requiredWhen) {
    const wrap = (t: string): string => ('any' in requiredWhen ? `(${t})` : t);
    parts.push({ fr: wrap(describeCondition(requiredWhen, 'fr')), en: wrap(describeCondition(requiredWhen, 'en')) });
  }
  const when: Text =
    parts.length === 0
      ? { fr: 'sur chaque ligne', en: 'on every line' }
      : { fr: `quand ${parts.map((p) => p.fr).join(' et ')}`, en: `when ${parts.map((p) => p.en).join(' and ')}` };
  const ctxTrue = requiredContext(gen, def);
  const examples: RuleExample[] = [
    { name: 'renseignée', records: [{ ...ctxTrue, [name]: sampleValue(def) }], fails: false },
    { name: 'vide alors qu’attendue', records: [{ ...ctxTrue, [name]: '' }], fails: true },
  ];
  if (condition) {
    examples.push({
      name: 'vide, condition non remplie',
      records: [{ ...ctxTrue, ...assignmentFor(condition, false, gen.edition), [name]: '' }],
      fails: false,
    });
  }
  if (requiredWhen) {
    const optional = condition ? { all: [condition, { not: requiredWhen }] } : { not: requiredWhen };
    examples.push({
      name: 'vide là où elle est facultative',
      records: [{ ...ctxTrue, ...assignmentFor(optional, true, gen.edition), [name]: '' }],
      fails: false,
    });
  }
  const section = `missing-${name}`;
  return {
    ...base(gen, def),
    citations: [...base(gen, def).citations, GUIDE_SECTIONS[gen.edition]],
    id: `${gen.tag}-REQ-${name}`,
    family: 'REQ',
    title: { fr: `${name} obligatoire ${when.fr}`, en: `${name} required ${when.en}` },
    severity: 'error',
    scope: 'record',
    variables: [name, ...(allEvents ? [] : [gen.eventVar]), ...reads],
    message: {
      fr: '{variable} ({label}) est vide ; elle doit être renseignée {when}.',
      en: '{variable} ({label}) is empty; it must be filled {when}.',
    },
    ...(AUDIT_MISSING.has(name) ? { auditSection: section } : {}),
    examples,
    precheck: { at, empty: 'check', filled: 'pass' },
    ...outside(
      inEvents,
      inBand,
      holds || holdsRequired
        ? quickCondition(
            gen,
            reads,
            reads.map(() => null),
            [condition, requiredWhen],
          )
        : null,
    ),
    check(ctx) {
      const out = emptyWhereApplies(ctx, at, inEvents, inBand);
      if (out !== undefined) return out;
      if (holds || holdsRequired) {
        for (const read of readers) if (read(ctx.row, ctx.values) === undefined) return SKIP.conditionUnknown;
        if (holds && !holds(ctx.row, ctx.values)) return null;
        if (holdsRequired && !holdsRequired(ctx.row, ctx.values)) return null;
      }
      return one(def, '', { fr: 'une valeur', en: 'a value' }, { variable: name, label: label(def), when });
    },
  };
}

/**
 * A "valeur manquante" (G18 p15): a variable that applies on the line (event, age, condition) and has a "ne sait
 * pas" code, left empty. The guide separates it from a "valeur vide" (not concerned); variables whose empty value
 * may mean "not concerned" (`mayBeEmpty`), required variables (REQ) and optional ones (`requiredWhen`) are left out.
 * A warning: the line can be sent, the count of unknown information is wrong.
 */
function missRule(gen: Gen, def: VariableDef): RecordRule | undefined {
  if (gen.edition !== '2016') return undefined;
  if (def.required !== null || def.unknownCode === null || def.mayBeEmpty || def.name === 'UTDP') return undefined;
  const { name, at, condition, events, allEvents, b, ageMatters } = applicability(gen, def);
  const inEvents = allEvents ? null : events;
  const inBand = ageMatters ? b : null;
  const reads = conditionVariables(condition);
  const readers = reads.map((r) => reader(gen, r));
  const unknowns = reads.map((r) => editionData(gen.edition).variables.find((v) => v.name === r)?.unknownCode ?? null);
  const holds = condition ? compileCondition(condition, gen) : undefined;
  const unknownCode = def.unknownCode;
  const ctxTrue = applicableContext(gen, def);
  const examples: RuleExample[] = [
    { name: 'renseignée', records: [{ ...ctxTrue, [name]: sampleValue(def) }], fails: false },
    { name: '« ne sait pas »', records: [{ ...ctxTrue, [name]: unknownCode }], fails: false },
    { name: 'vide alors qu’elle s’applique', records: [{ ...ctxTrue, [name]: '' }], fails: true },
  ];
  if (condition) {
    examples.push({
      name: 'vide, non concernée',
      records: [{ ...ctxTrue, ...assignmentFor(condition, false, gen.edition), [name]: '' }],
      fails: false,
    });
  }
  return {
    ...base(gen, def),
    citations: [...base(gen, def).citations, { source: 'G18', ref: 'VII (valeur manquante, valeur vide)', page: 15 }],
    id: `${gen.tag}-MISS-${name}`,
    family: 'MISS',
    title: {
      fr: `${name} : valeur manquante (vide là où elle s’applique)`,
      en: `${name}: missing value (empty where it applies)`,
    },
    severity: 'warning',
    scope: 'record',
    variables: [name, ...(allEvents ? [] : [gen.eventVar]), ...reads],
    message: {
      fr: '{variable} ({label}) est vide alors qu’elle concerne cette ligne : une information inconnue se code {unknown} (« ne sait pas »).',
      en: '{variable} ({label}) is empty although it concerns this line: unknown information is coded {unknown} ("unknown").',
    },
    examples,
    precheck: { at, empty: 'check', filled: 'pass' },
    ...outside(inEvents, inBand, holds ? quickCondition(gen, reads, unknowns, [condition]) : null),
    check(ctx) {
      const out = emptyWhereApplies(ctx, at, inEvents, inBand);
      if (out !== undefined) return out;
      if (holds) {
        for (let k = 0; k < readers.length; k++) {
          const rv = readers[k]!(ctx.row, ctx.values);
          if (rv === undefined || rv === unknowns[k]) return SKIP.conditionUnknown;
        }
        if (!holds(ctx.row, ctx.values)) return null;
      }
      return one(
        def,
        '',
        { fr: `une valeur ou ${unknownCode}`, en: `a value or ${unknownCode}` },
        { variable: name, label: label(def), unknown: unknownCode },
      );
    },
  };
}

/**
 * Generates every nomenclature rule of an edition, in the decree's order of variables, family by family.
 *
 * @example
 * nomenclatureRules('2016').some((r) => r.id === 'OL16-EVT-DATFIN'); // true
 */
export function nomenclatureRules(edition: EditionId): RecordRule[] {
  const data = editionData(edition);
  const eventDef = data.variables.find((v) => v.name === data.eventVariable);
  // The band most variables share is the edition's population (2011: minors only); it is not a rule by itself.
  const bandCount = new Map<string, { band: AgeBand; n: number }>();
  for (const v of data.variables) {
    const k = `${v.applicability.age.min}-${v.applicability.age.max}`;
    const e = bandCount.get(k) ?? { band: v.applicability.age, n: 0 };
    e.n++;
    bandCount.set(k, e);
  }
  const populationBand = [...bandCount.values()].sort((a, b) => b.n - a.n)[0]!.band;
  const gen: Gen = {
    edition,
    index: editionLayout(edition).index,
    tag: editionTag(edition),
    eventVar: data.eventVariable,
    validFrom: data.validFrom,
    validTo: data.validTo,
    populationBand,
    allEvents: eventDef?.codes.map((c) => c.code) ?? [],
  };
  const out: RecordRule[] = [];
  const push = (r: RecordRule | undefined): void => {
    if (r) out.push(r);
  };
  for (const def of data.variables) push(fmtRule(gen, def));
  for (const def of data.variables) push(reqRule(gen, def));
  for (const def of data.variables) push(missRule(gen, def));
  for (const def of data.variables) push(evtRule(gen, def));
  for (const def of data.variables) push(ageRule(gen, def));
  for (const def of data.variables) out.push(...modRules(gen, def));
  for (const def of data.variables) push(condRule(gen, def));
  return out;
}
