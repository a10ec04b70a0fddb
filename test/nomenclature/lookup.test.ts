import { describe, expect, it } from 'vitest';
import {
  blocks,
  codeLabel,
  describeCondition,
  describeVariable,
  editionData,
  evaluateCondition,
  isCode,
  isInAgeBand,
  isUnknownValue,
  predecessorOf,
  successorOf,
  variable,
  variableLabel,
  variableNames,
  variables,
  type Code2016,
} from '../../src/nomenclature/index.js';

describe('lookup functions', () => {
  it('lists the variables of an edition in the decree order, and by block', () => {
    expect(variables('2016')).toHaveLength(106);
    expect(variableNames('2016').slice(0, 5)).toEqual(['UTDP', 'NUMDEP', 'NUMANONYM', 'NUMANONYMANT', 'TYPEV']);
    expect(variables('2016', { block: '2a' }).map((v) => v.name)).toEqual(['SEXE', 'ANAIS', 'MNAIS']);
    const all = blocks('2016').flatMap((b) => variables('2016', { block: b.id }));
    expect(all).toHaveLength(106);
  });

  it('finds one variable, and nothing for an unknown name or the wrong edition', () => {
    expect(variable('TYPEV')?.number).toBe(4);
    expect(variable('typev')).toBeUndefined();
    expect(variable('CODEV')).toBeUndefined();
    expect(variable('CODEV', '2011')?.type).toBe('code');
  });

  it('checks codes and gives their labels', () => {
    expect(isCode('SEXE', '2')).toBe(true);
    expect(isCode('SEXE', '3')).toBe(false);
    expect(isCode('SEXE', '')).toBe(false);
    expect(isCode('NOPE', '1')).toBe(false);
    expect(codeLabel('TYPEV', '3')).toMatch(/fin/i);
    expect(codeLabel('TYPEV', '4')).toBeUndefined();
    expect(variableLabel('SEXE', { lang: 'en' })).toBeTruthy();
    const sexe: Code2016<'SEXE'> = '9';
    expect(isUnknownValue('SEXE', sexe)).toBe(true);
    expect(isUnknownValue('TYPEV', '9')).toBe(false);
  });

  it('maps 2011 variables to their 2016 successor and back', () => {
    expect(successorOf('CODEV')?.name).toBe('TYPEV');
    expect(predecessorOf('TYPEV')?.name).toBe('CODEV');
    expect(successorOf('NONSCO')).toBeUndefined();
    expect(predecessorOf('DATDEB')).toBeUndefined();
    for (const v of variables('2016')) {
      if (v.predecessor) expect(variable(v.predecessor.name, '2011'), v.name).toBeDefined();
    }
  });

  it('knows the edition metadata', () => {
    expect(editionData('2016')).toMatchObject({ xsdVersion: '2.0', eventVariable: 'TYPEV' });
    expect(editionData('2011')).toMatchObject({ xsdVersion: '1.22', eventVariable: 'CODEV' });
    expect(() => editionData('2020' as never)).toThrow(RangeError);
  });
});

describe('conditions and age bands', () => {
  const record: Record<string, string> = { DECISION: '2', NATDECASSED: '17', LIENA1: '' };
  const get = (n: string): string | undefined => record[n];
  it.each([
    [{ var: 'NATDECASSED', in: ['17', '18'] }, true],
    [{ var: 'NATDECASSED', in: ['15'] }, false],
    [{ var: 'NATPDECADM', in: ['10'] }, false],
    [{ var: 'LIENA1', filled: true }, false],
    [{ var: 'LIENA1', filled: false }, true],
    [
      {
        all: [
          { var: 'DECISION', in: ['2'] },
          { var: 'NATDECASSED', in: ['17'] },
        ],
      },
      true,
    ],
    [
      {
        any: [
          { var: 'DECISION', in: ['1'] },
          { var: 'NATDECASSED', in: ['15'] },
        ],
      },
      false,
    ],
    [{ not: { var: 'DECISION', in: ['1'] } }, true],
  ])('%j → %s', (condition, expected) => {
    expect(evaluateCondition(condition, get)).toBe(expected);
  });

  it('describes conditions', () => {
    expect(describeCondition({ var: 'DECISION', in: ['1'] })).toBe('DECISION = 1');
    expect(describeCondition({ var: 'NATDECASSED', in: ['17', '18'] }, 'en')).toBe('NATDECASSED ∈ {17, 18}');
  });

  it.each([
    [17, { min: null, max: 17 }, true],
    [18, { min: null, max: 17 }, false],
    [2, { min: 3, max: null }, false],
    [undefined, { min: 18, max: null }, true],
  ])('age %s in %j → %s', (age, band, expected) => {
    expect(isInAgeBand(age, band)).toBe(expected);
  });
});

describe('describeVariable', () => {
  it('explains TYPEV in French with its three event types', () => {
    const text = describeVariable(variable('TYPEV')!, editionData('2016'));
    expect(text).toMatch(/^TYPEV \(n° 4\)/);
    for (const code of ['1', '2', '3']) expect(text).toContain(`  ${code}  ${codeLabel('TYPEV', code)}`);
    expect(text).toContain('Obligatoire sur chaque ligne.');
  });
});
