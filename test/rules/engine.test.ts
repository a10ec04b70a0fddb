import { describe, expect, it } from 'vitest';
import { ageAtEvent, validateAll, fingerprint, validateRecord, validateRecords, rules } from '../../src/rules/index.js';
import type { RecordRule } from '../../src/rules/index.js';
import { shortHash } from '../../src/rules/hash.js';
import { readAll, readTransmission } from '../../src/transmission/index.js';
import { audit } from '../../src/rules/index.js';
import { FIXTURE } from './audit-fixture.js';

describe('engine', () => {
  it("takes a reader's stream as it is (one record item, summaries on the stream): validateAll(readTransmission(file))", async () => {
    const names = [...new Set(FIXTURE.flatMap((r) => Object.keys(r)))];
    const csv = `${names.join(';')}\n${FIXTURE.map((r) => names.map((n) => r[n] ?? '').join(';')).join('\n')}\n`;
    const options = { referenceYear: 2019 } as const;
    const whole = await validateAll(readTransmission(csv, { format: 'csv' }), options);
    const read = await readAll(csv, { format: 'csv' });
    expect(read.items.some((i) => i.type === 'header')).toBe(true);
    const records = await validateAll(read.records, options);
    expect(whole).toEqual(records);
    expect(whole.summary.records).toBe(FIXTURE.length);
    // Lines and positions come from the reader's items: the header is line 1, the first record line 2.
    const first = whole.findings.find((f) => f.recordIndex === 0);
    expect(first?.line).toBe(2);
    // The same file as plain records: the same rules fail on the same records.
    const plain = await validateAll(
      read.records.map((r) => r.values),
      options,
    );
    expect(whole.findings.map((f) => [f.ruleId, f.recordIndex])).toEqual(
      plain.findings.map((f) => [f.ruleId, f.recordIndex]),
    );
    const fromStream = await audit(readTransmission(csv, { format: 'csv' }), { year: 2019 });
    expect(fromStream.records).toBe(FIXTURE.length);
    // The stream's summary, as readAll gives it, once read to the end (undefined before).
    const run = validateRecords(FIXTURE, options);
    expect(run.summary).toBeUndefined();
    for await (const _ of run);
    expect(run.summary).toEqual(records.summary);
  });

  it.each([
    ['17 the month before the birthday', { ANAIS: '2001', MNAIS: '06', DATDECPE: '2019-05-31' }, 17],
    ['18 on the first day of the birth month', { ANAIS: '2001', MNAIS: '06', DATDECPE: '2019-06-01' }, 18],
    [
      'DATDEB when DATDECPE is unknown',
      { ANAIS: '2001', MNAIS: '06', DATDECPE: '9999-99-99', DATDEB: '2019-07-01' },
      18,
    ],
    ['unknown birth month', { ANAIS: '2001', MNAIS: '99', DATDECPE: '2019-05-31' }, undefined],
    ['unknown birth year', { ANAIS: '9999', MNAIS: '06', DATDECPE: '2019-05-31' }, undefined],
  ])('age: %s', (_name, values, age) => {
    expect(ageAtEvent(values)).toBe(age);
  });

  it('fingerprints are short, stable across runs and line orders, and differ by rule', async () => {
    const a = await validateAll(FIXTURE, { referenceYear: 2019 });
    const b = await validateAll([...FIXTURE].reverse(), { referenceYear: 2019 });
    const set = (fs: { ruleId: string; fingerprint: string }[]) =>
      new Set(fs.filter((f) => f.ruleId.includes('-REQ-') || f.ruleId.includes('-EVT-')).map((f) => f.fingerprint));
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
      const { summary } = await validateAll([{ TYPEV: '1', DATFIN: '2019-01-01', SEXE: '7' }]);
      expect(summary.statuses.find((s) => s.ruleId === 'OL16-EVT-DATFIN')).toMatchObject({
        status: 'errored',
        error: 'boom',
      });
      expect(summary.statuses.find((s) => s.ruleId === 'OL16-FMT-SEXE')).toMatchObject({ status: 'failed' });
    } finally {
      rule.check = original;
    }
  });

  it('streams an async iterable and reports skipped rules with their reason', async () => {
    async function* source() {
      for (const [i, values] of FIXTURE.entries()) yield { values, line: i + 2, index: i };
    }
    const run = validateRecords(source(), {});
    let n = 0;
    for await (const _ of run) n++;
    expect(n).toBeGreaterThan(0);
    const summary17 = run.summary!;
    expect(summary17.records).toBe(17);
    expect(summary17.statuses.find((s) => s.ruleId === 'OL16-DAT-010')).toEqual({
      ruleId: 'OL16-DAT-010',
      status: 'skipped',
      reason: 'no-reference-year',
    });
    // Files: a left-out element reads as empty, so the format rule ran (and passed) on every line.
    expect(summary17.statuses.find((s) => s.ruleId === 'OL16-FMT-NBCHGLIEU')).toEqual({
      ruleId: 'OL16-FMT-NBCHGLIEU',
      status: 'passed',
      checked: 17,
    });
    const { summary } = await validateAll(FIXTURE, { absent: 'skip' });
    expect(summary.statuses.find((s) => s.ruleId === 'OL16-FMT-NBCHGLIEU')).toEqual({
      ruleId: 'OL16-FMT-NBCHGLIEU',
      status: 'skipped',
      reason: 'variable-absent',
    });
  });

  // G18 (variable 123 MOTFININT): the reason for ending is filled on every end (TYPEV 3). A real export leaves
  // the empty element out; ONPE stores it as empty and counts it as missing (audit section 0035).
  describe('an element left out of a record (absent)', () => {
    const PERSON = 'c'.repeat(40);
    const end = {
      NUMANONYM: PERSON,
      TYPEV: '3',
      DECISION: '2',
      NATDECASSED: '14',
      DATDECPE: '2019-02-01',
      DATDEB: '2019-02-05',
      DATFIN: '2019-06-01',
    };
    const withEmpty = { ...end, MOTFININT: '' };
    const ids = (fs: { ruleId: string }[]) => fs.map((f) => f.ruleId).filter((id) => id === 'OL16-REQ-MOTFININT');

    it('counts as empty in a file (validateRecords, default absent: "empty"): a required variable left out is missing', async () => {
      const left = await validateAll([end], { referenceYear: 2019 });
      const empty = await validateAll([withEmpty], { referenceYear: 2019 });
      expect(ids(left.findings)).toEqual(['OL16-REQ-MOTFININT']);
      expect(ids(empty.findings)).toEqual(['OL16-REQ-MOTFININT']);
      // The same findings whichever way the file wrote the empty element, but for the file-level absent variables.
      const strip = (fs: { ruleId: string; fingerprint: string }[]) =>
        fs.filter((f) => !f.ruleId.startsWith('OL-FILE')).map((f) => f.ruleId);
      expect(strip(left.findings)).toEqual(strip(empty.findings));
    });

    it('keeps the file-level finding for a variable absent from every record', async () => {
      const left = await validateAll([end], { referenceYear: 2019 });
      const absentFromFile = left.findings.filter((f) => f.ruleId === 'OL-FILE-001').map((f) => f.variables[0]!.name);
      expect(absentFromFile).toContain('MOTFININT');
      const empty = await validateAll([withEmpty], { referenceYear: 2019 });
      expect(empty.findings.filter((f) => f.ruleId === 'OL-FILE-001').map((f) => f.variables[0]!.name)).not.toContain(
        'MOTFININT',
      );
      expect(left.summary.stats.columns.get('MOTFININT')).toBeUndefined();
      expect(empty.summary.stats.columns.get('MOTFININT')).toEqual({ present: 1, empty: 1, unknown: 0 });
    });

    it('is skipped on request (absent: "skip"), and by default in validateRecord (a form being filled)', async () => {
      expect(ids((await validateAll([end], { referenceYear: 2019, absent: 'skip' })).findings)).toEqual([]);
      expect(ids(validateRecord(end).findings)).toEqual([]);
      expect(ids(validateRecord(withEmpty).findings)).toEqual(['OL16-REQ-MOTFININT']);
      expect(ids(validateRecord(end, { absent: 'empty' }).findings)).toEqual(['OL16-REQ-MOTFININT']);
    });

    it('makes a line with an empty element and one without it full duplicates of each other', async () => {
      const { findings } = await validateAll([withEmpty, end], { referenceYear: 2019 });
      expect(findings.filter((f) => f.ruleId === 'OL-YP-005').map((f) => f.recordIndex)).toEqual([1]);
    });
  });
});
