/**
 * Lines the guide (G18) and the aid (O15) describe as correctly coded, which olinpe rejected before (issue 13,
 * "Correct lines rejected today"). Each case cites its page; each must raise no error, and the matching wrong
 * line must still be found by a rule naming the variable.
 */
import { describe, expect, it } from 'vitest';
import { check, end2011, end2016, errors, measure2011, naming, opening2016, renewal2011, type Rec } from './records.js';

const JUDICIAL_2016: Rec = { DECISION: '2', NATPDECADM: '', TYPINTERDOM: '' };
const JUDICIAL_2011: Rec = { DECISION: '2', NATPDECADM: '', TYPINTERDOM: '', DATDEBAD: '' };

describe('G18 p9: "other" decisions fill one block or the other (2016)', () => {
  it('NATPDECADM 18 with the home-support block only', () => {
    expect(errors(opening2016({ NATPDECADM: '18', AUTREDA: 'aide éducative', TYPINTERDOM: '1' }), '2016')).toEqual([]);
  });
  it('NATPDECADM 18 with the reception block only', () => {
    const r = opening2016({
      NATPDECADM: '18',
      AUTREDA: 'accueil',
      TYPINTERDOM: '',
      LIEUACC: '1',
      ACCMOD: '1',
      AUTRLIEUACC: '1',
    });
    expect(errors(r, '2016')).toEqual([]);
  });
  it('NATPDECADM 18 with neither block: each block is reported as missing', () => {
    const f = check(opening2016({ NATPDECADM: '18', AUTREDA: 'autre', TYPINTERDOM: '' }), '2016');
    expect(naming(f, 'TYPINTERDOM').some((x) => x.severity === 'error')).toBe(true);
    expect(naming(f, 'LIEUACC').some((x) => x.severity === 'error')).toBe(true);
  });
  it('NATDECASSED 21 with the community block only (TYPDECJUD)', () => {
    expect(
      errors(opening2016({ ...JUDICIAL_2016, NATDECASSED: '21', AUTREDJ: 'autre', TYPDECJUD: '3' }), '2016'),
    ).toEqual([]);
  });
  it('NATDECASSED 21 with the placement block only', () => {
    const r = opening2016({
      ...JUDICIAL_2016,
      NATDECASSED: '21',
      AUTREDJ: 'tutelle',
      NATDECPLAC: '1',
      INSTITPLAC: '1',
      LIEUPLAC: '1',
      PLACMOD: '1',
      AUTRLIEUAR: '1',
    });
    expect(errors(r, '2016')).toEqual([]);
  });
  it('NATDECASSED 21 with neither block: each block is reported as missing', () => {
    const f = check(opening2016({ ...JUDICIAL_2016, NATDECASSED: '21', AUTREDJ: 'autre' }), '2016');
    expect(naming(f, 'TYPDECJUD').some((x) => x.severity === 'error')).toBe(true);
    expect(naming(f, 'LIEUPLAC').some((x) => x.severity === 'error')).toBe(true);
  });
});

describe('G18 p46–47: NATDECPLAC and INSTITPLAC are asked for NATDECASSED 17, 18 and 21 (2016)', () => {
  it.each(['22', '23'])('NATDECASSED %s with the place filled and NATDECPLAC, INSTITPLAC empty', (code) => {
    const r = opening2016({ ...JUDICIAL_2016, NATDECASSED: code, LIEUPLAC: '1', PLACMOD: '1', AUTRLIEUAR: '1' });
    expect(errors(r, '2016')).toEqual([]);
  });
  it('NATDECASSED 17 without NATDECPLAC is still an error naming NATDECPLAC', () => {
    const r = opening2016({
      ...JUDICIAL_2016,
      NATDECASSED: '17',
      INSTITPLAC: '1',
      LIEUPLAC: '1',
      PLACMOD: '1',
      AUTRLIEUAR: '1',
    });
    expect(naming(check(r, '2016'), 'NATDECPLAC').some((x) => x.severity === 'error')).toBe(true);
  });
});

describe('G18 p9: AED and AEMO with accommodation may give the place (2016)', () => {
  it('AED with accommodation (NATPDECADM 10, TYPINTERDOM 4) with LIEUACC', () => {
    expect(errors(opening2016({ TYPINTERDOM: '4', LIEUACC: '1' }), '2016')).toEqual([]);
  });
  it('AEMO with accommodation (NATDECASSED 16, TYPDECJUD 8) with LIEUPLAC', () => {
    expect(errors(opening2016({ ...JUDICIAL_2016, NATDECASSED: '16', TYPDECJUD: '8', LIEUPLAC: '1' }), '2016')).toEqual(
      [],
    );
  });
  it('AED without accommodation (TYPINTERDOM 2) with LIEUACC is still an error naming LIEUACC', () => {
    expect(
      naming(check(opening2016({ TYPINTERDOM: '2', LIEUACC: '1' }), '2016'), 'LIEUACC').some(
        (x) => x.severity === 'error',
      ),
    ).toBe(true);
  });
});

describe('G18 p5: a decision line sent before the measure starts (contested, recorded)', () => {
  it('TYPEV 1 with DATDEB empty raises no error', () => {
    expect(errors(opening2016({ DATDEB: '' }), '2016')).toEqual([]);
  });
  it('an end line (TYPEV 3) without DATDEB is an error naming DATDEB', () => {
    expect(naming(check(end2016({ DATDEB: '' }), '2016'), 'DATDEB').some((x) => x.severity === 'error')).toBe(true);
  });
});

