/**
 * Every ONPE audit section on a small file built by hand from ONPE's definition of the section (unit, condition,
 * treatment of absent, empty, "ne sait pas" and invalid values), with the count, unit and listed items stated by
 * hand; and for each recorded ONPE bug, a file on which ONPE's tool and olinpe differ: ONPE's figure (from its
 * definition, in the comment and the `onpe` constant) and olinpe's (asserted), with the discrepancy shown next to
 * the section. Codes and guide pages: G18 (ONPE guide 2018).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/index.js';
import {
  audit,
  AUDIT_SECTIONS,
  ONPE_DISCREPANCIES,
  renderAuditText,
  type AuditReport,
  type AuditOptions,
} from '../../src/rules/index.js';

type Rec = Record<string, string | undefined>;
const P = (c: string): string => c.repeat(40);
/** A judicial AEMO (NATDECASSED 15, TYPDECJUD 5) opened in 2019 for a child born in May 2010 (8 at the decision). */
const BASE: Rec = {
  NUMANONYM: P('a'),
  SEXE: '1',
  ANAIS: '2010',
  MNAIS: '05',
  TYPEV: '1',
  DECISION: '2',
  DATDECPE: '2019-03-01',
  DATDEB: '2019-03-05',
  NATDECASSED: '15',
  TYPDECJUD: '5',
};
const ADULT = { ANAIS: '2000', MNAIS: '01' }; // 19 at a 2019-03-01 decision
const at = (person: string, extra: Rec = {}): Rec => ({ ...BASE, NUMANONYM: P(person), ...extra });

