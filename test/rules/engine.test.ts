import { describe, expect, it } from 'vitest';
import { ageAtEvent, collectValidation, fingerprint, shortHash, validateRecord, validateRecords, rules } from '../../src/rules/index.js';
import type { RecordRule } from '../../src/rules/index.js';
import { FIXTURE } from './audit-fixture.js';

describe('engine', () => {
  it.each([
    ['17 the month before the birthday', { ANAIS: '2001', MNAIS: '06', DATDECPE: '2019-05-31' }, 17],
    ['18 on the first day of the birth month', { ANAIS: '2001', MNAIS: '06', DATDECPE: '2019-06-01' }, 18],
    ['DATDEB when DATDECPE is unknown', { ANAIS: '2001', MNAIS: '06', DATDECPE: '9999-99-99', DATDEB: '2019-07-01' }, 18],
    ['unknown birth month', { ANAIS: '2001', MNAIS: '99', DATDECPE: '2019-05-31' }, undefined],
    ['unknown birth year', { ANAIS: '9999', MNAIS: '06', DATDECPE: '2019-05-31' }, undefined],
  ])('age: %s', (_name, values, age) => {
    expect(ageAtEvent(values)).toBe(age);
  });

  it('fingerprints are short, stable across runs and line orders, and differ by rule', async () => {
    const a = await collectValidation(FIXTURE, { referenceYear: 2019 });
    const b = await collectValidation([...FIXTURE].reverse(), { referenceYear: 2019 });
    const set = (fs: { ruleId: string; fingerprint: string }[]) => new Set(fs.filter((f) => f.ruleId.includes('-REQ-') || f.ruleId.includes('-EVT-')).map((f) => f.fingerprint));
    expect(set(b.findings)).toEqual(set(a.findings));
    expect(fingerprint('R1', 'k', ['A', 'B'])).toBe(fingerprint('R1', 'k', ['B', 'A']));
    expect(fingerprint('R1', 'k', ['A'])).not.toBe(fingerprint('R2', 'k', ['A']));
    expect(shortHash('')).toMatch(/^[0-9a-f]{14}$/);
  });

  it('messages are French by default and English on request; free text is never repeated', () => {
    const rec = { TYPEV: '1', DECISION: '1', NATPDECADM: '11', AUTREDA: 'Jean Dupont' };
    const fr = validateRecord(rec).findings.find((f) => f.ruleId === 'OL16-COND-AUTREDA')!;
    expect(fr.message).toContain('est renseignée alors que');
    expect(JSON.stringify(fr)).not.toContain('Dupont');
    const en = validateRecord(rec, { lang: 'en' }).findings.find((f) => f.ruleId === 'OL16-COND-AUTREDA')!;
    expect(en.message).toContain('is filled although');
    expect(validateRecord(rec).fields.AUTREDA?.length).toBeGreaterThan(0);
  });

  it('a rule that throws is reported as errored and never stops the others', async () => {
    const rule = rules('2016').find((r) => r.id === 'OL16-EVT-DATFIN') as RecordRule;
    const original = rule.check;
    rule.check = () => {
      throw new Error('boom');
    };
    try {
      const one = validateRecord({ TYPEV: '1', DATFIN: '2019-01-01', SEXE: '7' });
      expect(one.errored).toEqual([{ ruleId: 'OL16-EVT-DATFIN', error: 'boom' }]);
      expect(one.findings.map((f) => f.ruleId)).toContain('OL16-FMT-SEXE');
      const { summary } = await collectValidation([{ TYPEV: '1', DATFIN: '2019-01-01', SEXE: '7' }]);
      expect(summary.statuses.find((s) => s.ruleId === 'OL16-EVT-DATFIN')).toMatchObject({ status: 'errored', error: 'boom' });
      expect(summary.statuses.find((s) => s.ruleId === 'OL16-FMT-SEXE')).toMatchObject({ status: 'failed' });
    } finally {
      rule.check = original;
    }
  });

  it('streams an async iterable and reports skipped rules with their reason', async () => {
    async function* source() {
      for (const [i, record] of FIXTURE.entries()) yield { record, line: i + 2, index: i };
    }
    const run = validateRecords(source(), {});
    let n = 0;
    let next = await run.next();
    while (!next.done) {
      n++;
      next = await run.next();
    }
    expect(n).toBeGreaterThan(0);
    expect(next.value.records).toBe(17);
    expect(next.value.statuses.find((s) => s.ruleId === 'OL16-DAT-010')).toEqual({ ruleId: 'OL16-DAT-010', status: 'skipped', reason: 'no-reference-year' });
    expect(next.value.statuses.find((s) => s.ruleId === 'OL16-FMT-NBCHGLIEU')).toEqual({ ruleId: 'OL16-FMT-NBCHGLIEU', status: 'skipped', reason: 'variable-absent' });
  });
});
