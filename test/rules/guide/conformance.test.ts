/**
 * Guide conformance: for each family of constraints the guide (G18, décret 2016) and the aid (O15, décret 2011)
 * state, a correctly coded record that must raise no error, and one that breaks exactly that constraint and must be
 * found by a rule naming the variable. Written from the texts (page in each case), not from the rule catalogue: the
 * assertions name variables and severities, never rule ids.
 */
import { describe, expect, it } from 'vitest';
import { validateAll, type Finding, type RuleOptions } from '../../../src/rules/index.js';
import type { EditionId } from '../../../src/nomenclature/index.js';
import {
  check,
  end2011,
  end2016,
  errors,
  ID_A,
  measure2011,
  naming,
  opening2016,
  renewal2011,
  renewal2016,
  type Rec,
} from './records.js';

/** The record raises no error. */
function clean(record: Rec, edition: EditionId, options: RuleOptions = {}): void {
  expect(errors(record, edition, options)).toEqual([]);
}

/** The record raises a finding of this severity naming the variable. */
function found(
  record: Rec,
  edition: EditionId,
  variable: string,
  severity: Finding['severity'],
  options: RuleOptions = {},
): void {
  const f = naming(check(record, edition, options), variable);
  expect(
    f.map((x) => x.severity),
    `${variable} in ${JSON.stringify(check(record, edition, options).map((x) => x.ruleId))}`,
  ).toContain(severity);
}

/** Findings of a whole file (young-person and file rules included). */
async function run(records: Rec[], edition: EditionId, options: RuleOptions = {}): Promise<Finding[]> {
  return (await validateAll(records, { edition, ...options })).findings;
}

const JUD16: Rec = { DECISION: '2', NATPDECADM: '', TYPINTERDOM: '' };
const JUD11: Rec = { DECISION: '2', NATPDECADM: '', TYPINTERDOM: '', DATDEBAD: '' };
/** A young adult (19 at the decision of 2016-07-16), administrative educational support (G18 p45, code 20). */
const ADULT16: Rec = { ANAIS: '1997', MNAIS: '01', NATPDECADM: '20', TYPINTERDOM: '10' };

describe('event type (G18 p6, O15 p7)', () => {
  it('2016: the worked example (G18 p10), opening, end and renewal, raises no error', () => {
    clean(opening2016(), '2016');
    clean(end2016(), '2016');
    clean(renewal2016(), '2016');
  });
  it('2016: DATFIN on an opening line (G18 p6: only on the end line)', () =>
    found(opening2016({ DATFIN: '2017-07-16' }), '2016', 'DATFIN', 'error'));
  it('2016: the initial information on a renewal (G18 p6: variables 19–27 not filled)', () =>
    found(renewal2016({ DATIP: '2015-12-15' }), '2016', 'DATIP', 'error'));
  it('2011: the worked example (O15 p10), measure, end and renewal, raises no error', () => {
    clean(measure2011(), '2011');
    clean(end2011(), '2011');
    clean(renewal2011(), '2011');
  });
  it('2011: an end date on a measure line (O15 p7: filled with the end event only)', () =>
    found(measure2011({ DATFINAD: '2012-07-16' }), '2011', 'DATFINAD', 'error'));
});

describe('age (G18 p27, p30; O15: minors only)', () => {
  it('2016: MENAGEJM for a young adult', () => clean(opening2016({ ...ADULT16, MENAGEJM: '1' }), '2016'));
  it('2016: MENAGEJM for a minor (G18 p27: 18 and over only)', () =>
    found(opening2016({ MENAGEJM: '1' }), '2016', 'MENAGEJM', 'error'));
  it('2016: the household (COMPOMENAG) for a young adult (G18 p26: under 18 only)', () =>
    found(opening2016({ ...ADULT16, COMPOMENAG: '3' }), '2016', 'COMPOMENAG', 'error'));
  it('2011: DIPLOME at the end for a minor of 15 (O15: over 14)', () =>
    clean(end2011({ ANAIS: '1996', DIPLOME: '2' }), '2011'));
  // The 2011 band 14–17 is neither minors-only nor adults-only: its finding is a warning, as every such band's.
  it('2011: DIPLOME at the end for a child of 11', () =>
    found(end2011({ DIPLOME: '1' }), '2011', 'DIPLOME', 'warning'));
});

