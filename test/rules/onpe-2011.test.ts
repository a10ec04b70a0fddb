/**
 * The ONPE sections on a 2011 file (décret 2011-222). ONPE's audit is written for the 2016 file (TYPEV, DATDEB,
 * DATFIN); a 2011 record has CODEV and one start and one end date per block instead (O15 p47–48: DATDEBPLAC,
 * DATFINPLAC, MOTFININT only on a CODEV 5 that ends the measure). Before olinpe read those equivalents, every
 * renewal and the end of the same period fell together as "judicial duplicates" (both CODEV 5, same decision), and
 * a line whose only date in year N is a block date was "out of scope": a clean 20,000-line 2011 synthetic file had
 * 1,075 and 6,787 of them. Files built by hand; counts stated by hand.
 */
import { describe, expect, it } from 'vitest';
import { audit, type AuditReport } from '../../src/rules/index.js';

type Rec = Record<string, string | undefined>;
const P = (c: string): string => c.repeat(40);
/** A judicial placement (NATDECASSED 17) of a child born in May 2008, decided in March 2014, in a 2011 file. */
const OPENING: Rec = {
  NUMANONYM: P('a'),
  NUMANONYMANT: P('a'),
  CODEV: '4',
  SEXE: '1',
  ANAIS: '2008',
  MNAIS: '05',
  DECISION: '2',
  DATDECPE: '2014-03-01',
  NATDECASSED: '17',
  NATDECPLAC: '1',
  INSTITPLAC: '3',
  DATDEBPLAC: '2014-03-05',
  LIEUPLAC: '1',
  PLACMOD: '2',
  AUTRLIEUAR: '2',
};
/** Its renewal decided in March 2015, and the end of that renewed period in September 2015 (CODEV 5 both). */
const RENEWAL: Rec = { ...OPENING, CODEV: '5', DATDECPE: '2015-03-01', DATDEBPLAC: '2015-03-05' };
const END: Rec = { ...RENEWAL, MOTFININT: '1', DATFINPLAC: '2015-09-30' };

async function run(records: Rec[], year: number): Promise<AuditReport> {
  return audit(
    records.map((values, i) => ({ values, line: i + 2, index: i })),
    { edition: '2011', year },
  );
}
const count = (r: AuditReport, id: string): number => r.sections.find((s) => s.id === id)!.count;
const lines = (r: AuditReport, id: string): (number | undefined)[] =>
  r.sections.find((s) => s.id === id)!.items.map((i) => i.line);

describe('ONPE sections read the 2011 equivalents of TYPEV, DATDEB and DATFIN', () => {
  it('0026: a renewal and the end of the same period are two events, not duplicates; a second renewal is one', async () => {
    // The same renewal entered twice (a school level differs, so it is no full duplicate, 0018).
    const again = { ...RENEWAL, NIVSCO: '440' };
    const r = await run([OPENING, RENEWAL, END, again], 2015);
    expect(count(r, 'duplicates')).toBe(0);
    expect(lines(r, 'duplicates-judicial')).toEqual([5]);
  });

  it('0036: a line is in year N when its decision, start or end date of any block is in N', async () => {
    // Decided and started in 2013, ended in 2015 (line 3): in scope in 2015; the 2014 opening (line 2) is not.
    const old = {
      ...OPENING,
      NUMANONYM: P('b'),
      NUMANONYMANT: P('b'),
      DATDECPE: '2013-06-01',
      DATDEBPLAC: '2013-06-02',
    };
    const oldEnd = { ...old, CODEV: '5', MOTFININT: '2', DATFINPLAC: '2015-01-15' };
    const home = {
      ...OPENING,
      NUMANONYM: P('c'),
      NUMANONYMANT: P('c'),
      DECISION: '1',
      NATDECASSED: undefined,
      NATDECPLAC: undefined,
      INSTITPLAC: undefined,
      DATDEBPLAC: undefined,
      LIEUPLAC: undefined,
      PLACMOD: undefined,
      AUTRLIEUAR: undefined,
      NATPDECADM: '10',
      TYPINTERDOM: '1',
      DATDECPE: '2014-12-20',
      DATDEBAD: '2015-01-05',
    };
    // The end of a measure of unknown nature (99) has no block, hence no end date in 2011: its year is unknown, not
    // judged (line 6); the same end with its 2014 decision only and an end date in 2014 is out of 2015 (line 7).
    const unknownNature = {
      ...OPENING,
      NUMANONYM: P('d'),
      NUMANONYMANT: P('d'),
      NATDECASSED: '99',
      NATDECPLAC: undefined,
      INSTITPLAC: undefined,
      DATDEBPLAC: undefined,
      LIEUPLAC: undefined,
      PLACMOD: undefined,
      AUTRLIEUAR: undefined,
      CODEV: '5',
      MOTFININT: '1',
      DATDECPE: '2014-07-20',
    };
    const endedIn2014 = {
      ...END,
      NUMANONYM: P('e'),
      NUMANONYMANT: P('e'),
      DATDECPE: '2014-03-01',
      DATDEBPLAC: '2014-03-05',
      DATFINPLAC: '2014-11-30',
    };
    // Likewise its opening decided in December 2014 and started in 2015 (line 8): no start date, year unknown.
    const unknownOpening = {
      ...unknownNature,
      NUMANONYM: P('f'),
      NUMANONYMANT: P('f'),
      CODEV: '2',
      MOTFININT: undefined,
      DATDECPE: '2014-12-29',
    };
    const r = await run([OPENING, oldEnd, home, RENEWAL, unknownNature, endedIn2014, unknownOpening], 2015);
    expect(lines(r, 'out-of-scope')).toEqual([2, 7]);
  });
});