describe('O15 p9: "other" measures fill one block or the other (2011)', () => {
  it('NATPDECADM 18 with the home-support block only', () => {
    expect(errors(measure2011({ NATPDECADM: '18', AUTREDA: 'autre', TYPINTERDOM: '1' }), '2011')).toEqual([]);
  });
  it('NATPDECADM 18 with the reception block only', () => {
    const r = measure2011({
      NATPDECADM: '18',
      AUTREDA: 'accueil',
      TYPINTERDOM: '',
      DATDEBAD: '',
      LIEUACC: '1',
      ACCMOD: '1',
      AUTRLIEUACC: '1',
      DATDEBACC: '2011-07-20',
    });
    expect(errors(r, '2011')).toEqual([]);
  });
  it('NATDECASSED 21 with the community block only', () => {
    const r = measure2011({
      ...JUDICIAL_2011,
      NATDECASSED: '21',
      AUTREDJ: 'autre',
      TYPDECJUD: '3',
      DATDEBINTER: '2011-07-20',
    });
    expect(errors(r, '2011')).toEqual([]);
  });
  it('NATDECASSED 21 with the placement block only', () => {
    const r = measure2011({
      ...JUDICIAL_2011,
      NATDECASSED: '21',
      AUTREDJ: 'tutelle',
      NATDECPLAC: '1',
      INSTITPLAC: '1',
      LIEUPLAC: '1',
      PLACMOD: '1',
      AUTRLIEUAR: '1',
      DATDEBPLAC: '2011-07-20',
    });
    expect(errors(r, '2011')).toEqual([]);
  });
  it('NATDECASSED 21 with neither block: each block is reported as missing', () => {
    const f = check(measure2011({ ...JUDICIAL_2011, NATDECASSED: '21', AUTREDJ: 'autre' }), '2011');
    expect(naming(f, 'TYPDECJUD').some((x) => x.severity === 'error')).toBe(true);
    expect(naming(f, 'LIEUPLAC').some((x) => x.severity === 'error')).toBe(true);
  });
});

describe('O15 p9: AED and AEMO with accommodation, the place is possible, not required (2011)', () => {
  it('AED with accommodation without LIEUACC', () => {
    expect(errors(measure2011({ TYPINTERDOM: '4' }), '2011')).toEqual([]);
  });
  it('AED with accommodation with LIEUACC', () => {
    expect(errors(measure2011({ TYPINTERDOM: '5', LIEUACC: '1' }), '2011')).toEqual([]);
  });
  it('AEMO with accommodation without LIEUPLAC', () => {
    expect(
      errors(measure2011({ ...JUDICIAL_2011, NATDECASSED: '16', TYPDECJUD: '7', DATDEBINTER: '2011-07-20' }), '2011'),
    ).toEqual([]);
  });
});

describe('O15 p7–8: a 2011 renewal is a CODEV 5 line without end date or end variables', () => {
  it('the renewal of the worked example (O15 p10) raises no error', () => {
    expect(errors(renewal2011(), '2011')).toEqual([]);
  });
  it('the end of the worked example raises no error', () => {
    expect(errors(end2011(), '2011')).toEqual([]);
  });
  it('an end (MOTFININT filled) without its end date is an error naming DATFINAD', () => {
    expect(naming(check(end2011({ DATFINAD: '' }), '2011'), 'DATFINAD').some((x) => x.severity === 'error')).toBe(true);
  });
  it('an end date without MOTFININT is an error naming MOTFININT', () => {
    expect(
      naming(check(end2011({ MOTFININT: '', NOUVDECPE: '' }), '2011'), 'MOTFININT').some((x) => x.severity === 'error'),
    ).toBe(true);
  });
});

describe('O15 p52 (annex 2) and p35: signalements and the evaluation module (2011)', () => {
  it('an assessment leading to a report (CODEV 1) leaves DATSIGN empty', () => {
    expect(errors(measure2011({ DATSIGN: '' }), '2011')).toEqual([]);
  });
  it('a direct report (CODEV 2) without DATSIGN is an error naming DATSIGN', () => {
    expect(
      naming(check(measure2011({ CODEV: '2', DATIP: '' }), '2011'), 'DATSIGN').some((x) => x.severity === 'error'),
    ).toBe(true);
  });
  it('a direct report (CODEV 2) without DATIP raises no error (prose and table disagree: recorded)', () => {
    expect(errors(measure2011({ CODEV: '2', DATIP: '', DATSIGN: '2011-06-01' }), '2011')).toEqual([]);
  });
  it.each([
    ['2', { DATIP: '', DATSIGN: '2011-06-01' }],
    ['3', { DATIP: '', DATJE: '2011-06-01' }],
  ] as const)('the evaluation module (NOTIFEVAL, FINEVAL, SUITEVAL) on CODEV %s', (codev, more) => {
    const r = measure2011({
      CODEV: codev,
      ...more,
      NOTIFEVAL: '2011-02-01',
      FINEVAL: '2011-05-01',
      SUITEVAL: '2',
      MOTIFSIG: '1',
    });
    expect(errors(r, '2011')).toEqual([]);
  });
  it('the evaluation module on a measure (CODEV 4) is still an error naming NOTIFEVAL', () => {
    const r = measure2011({ CODEV: '4', DATIP: '', NOTIFEVAL: '2011-02-01' });
    expect(naming(check(r, '2011'), 'NOTIFEVAL').some((x) => x.severity === 'error')).toBe(true);
  });
});
