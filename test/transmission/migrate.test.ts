import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { parseRecord } from '../../src/model/index.js';
import { successorOf } from '../../src/nomenclature/index.js';
import {
  addToMigrationSummary,
  emptyMigrationSummary,
  migrate2011,
  readAll,
  typevFromCodev,
  writeAll,
  xsd,
} from '../../src/transmission/index.js';
import { validRecordArb } from '../support/arbitraries.js';
import { runs } from '../support/runs.js';

describe('typevFromCodev (the national loader mapping)', () => {
  it.each([
    [{ CODEV: '1', NATPDECADM: '11' }, '1'],
    [{ CODEV: '2', NATDECASSED: '14' }, '1'],
    [{ CODEV: '3', NATDECASSED: '24' }, '1'],
    [{ CODEV: '6', NATPDECADM: '10' }, '1'],
    [{ CODEV: '1', NATPDECADM: '99' }, undefined],
    [{ CODEV: '1', NATPDECADM: '17' }, undefined],
    [{ CODEV: '2' }, undefined],
    [{ CODEV: '4' }, '1'],
    [{ CODEV: '5', MOTFININT: '1', DATFINAD: '2014-01-01' }, '3'],
    [{ CODEV: '5', MOTFININT: '3', DATFINPLAC: '2014-01-01' }, '3'],
    [{ CODEV: '5', MOTFININT: '2', DATFIN: '2014-01-01' }, '3'],
    [{ CODEV: '5', MOTFININT: '2', DATFINAD: '9999-99-99' }, '2'],
    [{ CODEV: '5', MOTFININT: '9', DATFINAD: '2014-01-01' }, '2'],
    [{ CODEV: '5', MOTFININT: '1' }, '2'],
    [{ CODEV: '' }, ''],
    [{}, undefined],
  ])('%j → TYPEV %s', (record, typev) => {
    expect(typevFromCodev(record).typev).toBe(typev);
  });
});

describe('migrate2011', () => {
  it('carries renamed and kept variables, recodes changed meanings, reports the rest', () => {
    const { record, losses, changes } = migrate2011({
      CODEV: '4',
      SEXE: '2',
      NONSCO: '990',
      NATPDECADM: '17',
      VIOLSEX: '3',
      VIOLPHYS: '2',
      TITAP: '20',
      TYPCLASSPE: '9',
      DATDECMIN: '2014-12-99',
      AUTREDA: '',
    });
    expect(record).toEqual({
      TYPEV: '1',
      SEXE: '2',
      VIOLSEX: '2',
      TITAP: '11',
      TYPCLASSPE: '99',
      DATDECMIN: '2014-12',
      AUTREDA: '',
    });
    expect(losses.map((l) => [l.kind, l.variable])).toEqual([
      ['removed-variable', 'NONSCO'],
      ['code-not-in-2016', 'NATPDECADM'],
      ['meaning-changed', 'VIOLPHYS'],
    ]);
    expect(changes.map((c) => [c.kind, c.variable, c.written])).toEqual([
      ['recoded', 'VIOLSEX', '2'],
      ['recoded', 'TITAP', '11'],
      ['recoded', 'TYPCLASSPE', '99'],
      ['reduced-precision', 'DATDECMIN', '2014-12'],
    ]);
    expect(parseRecord(record).ok).toBe(true);
  });

  it('property: the result fits the 2016 model, and every filled 2011 value is either carried or reported', () => {
    fc.assert(
      fc.property(validRecordArb('2011'), (input) => {
        const { record, losses } = migrate2011(input);
        const parsed = parseRecord(record);
        expect(parsed.issues).toEqual([]);
        for (const [name, value] of Object.entries(input)) {
          if (value === undefined || value === '' || name === 'CODEV') continue;
          const lost = losses.some((l) => l.variable === name);
          const carried = successorOf(name) !== undefined && record[successorOf(name)!.name] !== undefined;
          expect(lost !== carried, `${name}=${value}`).toBe(true);
        }
        if (input.CODEV !== undefined && input.CODEV !== '') {
          expect(record.TYPEV !== undefined || losses.some((l) => l.kind === 'no-typev')).toBe(true);
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it('a 2011 file is read, migrated and written as a 2016 file that validates against the generated XSD, with its report', async () => {
    const file = readFileSync(new URL('./fixtures/export-2011.xml', import.meta.url));
    const read = await readAll(file, { fileName: 'export-2011.xml' });
    expect(read.summary).toMatchObject({ read: 5, valid: 5, unreadable: 0, editions: { '2011': 5, '2016': 0 } });
    const summary = emptyMigrationSummary();
    const migrated = read.records.map((r) => {
      const result = migrate2011(r.values);
      addToMigrationSummary(summary, result);
      return result;
    });
    expect(migrated.map((m) => m.record.TYPEV)).toEqual(['1', '1', '3', '2', undefined]);
    expect(summary).toEqual({
      records: 5,
      recordsWithLosses: 4,
      losses: 7,
      changes: 4,
      byKind: {
        'removed-variable:NONSCO': 1,
        'meaning-changed:VIOLPHYS': 1,
        'recoded:VIOLSEX': 1,
        'code-not-in-2016:NATDECASSED': 1,
        'removed-variable:DATDEBPLAC': 1,
        'recoded:TITAP': 1,
        'recoded:TYPCLASSPE': 1,
        'removed-variable:DATFINPLAC': 1,
        'reduced-precision:DATDECMIN': 1,
        'no-typev:CODEV': 1,
        'removed-variable:SUITSIGJE': 1,
      },
    });
    const { text, summary: stats } = await writeAll(
      migrated.map((m) => m.record),
      { edition: '2016', dateExport: '2015-03-02' },
    );
    expect(stats).toMatchObject({ received: 5, written: 5, refused: 0 });
    const result = await validateXML({
      xml: [{ fileName: 'migrated.xml', contents: text }],
      schema: [{ fileName: 'olinpe-2016.xsd', contents: xsd('2016') }],
    });
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
    const back = await readAll(text);
    expect(back.records.every((r) => r.edition === '2016')).toBe(true);
    expect(back.records[1]!.values).toMatchObject({
      TYPEV: '1',
      TITAP: '11',
      TYPCLASSPE: '99',
      NUMANONYM: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c',
    });
  });
});