async function run(records: Rec[], options: AuditOptions = { year: 2019 }): Promise<AuditReport> {
  return audit(
    records.map((values, i) => ({ values, line: i + 2, index: i })),
    options,
  );
}
function section(r: AuditReport, id: string) {
  const s = r.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}`);
  return s;
}
/** The section's count, unit and items reduced to the given keys. */
function shape(r: AuditReport, id: string, keys: readonly string[] = ['line', 'variable', 'value']) {
  const s = section(r, id);
  return {
    onpe: s.onpe,
    unit: s.unit,
    count: s.count,
    items: s.items.map((it) =>
      Object.fromEntries(
        keys
          .filter((k) => (it as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, (it as Record<string, unknown>)[k]]),
      ),
    ),
  };
}
/** The recorded discrepancies a test has shown on a file where ONPE's figure and olinpe's differ. */
const shown = new Set<string>();
function hasDiscrepancy(r: AuditReport, id: string, discrepancy: string): boolean {
  shown.add(discrepancy);
  const list = id === 'header' ? r.discrepancies : section(r, id).discrepancies;
  return list.some((d) => d.id === discrepancy);
}

describe('the base line is clean in every ONPE section but the file-level ones', () => {
  it('gives no item outside 0002, 0003, 0007 and 0099', async () => {
    const r = await run([BASE]);
    const busy = r.sections.filter((s) => s.onpe !== null && s.count > 0).map((s) => s.onpe);
    expect(busy).toEqual(['0002', '0007', '0099']);
  });
});

describe('header (ONPE: lines, distinct lines, young people, variables n/105, reference year)', () => {
  it('counts lines, distinct lines, young people and variables present against the 105 of ONPE’s list', async () => {
    // 4 lines: a, a (identical: 1 duplicate), b, and a line without NUMANONYM. Variables: the 10 of BASE plus MOTFININT
    // present but empty on one line (an empty element is present) = 11 of 105 (UTDP is not in ONPE's list).
    const r = await run([BASE, BASE, at('b'), { ...BASE, NUMANONYM: undefined, MOTFININT: '' }]);
    expect([r.records, r.distinctLines, r.youngPeople, r.variablesPresent, r.variablesTotal]).toEqual([
      4, 3, 2, 11, 105,
    ]);
    expect(r.typev).toEqual({ 1: 4 });
  });

  it('counts a pseudonym once whatever its case (ONPE: 2 young people, plus 1 for the lines without NUMANONYM)', async () => {
    const r = await run([at('a'), at('A', { DATDEB: '2019-04-01' }), { ...BASE, NUMANONYM: undefined }]);
    const onpe = 3;
    expect(r.youngPeople).toBe(1);
    expect(r.youngPeople).not.toBe(onpe);
    expect(hasDiscrepancy(r, 'header', 'onpe-header-young-people')).toBe(true);
  });

  it('infers the year as the most frequent DATDECPE year, ties to the highest, and says so; --year wins with a warning', async () => {
    const lines = [
      at('a', { DATDECPE: '2018-05-01' }),
      at('b', { DATDECPE: '2019-05-01' }),
      at('c', { DATDECPE: '9999-99-99' }),
      at('d', { DATDECPE: '9999-99-99' }),
    ];
    const r = await run(lines, {});
    // ONPE counts the prefix "9999" too: 9999 (2 lines) would win. olinpe: known years only, 2018 and 2019 tie → 2019.
    expect(r.year).toEqual({ value: 2019, source: 'inferred', inferred: 2019 });
    expect(hasDiscrepancy(r, 'header', 'onpe-year-inferred-9999')).toBe(true);
    expect(renderAuditText(r)).toContain('Année concernée : 2019 (déduite des données');
    const given = await run(lines, { year: 2018 });
    expect(given.year).toMatchObject({ value: 2018, source: 'given', inferred: 2019 });
    expect(given.year.warning).toContain('2019');
    expect((await run(lines, { year: 2019 })).year.warning).toBeUndefined();
    expect((await run([{ ...BASE, DATDECPE: '' }], {})).year).toEqual({ value: null, source: 'none', inferred: null });
  });
});

describe('0002 absent variables, 0003 always empty, 0004 always "ne sait pas" (unit: variables)', () => {
  it('0002: a variable no line carries, even empty; listed alphabetically', async () => {
    const r = await run([{ ...BASE, MOTFININT: '' }]);
    const s = section(r, 'absent-variables');
    expect([s.onpe, s.unit, s.count]).toEqual(['0002', 'variables', 105 - 11]);
    const names = s.items.map((i) => i.variable!);
    expect(names.slice(0, 3)).toEqual(['ACCFAM', 'ACCMOD', 'ALLOC']);
    expect(names).not.toContain('MOTFININT');
    expect(names).not.toContain('UTDP');
  });

  it('0003: present, and every value blank (whitespace counts as blank)', async () => {
    const r = await run([
      { ...BASE, MOTFININT: '', CHGLIEU: ' ' },
      { ...BASE, MOTFININT: '', CHGLIEU: '', NBENF: '' },
      { ...BASE, NBENF: '2' },
    ]);
    expect(shape(r, 'always-empty', ['variable'])).toEqual({
      onpe: '0003',
      unit: 'variables',
      count: 2,
      items: [{ variable: 'CHGLIEU' }, { variable: 'MOTFININT' }],
    });
  });

  it('0004: every non-empty value is the variable’s own "ne sait pas" code (ONPE’s wrong codes fixed)', async () => {
    // HANDICAP 9, TYPCLASSPE 99, TRAITINFO 9, DATDECMIN 9999-99: always "ne sait pas" → listed (ONPE lists only
    // HANDICAP: it tests TYPCLASSPE against 9, TRAITINFO against 99, DATDECMIN against 9999-99-99).
    // NBENF 3, MOTIFSIG 5, NATDECPLAC 3: informative → not listed (ONPE lists all three). SEXA1 7 (invalid): not listed.
    const nsp = {
      HANDICAP: '9',
      TYPCLASSPE: '99',
      TRAITINFO: '9',
      DATDECMIN: '9999-99',
      NBENF: '3',
      MOTIFSIG: '5',
      NATDECPLAC: '3',
      SEXA1: '7',
    };
    const r = await run([
      { ...BASE, ...nsp },
      { ...BASE, HANDICAP: '', NBENF: '' },
    ]);
    const onpe = ['HANDICAP', 'MOTIFSIG', 'NATDECPLAC', 'NBENF'];
    const olinpe = ['DATDECMIN', 'HANDICAP', 'TRAITINFO', 'TYPCLASSPE'];
    expect(shape(r, 'always-unknown', ['variable'])).toEqual({
      onpe: '0004',
      unit: 'variables',
      count: 4,
      items: olinpe.map((variable) => ({ variable })),
    });
    expect(olinpe).not.toEqual(onpe);
    expect(hasDiscrepancy(r, 'always-unknown', 'onpe-0004-nsp-codes')).toBe(true);
  });
});

describe('0005 identifier inconsistencies (unit: lines differing from the young person’s first line)', () => {
  it('A, B, B gives 2; A, B, A gives 1; absent = empty; 5 and 05 differ', async () => {
    const r = await run([
      at('a'),
      at('a', { SEXE: '2' }),
      at('a', { SEXE: '2' }),
      at('b'),
      at('b', { MNAIS: '5' }),
      at('b'),
      at('c', { SEXE: undefined }),
      at('c', { SEXE: '' }),
    ]);
    expect(shape(r, 'id-inconsistencies', ['line', 'numanonym'])).toEqual({
      onpe: '0005',
      unit: 'lines',
      count: 3,
      items: [
        { line: 3, numanonym: P('a') },
        { line: 4, numanonym: P('a') },
        { line: 6, numanonym: P('b') },
      ],
    });
  });

  it('a line without NUMANONYM belongs to no one (ONPE gives it to the previous young person: 1 item here)', async () => {
    const r = await run([at('a'), { ...BASE, NUMANONYM: undefined, SEXE: '2' }]);
    expect(section(r, 'id-inconsistencies').count).toBe(0);
    expect(hasDiscrepancy(r, 'id-inconsistencies', 'onpe-0005-person-key')).toBe(true);
  });
});

describe('0007 TYPEV (unit: lines)', () => {
  it('counts each value as written; 1, 2, 3 always shown in the text', async () => {
    const r = await run([
      at('a'),
      at('b', { TYPEV: '2' }),
      at('c', { TYPEV: '4' }),
      at('d', { TYPEV: '' }),
      at('e', { TYPEV: undefined }),
    ]);
    expect(shape(r, 'typev', ['value', 'count'])).toEqual({
      onpe: '0007',
      unit: 'lines',
      count: 4,
      items: [
        { value: '', count: 1 },
        { value: '1', count: 1 },
        { value: '2', count: 1 },
        { value: '4', count: 1 },
      ],
    });
    expect(renderAuditText(r)).toContain('TYPEV : 1 : 1, 2 : 1, 3 : 0');
  });
});

describe('0009 date formats (unit: findings, one per malformed value)', () => {
  it('flags bad shapes, impossible dates, years out of range and adults born before 1920; not partial dates', async () => {
    const r = await run([
      at('a', { DATDEB: '2019-02-30' }), // impossible date (ONPE: not flagged here, counted missing in 0032)
      at('b', { DATDECPE: '03/05/2019' }), // DD/MM/YYYY (ONPE: rewritten to 2019-05, 1 finding)
      at('c', { ANSA1: '1910', ANSA2: '9999' }), // < 1920; 9999 unknown
      at('d', { DATDCPERE: '2019-05-03' }), // a year-month is expected
      at('e', { DATDEB: '1890-01-01' }), // year out of range
      at('f', { DATDEB: '2019-99-99', DATDECPE: '2019-03-99' }), // partial dates are allowed
    ]);
    expect(shape(r, 'date-format')).toEqual({
      onpe: '0009',
      unit: 'findings',
      count: 5,
      items: [
        { line: 2, variable: 'DATDEB', value: '2019-02-30' },
        { line: 3, variable: 'DATDECPE', value: '03/05/2019' },
        { line: 4, variable: 'ANSA1', value: '1910' },
        { line: 5, variable: 'DATDCPERE', value: '2019-05-03' },
        { line: 6, variable: 'DATDEB', value: '1890-01-01' },
      ],
    });
    expect(hasDiscrepancy(r, 'date-format', 'onpe-0009-shapes')).toBe(true);
  });
});

describe('0010 birth dates (unit: messages)', () => {
  it('over 20 at the decision, and an adult less than 10 years older, on every line', async () => {
    const r = await run([
      at('a', { ANAIS: '1998', MNAIS: '01' }), // 21 at 2019-03-01 → 1
      at('b', { ANAIS: '1998', MNAIS: '04' }), // 20 → 0
      at('c', { ANSA1: '2005' }), // 5 years older → 1
      at('d', { ANSMERE: '2003' }), // 7 years older: ONPE does not look at ANSMERE → 1 here
      at('e', { ANSA1: '2000' }), // 10 years older → 0
      at('f', { ANAIS: '2045', MNAIS: '01' }), // born 26 years after the decision: ONPE "age > 20"; olinpe: birth after decision
    ]);
    expect(shape(r, 'birth-dates', ['line', 'variable'])).toEqual({
      onpe: '0010',
      unit: 'messages',
      count: 3,
      items: [
        { line: 2, variable: 'ANAIS' },
        { line: 4, variable: 'ANSA1' },
        { line: 5, variable: 'ANSMERE' },
      ],
    });
    expect(section(r, 'olinpe-birth-after-decision').items.map((i) => i.line)).toEqual([7]);
    expect(hasDiscrepancy(r, 'birth-dates', 'onpe-0010-ages')).toBe(true);
  });
});

describe('0011 and 0012: reserved to minors or to young adults (unit: one item per line and variable)', () => {
  it('0011 variables: informative values of minor-only variables for a known adult', async () => {
    const r = await run([
      at('a', { ...ADULT, COMPOMENAG: '1', ANSA1: '1980' }), // both minor-only (ONPE checks neither)
      at('b', { ...ADULT, VIOLSEX: '9' }), // "ne sait pas": not informative
      at('c', { ...ADULT, CSPJM: '3', EMPLJM: '1' }), // adult-only: ONPE puts both here (bug)
      at('d', { ANAIS: '2000', MNAIS: '99', COMPOMENAG: '1' }), // unknown age
    ]);
    expect(shape(r, 'minor-only-variables', ['line', 'variable'])).toEqual({
      onpe: '0011',
      unit: 'findings',
      count: 2,
      items: [
        { line: 2, variable: 'ANSA1' },
        { line: 2, variable: 'COMPOMENAG' },
      ].sort((x, y) => (x.variable < y.variable ? -1 : 1)),
    });
    expect(hasDiscrepancy(r, 'minor-only-variables', 'onpe-0011-variables')).toBe(true);
  });

  it('0011 modalities: minor-only codes for a known adult; never "ne sait pas" (ONPE: 4 items here)', async () => {
    const r = await run([
      at('a', { ...ADULT, NATDECASSED: '15' }), // minor-only code → 1
      at('b', { ...ADULT, NATDECASSED: '99', TYPDECJUD: '' }), // ONPE flags 99
      at('c', { ...ADULT, DECISION: '1', NATDECASSED: '', TYPDECJUD: '', NATPDECADM: '11' }), // ONPE flags 11
      at('d', { ...ADULT, DECISION: '1', NATDECASSED: '', TYPDECJUD: '', NATPDECADM: '99' }), // ONPE flags 99
    ]);
    expect(shape(r, 'minor-only-modalities')).toEqual({
      onpe: '0011',
      unit: 'findings',
      count: 1,
      items: [{ line: 2, variable: 'NATDECASSED', value: '15' }],
    });
    expect(hasDiscrepancy(r, 'minor-only-modalities', 'onpe-0011-modalities')).toBe(true);
  });

  it('0012 variables and modalities: adult-only variables and codes for a known minor; unknown age skipped', async () => {
    const r = await run([
      at('a', { CSPJM: '3' }), // ONPE: minor-only, so not here
      at('b', { MENAGEJM: '1' }),
      at('c', { ANAIS: '2010', MNAIS: '99', MENAGEJM: '1' }), // unknown age: ONPE flags it (unknown = minor)
      at('d', { DECISION: '1', NATDECASSED: '', TYPDECJUD: '', NATPDECADM: '20' }),
      at('e', { DECISION: '1', NATDECASSED: '', TYPDECJUD: '', NATPDECADM: '10', TYPINTERDOM: '10' }), // ONPE: not checked
    ]);
    expect(shape(r, 'adult-only-variables', ['line', 'variable'])).toEqual({
      onpe: '0012',
      unit: 'findings',
      count: 2,
      items: [
        { line: 2, variable: 'CSPJM' },
        { line: 3, variable: 'MENAGEJM' },
      ],
    });
    expect(shape(r, 'adult-only-modalities')).toEqual({
      onpe: '0012',
      unit: 'findings',
      count: 2,
      items: [
        { line: 5, variable: 'NATPDECADM', value: '20' },
        { line: 6, variable: 'TYPINTERDOM', value: '10' },
      ],
    });
    expect(hasDiscrepancy(r, 'adult-only-variables', 'onpe-unknown-age')).toBe(true);
    expect(hasDiscrepancy(r, 'adult-only-modalities', 'onpe-0012-typinterdom-10')).toBe(true);
  });
});

describe('0013 unexpected variables (unit: one item per line and variable; the guide’s conditions)', () => {
  it('flags informative values whose condition does not hold; never "ne sait pas", empty or absent', async () => {
    const r = await run([
      at('a', { TRAITINFO: '3', DATJE: '2019-02-01' }), // TYPEV 1: expected by the guide (ONPE: needs TRAITINFO 4 → flags)
      at('b', { TYPEV: '2', DATJE: '2019-02-01' }), // a renewal: not expected → 1
      at('c', { NATDECASSED: '17', TYPDECJUD: '99' }), // "ne sait pas": never flagged
      at('d', { NATDECASSED: '17', TYPDECJUD: '5' }), // TYPDECJUD not for a placement → 1
      at('e', { DECISION: '1', NATDECASSED: '', TYPDECJUD: '', NATPDECADM: '11', AUTREDA: 'Jean Dupont' }), // AUTREDA only for 18 → 1 (ONPE: DECISION 1, so no); free text never repeated
      at('f', { DATFIN: '2019-06-01' }), // DATFIN on TYPEV 1: 0058, not here
      at('g', { NATDECASSED: '99', TYPDECJUD: '', LIEUPLAC: '1' }), // condition variable "ne sait pas": cannot judge
    ]);
    expect(shape(r, 'unexpected-variables')).toEqual({
      onpe: '0013',
      unit: 'findings',
      count: 3,
      items: [
        { line: 3, variable: 'DATJE', value: '2019-02-01' },
        { line: 5, variable: 'TYPDECJUD', value: '5' },
        { line: 6, variable: 'AUTREDA', value: '(11 caractères)' },
      ],
    });
    expect(hasDiscrepancy(r, 'unexpected-variables', 'onpe-0013-ties')).toBe(true);
    expect(JSON.stringify(r)).not.toContain('Dupont');
    expect(renderAuditText(r)).not.toContain('Dupont');
  });
});

describe('0018, 0022, 0026 duplicates (unit: lines)', () => {
  it('0018: a line identical to an earlier line of the same young person; absent = empty', async () => {
    const r = await run([at('a', { MOTFININT: '' }), at('a'), at('a'), at('b'), at('a', { DATDEB: '2019-03-06' })]);
    expect(shape(r, 'duplicates', ['line', 'numanonym'])).toEqual({
      onpe: '0018',
      unit: 'lines',
      count: 2,
      items: [
        { line: 3, numanonym: P('a') },
        { line: 4, numanonym: P('a') },
      ],
    });
    expect(r.distinctLines).toBe(3);
  });

  it('0018: two lines that differ only in the day of a DD/MM/YYYY date are not duplicates (ONPE drops the day: 1)', async () => {
    const r = await run([at('a', { DATDEB: '05/03/2019' }), at('a', { DATDEB: '06/03/2019' })]);
    const onpe = 1;
    expect(section(r, 'duplicates').count).toBe(0);
    expect(section(r, 'duplicates').count).not.toBe(onpe);
    expect(hasDiscrepancy(r, 'duplicates', 'onpe-0018-rewrites')).toBe(true);
  });

  it('0022: administrative lines with the same 6 fields, extra lines counted (ONPE: groups, over a concatenation)', async () => {
    const adm = (person: string, extra: Rec) =>
      at(person, { DECISION: '1', NATDECASSED: '', TYPDECJUD: '', NATPDECADM: '10', TYPINTERDOM: '2', ...extra });
    const r = await run([
      adm('a', {}),
      adm('a', { DATDEB: '2019-04-01' }), // same key → 1
      adm('a', { DATDEB: '2019-05-01' }), // same key → 1 (ONPE: the 3 lines are 1 group)
      adm('b', { LIEUACC: '1', TYPINTERDOM: '' }),
      adm('b', { LIEUACC: '', TYPINTERDOM: '1', DATDEB: '2019-04-01' }), // ONPE: "1"+"" = ""+"1" → a group; olinpe: different
    ]);
    expect(shape(r, 'duplicates-administrative', ['line', 'numanonym'])).toEqual({
      onpe: '0022',
      unit: 'lines',
      count: 2,
      items: [
        { line: 3, numanonym: P('a') },
        { line: 4, numanonym: P('a') },
      ],
    });
    expect(hasDiscrepancy(r, 'duplicates-administrative', 'onpe-0022-groups')).toBe(true);
  });

  it('0026: judicial lines with the same 6 fields; full duplicates left to 0018', async () => {
    const r = await run([at('a'), at('a', { DATDEB: '2019-04-01' }), at('a')]);
    expect(shape(r, 'duplicates-judicial', ['line'])).toEqual({
      onpe: '0026',
      unit: 'lines',
      count: 1,
      items: [{ line: 3 }],
    });
    expect(section(r, 'duplicates').count).toBe(1);
  });
});

describe('0028–0056 missing variables (unit: lines; absent = empty = not a code of the variable)', () => {
  const END = { TYPEV: '3', DATFIN: '2019-06-01', MOTFININT: '1' };
  it('0028 DECISION: absent, empty or invalid (ONPE: "3" is read as position 2 and escapes)', async () => {
    const r = await run([
      at('a', { DECISION: undefined }),
      at('b', { DECISION: '' }),
      at('c', { DECISION: '3' }),
      at('d'),
    ]);
    expect(shape(r, 'missing-DECISION', ['line'])).toEqual({
      onpe: '0028',
      unit: 'lines',
      count: 3,
      items: [{ line: 2 }, { line: 3 }, { line: 4 }],
    });
    expect(hasDiscrepancy(r, 'missing-DECISION', 'onpe-enum-coercion')).toBe(true);
  });

  it('0030, 0032: a date is there when it is a valid date with every part known', async () => {
    const r = await run([
      at('a', { DATDECPE: undefined }),
      at('b', { DATDECPE: '9999-99-99' }),
      at('c', { DATDECPE: '2019-99-99' }),
      at('d', { DATDEB: '2019-02-30' }),
      at('e'),
    ]);
    expect(shape(r, 'missing-DATDECPE', ['line'])).toEqual({
      onpe: '0030',
      unit: 'lines',
      count: 3,
      items: [{ line: 2 }, { line: 3 }, { line: 4 }],
    });
    expect(shape(r, 'missing-DATDEB', ['line'])).toEqual({
      onpe: '0032',
      unit: 'lines',
      count: 1,
      items: [{ line: 5 }],
    });
  });

  it('0034 DATFIN and 0035 MOTFININT on ends (ONPE also counts TYPEV 4, stored as 3)', async () => {
    const r = await run([
      at('a', { ...END, DATFIN: undefined, MOTFININT: undefined }), // both left out, as real exports do → 1 + 1
      at('b', { ...END, MOTFININT: '9' }), // "ne sait pas" is a code → 0
      at('c', { ...END, MOTFININT: '7' }), // invalid → 1
      at('d', { TYPEV: '4' }), // not an end for olinpe
    ]);
    expect(shape(r, 'missing-DATFIN', ['line'])).toEqual({
      onpe: '0034',
      unit: 'lines',
      count: 1,
      items: [{ line: 2 }],
    });
    expect(shape(r, 'missing-MOTFININT', ['line', 'value'])).toEqual({
      onpe: '0035',
      unit: 'lines',
      count: 2,
      items: [
        { line: 2, value: '' },
        { line: 4, value: '7' },
      ],
    });
  });

  it('0038 NATPDECADM, 0044 TYPINTERDOM, 0048 NATDECASSED', async () => {
    const r = await run([
      at('a', { DECISION: '1', NATDECASSED: '', TYPDECJUD: '' }), // NATPDECADM missing → 0038
      at('b', { DECISION: '1', NATDECASSED: '', TYPDECJUD: '', NATPDECADM: '20' }), // adult code for a minor; TYPINTERDOM missing → 0044
      at('c', { NATDECASSED: '12', TYPDECJUD: '' }), // invalid code → 0048
    ]);
    expect(shape(r, 'missing-NATPDECADM', ['line']).items).toEqual([{ line: 2 }]);
    expect(shape(r, 'missing-TYPINTERDOM', ['line']).items).toEqual([{ line: 3 }]);
    expect(shape(r, 'missing-NATDECASSED', ['line', 'value']).items).toEqual([{ line: 4, value: '12' }]);
  });

  it('0045–0047 on an administrative reception, NATPDECADM 18 included (ONPE leaves it out); ACCMOD against its own codes', async () => {
    const acc = (p: string, extra: Rec) =>
      at(p, {
        DECISION: '1',
        NATDECASSED: '',
        TYPDECJUD: '',
        NATPDECADM: '11',
        LIEUACC: '1',
        ACCMOD: '1',
        AUTRLIEUACC: '1',
        ...extra,
      });
    const r = await run([
      acc('a', { NATPDECADM: '18', AUTREDA: 'x', LIEUACC: undefined }),
      acc('b', { ACCMOD: '2' }),
      acc('c', { AUTRLIEUACC: '' }),
    ]);
    // ONPE: LIEUACC 0 (18 left out), ACCMOD 1 (2 is not in LIEUACC's list… it is: 0 here), AUTRLIEUACC 1.
    expect(shape(r, 'missing-LIEUACC', ['line']).items).toEqual([{ line: 2 }]);
    expect(section(r, 'missing-ACCMOD').count).toBe(0);
    expect(shape(r, 'missing-AUTRLIEUACC', ['line']).items).toEqual([{ line: 4 }]);
    expect(hasDiscrepancy(r, 'missing-LIEUACC', 'onpe-0045-natpdecadm-18')).toBe(true);
  });

  it('0049 TYPDECJUD: "ne sait pas" 99 is a code (ONPE counts it missing: 2 here)', async () => {
    const r = await run([at('a', { TYPDECJUD: '99' }), at('b', { TYPDECJUD: undefined })]);
    const onpe = 2;
    expect(shape(r, 'missing-TYPDECJUD', ['line'])).toEqual({
      onpe: '0049',
      unit: 'lines',
      count: 1,
      items: [{ line: 3 }],
    });
    expect(section(r, 'missing-TYPDECJUD').count).not.toBe(onpe);
    expect(hasDiscrepancy(r, 'missing-TYPDECJUD', 'onpe-0049-typdecjud-99')).toBe(true);
  });

  it('0050–0054 on a judicial placement {17, 18, 21, 22, 23}; LIEUPLAC 20 is a code (ONPE: 20 missing, 21 and 22 left out)', async () => {
    const plac = (p: string, extra: Rec) =>
      at(p, {
        NATDECASSED: '17',
        TYPDECJUD: '',
        INSTITPLAC: '3',
        NATDECPLAC: '2',
        LIEUPLAC: '1',
        PLACMOD: '1',
        AUTRLIEUAR: '1',
        ...extra,
      });
    const r = await run([
      plac('a', { LIEUPLAC: '20' }), // ONPE 0052: 1; olinpe 0
      plac('b', { NATDECASSED: '21', AUTREDJ: 'x', LIEUPLAC: undefined }), // ONPE 0052: 0 (21 left out); olinpe 1
      // NATDECASSED 21 with the placement block (G18 p9); 22 and 23 do not require INSTITPLAC, NATDECPLAC (p46–47).
      plac('c', { NATDECASSED: '21', AUTREDJ: 'x', INSTITPLAC: undefined, NATDECPLAC: '' }), // ONPE 0050/0051: 0; olinpe 1 + 1
      plac('d', { PLACMOD: '', AUTRLIEUAR: undefined }),
    ]);
    expect(shape(r, 'missing-LIEUPLAC', ['line']).items).toEqual([{ line: 3 }]);
    expect(shape(r, 'missing-INSTITPLAC', ['line']).items).toEqual([{ line: 4 }]);
    expect(shape(r, 'missing-NATDECPLAC', ['line']).items).toEqual([{ line: 4 }]);
    expect(shape(r, 'missing-PLACMOD', ['line']).items).toEqual([{ line: 5 }]);
    expect(shape(r, 'missing-AUTRLIEUAR', ['line']).items).toEqual([{ line: 5 }]);
    expect(hasDiscrepancy(r, 'missing-LIEUPLAC', 'onpe-0052-lieuplac-20')).toBe(true);
    expect(hasDiscrepancy(r, 'missing-INSTITPLAC', 'onpe-0050-placement-condition')).toBe(true);
  });

  it('0056 CHGLIEU: on a minor’s renewal of a placement or reception only (ONPE: every renewal, 3 here)', async () => {
    const r = await run([
      at('a', {
        TYPEV: '2',
        NATDECASSED: '17',
        TYPDECJUD: '',
        LIEUPLAC: '1',
        INSTITPLAC: '3',
        NATDECPLAC: '2',
        PLACMOD: '1',
        AUTRLIEUAR: '1',
      }), // → 1
      at('b', { TYPEV: '2' }), // AEMO renewal: not required
      at('c', {
        TYPEV: '2',
        ...ADULT,
        NATDECASSED: '21',
        AUTREDJ: 'x',
        TYPDECJUD: '10',
        LIEUPLAC: '1',
        INSTITPLAC: '3',
        NATDECPLAC: '2',
        PLACMOD: '1',
        AUTRLIEUAR: '1',
      }), // adult
    ]);
    const onpe = 3;
    expect(shape(r, 'missing-CHGLIEU', ['line'])).toEqual({
      onpe: '0056',
      unit: 'lines',
      count: 1,
      items: [{ line: 2 }],
    });
    expect(section(r, 'missing-CHGLIEU').count).not.toBe(onpe);
    expect(hasDiscrepancy(r, 'missing-CHGLIEU', 'onpe-0056-chglieu')).toBe(true);
  });
});

describe('0036 out of scope (unit: lines; the year given or inferred)', () => {
  it('a line none of whose DATDECPE, DATDEB, DATFIN is in year N; a readable year counts even with 99', async () => {
    const r = await run([
      at('a', { DATDECPE: '2018-03-01', DATDEB: '2018-03-05' }), // → 1
      at('b', { DATDECPE: '2018-03-01', DATDEB: '2018-03-05', TYPEV: '3', DATFIN: '2019-99-99', MOTFININT: '1' }), // ONPE: out (0000-00-00); olinpe: in 2019
      at('c'),
      at('d', { DATDECPE: '', DATDEB: '' }), // no date at all → 1
    ]);
    expect(shape(r, 'out-of-scope', ['line'])).toEqual({
      onpe: '0036',
      unit: 'lines',
      count: 2,
      items: [{ line: 2 }, { line: 5 }],
    });
    expect(hasDiscrepancy(r, 'out-of-scope', 'onpe-0036-unreadable-years')).toBe(true);
  });
});

describe('0058, 0060, 0095, 0099', () => {
  it('0058: a filled end date on a line that is not an end (TYPEV ≠ 3, empty included)', async () => {
    const r = await run([
      at('a', { DATFIN: '2019-06-01' }),
      at('b', { DATFIN: '9999-99-99' }),
      at('c', { TYPEV: '', DATFIN: '2019-06-01' }),
      at('d', { TYPEV: '3', DATFIN: '2019-06-01', MOTFININT: '1' }),
      at('e', { DATFIN: '01/06/2019' }), // ONPE: stored as 0000-00-00, not "20%": not listed
    ]);
    const onpe = 2;
    expect(shape(r, 'datfin-not-end', ['line'])).toEqual({
      onpe: '0058',
      unit: 'lines',
      count: 3,
      items: [{ line: 2 }, { line: 4 }, { line: 6 }],
    });
    expect(section(r, 'datfin-not-end').count).not.toBe(onpe);
    expect(hasDiscrepancy(r, 'datfin-not-end', 'onpe-0058-datfin')).toBe(true);
  });

  it('0060: an end whose young person has no opening with the same decision variables (ONPE: any person’s DATDEB)', async () => {
    const end = { TYPEV: '3', DATFIN: '2019-06-01', MOTFININT: '1' };
    const r = await run([
      at('a'),
      at('a', end), // its opening above → 0
      at('b', end), // only a's line has this DATDEB: ONPE finds an opening; olinpe: orphan → 1
      at('c', { ...end, DATDECPE: '2018-03-01', DATDEB: '2018-03-05' }), // opened before 2019: in an earlier file → 0
    ]);
    expect(shape(r, 'end-without-opening', ['line', 'numanonym'])).toEqual({
      onpe: '0060',
      unit: 'lines',
      count: 1,
      items: [{ line: 4, numanonym: P('b') }],
    });
    expect(hasDiscrepancy(r, 'end-without-opening', 'onpe-0060-any-person')).toBe(true);
  });

  it('0095: more than 730 days between DATDEB and DATFIN, longest first', async () => {
    const r = await run([
      at('a', { DATDEB: '2017-01-01', TYPEV: '3', DATFIN: '2019-01-01', MOTFININT: '1' }), // 730 days → 0
      at('b', { DATDEB: '2016-12-31', TYPEV: '3', DATFIN: '2019-01-01', MOTFININT: '1' }), // 731 → 1
      at('c', { DATDEB: '2015-01-01', TYPEV: '3', DATFIN: '2019-01-01', MOTFININT: '1' }), // 1461 → 1
    ]);
    expect(shape(r, 'excessive-duration', ['line', 'value'])).toEqual({
      onpe: '0095',
      unit: 'lines',
      count: 2,
      items: [
        { line: 4, value: '1461' },
        { line: 3, value: '731' },
      ],
    });
  });

  it('0099: lines and distinct young people by the year of their own DATDECPE', async () => {
    // ONPE gives the line without DATDECPE (line 4, person d) the year of the line before it (2018): 2 young people
    // in 2018. olinpe: d has no decision year.
    const r = await run([
      at('b'),
      at('a', { DATDECPE: '2018-01-02' }),
      at('d', { DATDECPE: '' }),
      at('a'),
      at('c', { DATDECPE: '9999-99-99' }),
    ]);
    const onpe2018 = 2;
    expect(shape(r, 'decision-years', ['value', 'people']).items[0]).not.toEqual({ value: '2018', people: onpe2018 });
    expect(hasDiscrepancy(r, 'decision-years', 'onpe-0099-years')).toBe(true);
    expect(shape(r, 'decision-years', ['value', 'count', 'people'])).toEqual({
      onpe: '0099',
      unit: 'years',
      count: 3,
      items: [
        { value: '2018', count: 1, people: 1 },
        { value: '2019', count: 2, people: 2 },
        { value: 'inconnue', count: 1, people: 1 },
      ],
    });
  });
});

describe('the recorded ONPE discrepancies', () => {
  it('each names ONPE sections that exist, a guide reference, and both behaviours in French and English', () => {
    const numbers = new Set(AUDIT_SECTIONS.map((s) => s.onpe).filter((n) => n !== null));
    for (const d of ONPE_DISCREPANCIES) {
      for (const n of d.onpe) expect(n === 'header' || numbers.has(n), `${d.id} ${n}`).toBe(true);
      for (const t of [d.onpeDoes, d.olinpeDoes, d.why]) expect(t.fr.length > 0 && t.en.length > 0, d.id).toBe(true);
      expect(d.source.doc).toBe('G18');
    }
    expect(new Set(ONPE_DISCREPANCIES.map((d) => d.id)).size).toBe(ONPE_DISCREPANCIES.length);
  });

  it('are shown next to their section in the JSON, text and HTML reports; olinpe’s own sections carry no ONPE number', async () => {
    const r = await run([BASE]);
    const json = JSON.parse(JSON.stringify(r)) as AuditReport;
    const chglieu = json.sections.find((s) => s.id === 'missing-CHGLIEU')!;
    expect(chglieu.onpe).toBe('0056');
    expect(chglieu.discrepancies.map((d) => d.id)).toContain('onpe-0056-chglieu');
    for (const s of json.sections) expect(s.id.startsWith('olinpe-')).toBe(s.onpe === null);
    const text = renderAuditText(r);
    const at56 = text.indexOf('[missing-CHGLIEU]');
    expect(text.indexOf('[onpe-0056-chglieu]', at56)).toBeGreaterThan(at56);
    expect(text.indexOf('[onpe-0056-chglieu]', at56)).toBeLessThan(text.indexOf('[datfin-not-end]'));
    const html = renderReportHtml({ kind: 'audit', audit: r });
    const block = html.slice(html.indexOf('id="audit-missing-CHGLIEU"'), html.indexOf('id="audit-datfin-not-end"'));
    expect(block).toContain('ONPE 0056');
    expect(block).toContain('id="onpe-onpe-0056-chglieu"');
  });

  it('the audit guide (docs/guides/audit.md) names every section with its ONPE number, and every discrepancy', () => {
    const doc = readFileSync(new URL('../../docs/guides/audit.md', import.meta.url), 'utf8');
    const rows = doc
      .slice(doc.indexOf('## Sections'))
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    for (const s of AUDIT_SECTIONS) {
      const row = rows.find((l) => l.includes(`\`${s.id}\``));
      expect(row, s.id).toBeDefined();
      if (s.onpe) expect(row, s.id).toContain(s.onpe);
    }
    for (const d of ONPE_DISCREPANCIES) expect(doc, d.id).toContain(`\`${d.id}\``);
  });

  it('every recorded discrepancy is shown above on a file where ONPE’s figure and olinpe’s differ', () => {
    expect([...shown].sort()).toEqual(ONPE_DISCREPANCIES.map((d) => d.id).sort());
  });
});