describe('filters: conditions on other variables (G18 p44, p30; O15)', () => {
  it('2016: DATPPE with a project (PROJET = 2)', () =>
    clean(opening2016({ PROJET: '2', DATPPE: '2016-07-01' }), '2016'));
  it('2016: DATPPE without a project (G18 p44: only if a PPE exists)', () =>
    found(opening2016({ PROJET: '1', DATPPE: '2016-07-01' }), '2016', 'DATPPE', 'error'));
  it('2016: adult 2 described with no adult 2 (G18 p30)', () =>
    found(opening2016({ LIENA1: '1', SEXA1: '2', SEXA2: '1' }), '2016', 'SEXA2', 'error'));
  it('2016: adults 1 and 2 described', () =>
    clean(opening2016({ LIENA1: '1', SEXA1: '2', LIENA2: '1', SEXA2: '1' }), '2016'));
  it('2011: DATSIGNPROJ with a project (PROJET = 2)', () =>
    clean(measure2011({ PROJET: '2', DATSIGNPROJ: '2011-07-01' }), '2011'));
  it('2011: DATSIGNPROJ without a project', () =>
    found(measure2011({ PROJET: '1', DATSIGNPROJ: '2011-07-01' }), '2011', 'DATSIGNPROJ', 'error'));
});

describe('required variables (G18 p9, p15; O15 p15–16)', () => {
  it('2016: the decision date left empty (G18 p9: always filled)', () =>
    found(opening2016({ DATDECPE: '' }), '2016', 'DATDECPE', 'error'));
  it('2016: MOTFININT left empty on an end (G18 p51: hypotheses 1 and 2)', () =>
    found(end2016({ MOTFININT: '' }), '2016', 'MOTFININT', 'error'));
  it('2011: HANDICAP left empty (O15 p15: on every line)', () =>
    found(measure2011({ HANDICAP: '' }), '2011', 'HANDICAP', 'error'));
  it('2011: HANDICAP unknown (9) is a correct answer', () => clean(measure2011({ HANDICAP: '9' }), '2011'));
});

describe('unknown codes and missing values (G18 p15)', () => {
  it('2016: SEXE 9, not known (G18 p15 example)', () => clean(opening2016({ SEXE: '9' }), '2016'));
  it('2016: SEXE 3, not a code', () => found(opening2016({ SEXE: '3' }), '2016', 'SEXE', 'error'));
  it('2016: HANDICAP applicable and left empty is a missing value (warning, not an error)', () => {
    const r = opening2016();
    clean(r, '2016');
    found(r, '2016', 'HANDICAP', 'warning');
  });
  it('2016: HANDICAP coded 9 is not a missing value', () => {
    expect(naming(check(opening2016({ HANDICAP: '9' }), '2016'), 'HANDICAP')).toEqual([]);
  });
  it('2016: MODACC for a child of 10 stays empty without a finding (G18 p15: valeur vide)', () => {
    expect(naming(check(opening2016(), '2016'), 'MODACC')).toEqual([]);
  });
  it('2011: SEXE 3, not a code', () => found(measure2011({ SEXE: '3' }), '2011', 'SEXE', 'error'));
});

describe('dates (G18 p7, p9, p43–53; O15 p21, p35)', () => {
  it('2016: an unknown day (99) in DATDECPE (G18 p43)', () => clean(opening2016({ DATDECPE: '2016-07-99' }), '2016'));
  it('2016: DATDECPE wholly unknown (G18 p43: no 9999-99-99 form)', () =>
    found(opening2016({ DATDECPE: '9999-99-99' }), '2016', 'DATDECPE', 'error'));
  it('2016: DATPPE wholly unknown (G18 p44)', () =>
    found(opening2016({ PROJET: '2', DATPPE: '9999-99-99' }), '2016', 'DATPPE', 'error'));
  it('2016: DATIP wholly unknown is allowed (G18 p21 sheet gives 9999-99-99)', () =>
    clean(opening2016({ DATIP: '9999-99-99' }), '2016'));
  it('2016: an end before its start (G18 p7)', () =>
    found(end2016({ DATFIN: '2016-07-01' }), '2016', 'DATFIN', 'error'));
  it('2016: a start before the decision (G18 p7: delay from decision to start) is a warning', () => {
    const r = opening2016({ DATDEB: '2016-07-01' });
    clean(r, '2016');
    found(r, '2016', 'DATDEB', 'warning');
  });
  it('2011: NOTIFEVAL after FINEVAL (O15 p35) is a warning', () => {
    const r = measure2011({ NOTIFEVAL: '2011-06-01', FINEVAL: '2011-03-01' });
    clean(r, '2011');
    found(r, '2011', 'FINEVAL', 'warning');
  });
  it('2016: no line of year N (G18 p4: decided, started or ended in N)', () => {
    clean(opening2016(), '2016', { referenceYear: 2016 });
    found(opening2016(), '2016', 'DATDECPE', 'error', { referenceYear: 2018 });
  });
  it('2011: no line of year N (O15 p5)', () => {
    clean(measure2011(), '2011', { referenceYear: 2011 });
    found(measure2011(), '2011', 'DATDECPE', 'error', { referenceYear: 2013 });
  });
});

