/**
 * Records for the guide-conformance suite, written by hand from ONPE's 2018 guide (G18, décret 2016-1966) and
 * ONED's 2015 data-entry aid (O15, décret 2011-222), never from the rule catalogue. Every variable of the edition
 * is present (empty where the situation does not concern it), as in an extracted file.
 */
import { variables, type EditionId } from '../../../src/nomenclature/index.js';
import { validateRecord, type Finding, type RuleOptions } from '../../../src/rules/index.js';

export type Rec = Record<string, string>;

/** A pseudonym in the transmitted form (40 hexadecimal digits). */
export const ID_A = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

/** Every variable of the edition, empty. */
export function blank(edition: EditionId): Rec {
  const out: Rec = {};
  for (const v of variables(edition)) if (v.name !== 'UTDP') out[v.name] = '';
  return out;
}

/**
 * G18 p10, the guide's worked example: Martin, an information préoccupante on 2015-12-15, an assessment, then an
 * administrative decision (arrêté) on 2016-07-16 for one year. Here the decision is an AED (NATPDECADM 10,
 * TYPINTERDOM 2); the child is 10 at the decision. Variables 5–18 and the household (G18 p6: on every line) are
 * filled; the rest stays empty, as the guide allows for information the professional does not have.
 */
export function opening2016(over: Rec = {}): Rec {
  return {
    ...blank('2016'),
    NUMDEP: '84',
    NUMANONYM: ID_A,
    NUMANONYMANT: ID_A,
    TYPEV: '1',
    SEXE: '1',
    ANAIS: '2006',
    MNAIS: '03',
    DATDECPE: '2016-07-16',
    DATDEB: '2016-07-20',
    DECISION: '1',
    NATPDECADM: '10',
    TYPINTERDOM: '2',
    DATIP: '2015-12-15',
    ...over,
  };
}

/** G18 p10: the end of Martin's prestation on 2017-07-16, followed by its renewal (hypothesis 2, G18 p51). */
export function end2016(over: Rec = {}): Rec {
  return opening2016({ TYPEV: '3', DATIP: '', DATFIN: '2017-07-16', MOTFININT: '1', ...over });
}

/** G18 p10: the renewal decided on 2017-07-16. */
export function renewal2016(over: Rec = {}): Rec {
  return opening2016({ TYPEV: '2', DATIP: '', DATDECPE: '2017-07-16', DATDEB: '2017-07-16', ...over });
}

/**
 * O15 p10, the aid's worked example: Martin, an IP on 2010-12-15, an assessment leading on 2011-07-16 to a
 * measure for one year (CODEV 1), ended and renewed on 2012-07-16 (two CODEV 5 lines). Here an administrative
 * home-support measure (NATPDECADM 10, TYPINTERDOM 2). The variables the aid asks on every line (O15 p15–16) are
 * filled, mostly with their "ne sait pas" code.
 */
export function measure2011(over: Rec = {}): Rec {
  return {
    ...blank('2011'),
    NUMDEP: '84',
    CODEV: '1',
    NUMANONYM: ID_A,
    NUMANONYMANT: ID_A,
    SEXE: '1',
    MNAIS: '03',
    ANAIS: '2001',
    HANDICAP: '1',
    COMPOMENAG: '99',
    AUTREHEBER: '9',
    NBPER: '3',
    NBFRAT: '2',
    STATOCLOG: '9',
    TITAP: '99',
    RESMENAG: '9',
    REVTRAV: '9',
    MINIMA: '9',
    ALLOC: '9',
    AUTRE: '9',
    DATIP: '2010-12-15',
    DATDECPE: '2011-07-16',
    INTERANT: '1',
    PROJET: '1',
    DECISION: '1',
    NATPDECADM: '10',
    TYPINTERDOM: '2',
    DATDEBAD: '2011-07-20',
    ...over,
  };
}

/** O15 p10: the end of the intervention (CODEV 5 with the end variables 123–130 and the end date). */
export function end2011(over: Rec = {}): Rec {
  return measure2011({ CODEV: '5', DATIP: '', DATFINAD: '2012-07-16', MOTFININT: '1', NOUVDECPE: '2', ...over });
}

/** O15 p7–8, p10: the renewal (CODEV 5 with the end variables and the end dates left empty). */
export function renewal2011(over: Rec = {}): Rec {
  return measure2011({ CODEV: '5', DATIP: '', DATDECPE: '2012-07-16', DATDEBAD: '2012-07-16', ...over });
}

/** The findings of one record (every record rule of the edition). */
export function check(record: Rec, edition: EditionId, options: RuleOptions = {}): Finding[] {
  return validateRecord(record, { edition, ...options }).findings;
}

/** The errors of one record, as `ruleId` strings (sorted). */
export function errors(record: Rec, edition: EditionId, options: RuleOptions = {}): string[] {
  return check(record, edition, options)
    .filter((f) => f.severity === 'error')
    .map((f) => f.ruleId)
    .sort();
}

/** The findings naming a variable. */
export function naming(findings: readonly Finding[], variable: string): Finding[] {
  return findings.filter((f) => f.variables.some((v) => v.name === variable));
}
