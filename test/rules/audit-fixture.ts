/**
 * A realistic 2019 extraction built from the guide's worked examples (III) and one deliberate defect per
 * audit section, with counts verified by hand (see audit.test.ts). 17 lines, 9 young people.
 */
import { variables, variable } from '../../src/nomenclature/index.js';

const id = (c: string): string => c.repeat(40);
/** First known code of a variable (never the unknown code). */
const code = (name: string): string =>
  variable(name)!.codes.find((c) => c.code !== variable(name)!.unknownCode && !c.age)!.code;

/** The columns of the file: every 2016 variable except NBCHGLIEU (absent on purpose). */
export const COLUMNS = variables('2016')
  .map((v) => v.name)
  .filter((n) => n !== 'NBCHGLIEU');

function line(person: string, birth: [string, string], values: Record<string, string>): Record<string, string> {
  const r: Record<string, string> = {};
  for (const n of COLUMNS) r[n] = '';
  Object.assign(r, {
    NUMDEP: '35',
    NUMANONYM: id(person),
    NUMANONYMANT: id(person),
    SEXE: '2',
    ANAIS: birth[0],
    MNAIS: birth[1],
    HANDICAP: '9', // always "ne sait pas": one item of always-unknown
    INTERANT: '1',
  });
  return Object.assign(r, values);
}

// AEMO with accommodation: NATDECASSED 16 is recorded with TYPDECJUD 7 or 8 (G18 p9).
const AEMO = (decided: string, start: string) => ({
  DATDECPE: decided,
  DECISION: '2',
  DATDEB: start,
  NATDECASSED: '16',
  TYPDECJUD: '7',
});
const PLACEMENT = (decided: string, start: string) => ({
  DATDECPE: decided,
  DECISION: '2',
  DATDEB: start,
  NATDECASSED: '17',
  NATDECPLAC: code('NATDECPLAC'),
  INSTITPLAC: code('INSTITPLAC'),
  LIEUPLAC: code('LIEUPLAC'),
  PLACMOD: code('PLACMOD'),
  AUTRLIEUAR: code('AUTRLIEUAR'),
});

export const FIXTURE: Record<string, string>[] = [
  // A — decided and started in N, ended in N: opening and end (clean).
  line('a', ['2010', '03'], { TYPEV: '1', ...AEMO('2019-02-01', '2019-02-05') }),
  line('a', ['2010', '03'], { TYPEV: '3', ...AEMO('2019-02-01', '2019-02-05'), DATFIN: '2019-11-30', MOTFININT: '1' }),
  // B — guide example 2: decided in N-1, started in N, ended and renewed in N (clean).
  line('b', ['2008', '06'], { TYPEV: '1', ...PLACEMENT('2018-12-10', '2019-01-07') }),
  line('b', ['2008', '06'], {
    TYPEV: '3',
    ...PLACEMENT('2018-12-10', '2019-01-07'),
    DATFIN: '2019-06-30',
    MOTFININT: '1',
  }),
  line('b', ['2008', '06'], { TYPEV: '2', ...PLACEMENT('2019-06-25', '2019-07-01'), CHGLIEU: '1' }),
  // C — an end with no opening (start in N); an end of a measure started in N-2 (exempt) lasting 852 days.
  line('c', ['2006', '01'], { TYPEV: '3', ...AEMO('2019-02-20', '2019-03-01'), DATFIN: '2019-09-01', MOTFININT: '1' }),
  line('c', ['2006', '01'], { TYPEV: '3', ...AEMO('2017-04-20', '2017-05-01'), DATFIN: '2019-08-31', MOTFININT: '1' }),
  // D — young adult (19): adult-only code 20 is right, but COMPOMENAG (minors only) is filled.
  line('d', ['2000', '01'], {
    TYPEV: '1',
    DATDECPE: '2019-05-02',
    DECISION: '1',
    DATDEB: '2019-05-02',
    NATPDECADM: '20',
    TYPINTERDOM: '10',
    COMPOMENAG: '1',
  }),
  // E — minor (15) with the adult-only code 21, LIEUACC missing, MENAGEJM (adults only) filled.
  line('e', ['2004', '02'], {
    TYPEV: '1',
    DATDECPE: '2019-05-10',
    DECISION: '1',
    DATDEB: '2019-05-10',
    NATPDECADM: '21',
    ACCMOD: code('ACCMOD'),
    AUTRLIEUACC: code('AUTRLIEUACC'),
    MENAGEJM: '1',
  }),
  // F — an AED line, its full duplicate, and the same line with another ANAIS (administrative duplicate).
  line('f', ['2012', '05'], {
    TYPEV: '1',
    DATDECPE: '2019-04-01',
    DECISION: '1',
    DATDEB: '2019-04-08',
    NATPDECADM: '10',
    TYPINTERDOM: '1',
  }),
  line('f', ['2012', '05'], {
    TYPEV: '1',
    DATDECPE: '2019-04-01',
    DECISION: '1',
    DATDEB: '2019-04-08',
    NATPDECADM: '10',
    TYPINTERDOM: '1',
  }),
  line('f', ['2013', '05'], {
    TYPEV: '1',
    DATDECPE: '2019-04-01',
    DECISION: '1',
    DATDEB: '2019-04-08',
    NATPDECADM: '10',
    TYPINTERDOM: '1',
  }),
  // G — a line entirely in N-2 (out of scope), and a renewal carrying DATFIN.
  line('0', ['2009', '09'], { TYPEV: '1', ...AEMO('2017-03-01', '2017-03-10') }),
  line('0', ['2009', '09'], { TYPEV: '2', ...AEMO('2019-03-01', '2019-03-05'), DATFIN: '2019-10-01' }),
  // H — DECISION missing, DATDEB not a calendar date, an adult born in 1910.
  line('1', ['2011', '01'], { TYPEV: '1', DATDECPE: '2019-02-14', DATDEB: '2019-02-30', LIENA1: '1', ANSA1: '1910' }),
  // J — an opening and its end without DATFIN nor MOTFININT.
  line('2', ['2007', '07'], { TYPEV: '1', ...AEMO('2019-01-10', '2019-01-15') }),
  line('2', ['2007', '07'], { TYPEV: '3', ...AEMO('2019-01-10', '2019-01-15') }),
];

/** The fixture as a `;`-separated CSV with a header row. */
export function fixtureCsv(): string {
  return `${[COLUMNS.join(';'), ...FIXTURE.map((r) => COLUMNS.map((c) => r[c] ?? '').join(';'))].join('\n')}\n`;
}
