/** Hand-built event lines for the analysis tests. */
import type { RecordLike } from '../../src/analysis/index.js';

export const ID_A = 'a'.repeat(40);
export const ID_A2 = 'a'.repeat(39) + 'b';
export const ID_B = 'b'.repeat(40);
export const ID_C = 'c'.repeat(40);

const child = (id: string, ant = id, sex = '1', anais = '2008', mnais = '05'): RecordLike => ({
  NUMDEP: '84',
  NUMANONYM: id,
  NUMANONYMANT: ant,
  SEXE: sex,
  ANAIS: anais,
  MNAIS: mnais,
});

/** An AEMO decision (judicial 15) with its decision variables. */
export const aemo = (decpe: string, deb: string) => ({
  DECISION: '2',
  NATDECASSED: '15',
  TYPDECJUD: '5',
  NATPDECADM: '',
  DATDECPE: decpe,
  DATDEB: deb,
});
/** An administrative accueil provisoire (14). */
export const accueil = (decpe: string, deb: string) => ({
  DECISION: '1',
  NATPDECADM: '14',
  NATDECASSED: '',
  DATDECPE: decpe,
  DATDEB: deb,
});

export const line = (
  id: string,
  typev: string,
  decision: Record<string, string>,
  extra: Record<string, string> = {},
  ant = id,
): RecordLike => ({
  ...child(id, ant),
  TYPEV: typev,
  ...decision,
  ...extra,
});