describe('ends and renewals (G18 p5–7, p51–53; O15 p7–8)', () => {
  const born2001 = { ANAIS: '2001', MNAIS: '03' }; // 15 at the decision
  it('2016: hypothesis 1, an end not followed, with MOTIFML and DIPLOME (over 14)', () => {
    clean(end2016({ ...born2001, MOTFININT: '2', MOTIFML: '10', DIPLOME: '2' }), '2016');
  });
  it('2016: DIPLOME missing on the end of a young person over 14 (G18 p51, p53)', () => {
    found(end2016({ ...born2001, MOTFININT: '2', MOTIFML: '10' }), '2016', 'DIPLOME', 'error');
  });
  it('2016: DIPLOME accepted when the young person reaches 14 by the end (G18 p53: at the end of the measure)', () => {
    clean(end2016({ ANAIS: '2002', MNAIS: '09', DATFIN: '2017-07-16', DIPLOME: '1' }), '2016');
  });
  it('2016: hypothesis 2, an end followed by its renewal (G18 p10): MOTIFML empty', async () => {
    const f = await run([end2016(), renewal2016()], '2016');
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    expect(naming(f, 'MOTIFML').filter((x) => x.recordIndex !== undefined)).toEqual([]);
  });
  it('2016: hypothesis 2 with MOTIFML filled (G18 p51: only 100, 101 and 104)', async () => {
    const f = await run([end2016({ MOTFININT: '2', MOTIFML: '10' }), renewal2016()], '2016');
    expect(naming(f, 'MOTIFML').map((x) => x.severity)).toContain('warning');
  });
  it('2016: hypothesis 1, an end followed by nothing in the file, MOTIFML filled (G18 p51, p52)', async () => {
    const f = await run([end2016({ MOTFININT: '2', MOTIFML: '10' })], '2016');
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    expect(naming(f, 'MOTIFML')).toEqual([]);
  });
  it('2016: hypothesis 1 with MOTIFML left empty (G18 p51: variables 100 to 104 filled) is a warning', async () => {
    // A line alone cannot tell hypothesis 1 from 2: only the young person's other lines can (a warning).
    const f = await run([end2016({ MOTFININT: '2', MOTIFML: '' })], '2016');
    expect(
      naming(f, 'MOTIFML')
        .filter((x) => x.scope !== 'file')
        .map((x) => x.severity),
    ).toEqual(['warning']);
  });
  it('2016: an end on 31 December with MOTIFML empty: what follows is in the next file (G18 p51)', async () => {
    const f = await run([end2016({ DATFIN: '2017-12-31', MOTFININT: '2', MOTIFML: '' })], '2016');
    expect(naming(f, 'MOTIFML').filter((x) => x.scope !== 'file')).toEqual([]);
  });
  it('2016: death of the child (MOTIFML 18) with its date (G18 p53, variable 103)', () => {
    clean(end2016({ MOTFININT: '2', MOTIFML: '18', DATDECMIN: '2017-07' }), '2016');
  });
  it('2016: death of the child (MOTIFML 18) without DATDECMIN (G18 p53: filled when MOTIFML = 18)', () => {
    found(end2016({ MOTFININT: '2', MOTIFML: '18', DATDECMIN: '' }), '2016', 'DATDECMIN', 'error');
  });
  it('2016: a renewal with other decision variables than the measure it renews (G18 p6)', async () => {
    const f = await run([end2016(), renewal2016({ TYPINTERDOM: '3' })], '2016');
    expect(
      f.some((x) => x.severity === 'warning' && x.variables.some((v) => v.name === 'TYPEV') && x.numanonym === ID_A),
    ).toBe(true);
    const same = await run([end2016(), renewal2016()], '2016');
    expect(same.filter((x) => x.severity !== 'info' && x.variables.some((v) => v.name === 'TYPEV'))).toEqual([]);
  });
  it('2011: the renewal (O15 p7–8) and an end whose date is missing', () => {
    clean(renewal2011(), '2011');
    found(end2011({ DATFINAD: '' }), '2011', 'DATFINAD', 'error');
  });
});

describe('special cases (G18 p9, p27; O15 p9–10)', () => {
  it('2016: AED with accommodation, with its place (G18 p9)', () =>
    clean(opening2016({ TYPINTERDOM: '5', LIEUACC: '2' }), '2016'));
  it('2016: accommodation coded under another administrative decision', () =>
    found(opening2016({ NATPDECADM: '18', AUTREDA: 'autre', TYPINTERDOM: '4' }), '2016', 'NATPDECADM', 'error'));
  it('2016: AEMO with accommodation (NATDECASSED 16, TYPDECJUD 7)', () =>
    clean(opening2016({ ...JUD16, NATDECASSED: '16', TYPDECJUD: '7' }), '2016'));
  it('2016: accommodation coded under a plain AEMO (NATDECASSED 15)', () =>
    found(opening2016({ ...JUD16, NATDECASSED: '15', TYPDECJUD: '7' }), '2016', 'NATDECASSED', 'error'));
  it('2016: placement at home (NATPDECADM 14, LIEUACC 12)', () =>
    clean(opening2016({ NATPDECADM: '14', TYPINTERDOM: '', LIEUACC: '12', ACCMOD: '1', AUTRLIEUACC: '1' }), '2016'));
  it('2016: place 12 under a day reception (NATPDECADM 11) is a warning', () => {
    found(
      opening2016({ NATPDECADM: '11', TYPINTERDOM: '', LIEUACC: '12', ACCMOD: '1', AUTRLIEUACC: '1' }),
      '2016',
      'LIEUACC',
      'warning',
    );
  });
  it('2016: young-adult voluntary care with MENAGEJM 8 (G18 p27)', () =>
    clean(
      opening2016({
        ...ADULT16,
        NATPDECADM: '21',
        TYPINTERDOM: '',
        LIEUACC: '6',
        ACCMOD: '1',
        AUTRLIEUACC: '1',
        MENAGEJM: '8',
      }),
      '2016',
    ));
  it('2016: young-adult voluntary care with MENAGEJM 1', () => {
    found(
      opening2016({
        ...ADULT16,
        NATPDECADM: '21',
        TYPINTERDOM: '',
        LIEUACC: '6',
        ACCMOD: '1',
        AUTRLIEUACC: '1',
        MENAGEJM: '1',
      }),
      '2016',
      'MENAGEJM',
      'error',
    );
  });
  it('2016: NBFRAT counts the child (G18 p27): 1 is right, 0 is not', () => {
    clean(opening2016({ NBFRAT: '1' }), '2016');
    found(opening2016({ NBFRAT: '0' }), '2016', 'NBFRAT', 'error');
  });
  it('2011: a guardianship (O15 p10): NATDECASSED 21, DECAP 4, DATDECPE = DATDECAP', () => {
    const r = measure2011({
      ...JUD11,
      NATDECASSED: '21',
      AUTREDJ: 'tutelle',
      NATDECPLAC: '1',
      INSTITPLAC: '3',
      LIEUPLAC: '1',
      PLACMOD: '1',
      AUTRLIEUAR: '1',
      DATDEBPLAC: '2011-07-20',
      DECAP: '4',
      DATDECAP: '2011-07-16',
    });
    clean(r, '2011');
    expect(check(r, '2011')).toEqual([]);
    found({ ...r, DATDECAP: '2010-01-05' }, '2011', 'DATDECAP', 'warning');
  });
  it('2011: NBFRAT 0 (O15 p26)', () => found(measure2011({ NBFRAT: '0' }), '2011', 'NBFRAT', 'error'));
});

describe('identity (G18 p7, p12)', () => {
  it('2016: one NUMANONYM keeps its SEXE (G18 p7)', async () => {
    expect((await run([opening2016(), end2016()], '2016')).filter((x) => x.severity === 'error')).toEqual([]);
    const f = await run([opening2016(), end2016({ SEXE: '2' })], '2016');
    expect(naming(f, 'SEXE').map((x) => x.severity)).toContain('error');
  });
  it('2016: NUMANONYM is 40 hexadecimal digits (G18 p12)', () =>
    found(opening2016({ NUMANONYM: 'DUPONT' }), '2016', 'NUMANONYM', 'error'));
  it('2011: one NUMANONYM keeps its ANAIS', async () => {
    const f = await run([measure2011(), end2011({ ANAIS: '2002' })], '2011');
    expect(naming(f, 'ANAIS').map((x) => x.severity)).toContain('error');
  });
});

describe('UTDP (G18 p16: sent to the ODPE only)', () => {
  it('a file for the ODPE carries UTDP', () => clean(opening2016({ UTDP: '012' }), '2016', { destination: 'odpe' }));
  it('a file for the ONPE without UTDP', () => clean(opening2016({ UTDP: '' }), '2016', { destination: 'onpe' }));
  it('a file for the ONPE with UTDP', () =>
    found(opening2016({ UTDP: '012' }), '2016', 'UTDP', 'error', { destination: 'onpe' }));
});
