import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/model/index.js';
import type { EditionId } from '../../src/nomenclature/index.js';
import { variableNames } from '../../src/nomenclature/index.js';
import { validRecordArb } from '../support/arbitraries.js';
import { escapeXml, readAll, readTransmission } from '../../src/transmission/index.js';
import type { ReadSummary } from '../../src/transmission/index.js';
import { runs } from '../support/runs.js';
import { withoutCompiling } from '../support/without-compiling.js';

const HEX = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01';
const hex = HEX.toLowerCase();

function addsUp(s: ReadSummary): void {
  expect(s.read).toBe(s.valid + s.withFindings);
  expect(s.editions['2016'] + s.editions['2011']).toBe(s.read);
}

describe('readTransmission, XML quirks seen in real files', () => {
  const quirky =
    '\uFEFF<?xml version = "1.0" encoding = "UTF-8" ?>\r\n' +
    '<DECRET>\r\n  <INTRO>\r\n    <VERSIONXSD>1.22</VERSIONXSD>\r\n    <DATEXPORT>2019-03-01</DATEXPORT>\r\n  </INTRO>\r\n' +
    `  <DONNEE>\r\n    <NUMANONYM>${HEX}</NUMANONYM>\r\n    <TYPEV>1</TYPEV>\r\n    <DATDECPE>9999-99-99</DATDECPE>\r\n    <AUTREDA />\r\n  </DONNEE>\r\n` +
    `  <DONNEE>\r\n    <NUMANONYM>${hex}</NUMANONYM>\r\n    <CODEV>4</CODEV>\r\n    <DATDEBAD>2018-05-99</DATDEBAD>\r\n  </DONNEE>\r\n` +
    '</DECRET>\r\n';

  it('accepts a BOM, CRLF, spaces in the declaration, upper-case hex, 9999-99-99, mixed CODEV/TYPEV', async () => {
    const { records, summary, items } = await readAll(quirky);
    const header = items[0];
    expect(header).toMatchObject({
      type: 'header',
      format: 'xml',
      versionXsd: '1.22',
      dateExport: '2019-03-01',
      edition: '2011',
    });
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      line: 7,
      edition: '2016',
      values: { NUMANONYM: HEX, TYPEV: '1', DATDECPE: '9999-99-99', AUTREDA: '' },
    });
    expect(records[0]!.issues).toEqual([]);
    expect(records[1]).toMatchObject({
      line: 13,
      edition: '2011',
      values: { NUMANONYM: hex, CODEV: '4', DATDEBAD: '2018-05-99' },
    });
    expect(records[1]!.values).not.toHaveProperty('TYPEV');
    expect(summary).toMatchObject({
      read: 2,
      valid: 2,
      withFindings: 0,
      unreadable: 0,
      fatal: false,
      editions: { '2016': 1, '2011': 1 },
    });
    // VERSIONXSD 1.22 over 2016 variables is reported once, as a warning
    expect(items.filter((i) => i.type === 'error' && i.kind === 'version-mismatch')).toHaveLength(1);
    addsUp(summary);
  });

  it('reads the same from bytes cut at every awkward place (inside a multi-byte character)', async () => {
    const bytes = new TextEncoder().encode(quirky.replace('<AUTREDA />', '<AUTREDA>Été « ok »</AUTREDA>'));
    const whole = await readAll(bytes);
    for (const size of [1, 2, 3, 7, 64]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
      const cut = await readAll(chunks);
      expect(cut.records.map((r) => r.values)).toEqual(whole.records.map((r) => r.values));
    }
    expect(whole.records[0]!.values.AUTREDA).toBe('Été « ok »');
  });

  it('reports unknown elements and keeps them, never silently dropped', async () => {
    const { records, items, summary } = await readAll(
      '<DECRET><DONNEE><TYPEV>1</TYPEV><COULEUR>bleu</COULEUR></DONNEE><DONNEE><TYPEV>2</TYPEV><COULEUR/></DONNEE></DECRET>',
    );
    expect(records[0]!.values.COULEUR).toBe('bleu');
    expect(records[0]!.unknown).toEqual(['COULEUR']);
    expect(records[0]!.issues.map((i) => i.kind)).toEqual(['unknown-variable']);
    const warnings = items.filter((i) => i.type === 'error' && i.kind === 'unknown-element');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ variable: 'COULEUR', line: 1, severity: 'warning' });
    expect(summary).toMatchObject({ read: 2, valid: 0, withFindings: 2 });
    addsUp(summary);
  });

  it('reports a duplicated element, keeps the first value, counts the record with findings', async () => {
    const { records, items, summary } = await readAll(
      '<DECRET>\n<DONNEE>\n<SEXE>1</SEXE>\n<SEXE>2</SEXE>\n</DONNEE>\n</DECRET>',
    );
    expect(records[0]!.values.SEXE).toBe('1');
    expect(items.find((i) => i.type === 'error')).toMatchObject({
      kind: 'duplicate-element',
      line: 4,
      variable: 'SEXE',
      recordIndex: 0,
    });
    expect(summary).toMatchObject({ read: 1, valid: 0, withFindings: 1 });
  });

  it('flags model issues on the record (values as written)', async () => {
    const { records, summary } = await readAll('<DECRET><DONNEE><TYPEV>4</TYPEV><SEXE> 1</SEXE></DONNEE></DECRET>');
    expect(records[0]!.values).toEqual({ TYPEV: '4', SEXE: ' 1' });
    expect(records[0]!.issues.map((i) => i.variable).sort()).toEqual(['SEXE', 'TYPEV']);
    expect(summary.withFindings).toBe(1);
  });

  it('streams: the first record comes out before the input ends', async () => {
    let released = false;
    async function* slow(): AsyncGenerator<string> {
      yield '<DECRET><DONNEE><TYPEV>1</TYPEV></DONNEE>';
      released = true;
      yield '<DONNEE><TYPEV>2</TYPEV></DONNEE></DECRET>';
    }
    for await (const item of readTransmission(slow(), { format: 'xml' })) {
      if (item.type === 'record') {
        expect(released).toBe(false);
        break;
      }
    }
  });
});

describe('readTransmission, CSV form', () => {
  it('reads ; separated values with a header, quotes, CRLF, BOM and mixed editions', async () => {
    const csv =
      '\uFEFFNUMANONYM;TYPEV;CODEV;AUTREDA\r\n' +
      `${HEX};1;;"a;""b"""\r\n` +
      `${hex};;5;\r\n` +
      `${hex};2;;"deux\r\nlignes"\r\n`;
    const { records, summary, items } = await readAll(csv);
    expect(items[0]).toMatchObject({
      type: 'header',
      format: 'csv',
      columns: ['NUMANONYM', 'TYPEV', 'CODEV', 'AUTREDA'],
    });
    expect(records.map((r) => [r.line, r.edition])).toEqual([
      [2, '2016'],
      [3, '2011'],
      [4, '2016'],
    ]);
    expect(records[0]!.values).toEqual({ NUMANONYM: HEX, TYPEV: '1', AUTREDA: 'a;"b"' });
    expect(records[1]!.values).toEqual({ NUMANONYM: hex, CODEV: '5', AUTREDA: '' });
    expect(records[2]!.values.AUTREDA).toBe('deux\r\nlignes');
    addsUp(summary);
    expect(summary).toMatchObject({ read: 3, unreadable: 0 });
  });

  it('reports ragged rows with their line and keeps going', async () => {
    const { records, items, summary } = await readAll('SEXE;TYPEV\n1;2\n1\n2;1;3\n9;3\n', { fileName: 'x.csv' });
    expect(records).toHaveLength(2);
    const errors = items.filter((i) => i.type === 'error');
    expect(errors.map((e) => e.type === 'error' && [e.kind, e.line])).toEqual([
      ['csv-ragged', 3],
      ['csv-ragged', 4],
    ]);
    expect(summary).toMatchObject({ read: 2, unreadable: 2, fatal: false });
  });

  it('stops on a wrong separator with a located message', async () => {
    const { items, summary } = await readAll('SEXE,TYPEV\n1,2\n', { format: 'csv' });
    const error = items.find((i) => i.type === 'error');
    expect(error).toMatchObject({ kind: 'csv-separator', severity: 'fatal', line: 1 });
    expect(summary.fatal).toBe(true);
  });
});

describe("the XML reader's model check agrees with parseRecord on every record", () => {
  it('valid, mutated and unknown-name records of both editions: same issues, same unknown names, counts add up', async () => {
    const nasty = fc.constantFrom('', '9', '99', '9999-99-99', '2023-02-29', 'a & b', 'x', 'A'.repeat(40), '12');
    const recordArb = (edition: EditionId) =>
      fc.oneof(
        validRecordArb(edition),
        fc
          .tuple(validRecordArb(edition), fc.constantFrom(...variableNames(edition), 'FOO'), nasty)
          .map(([r, k, v]) => ({ ...r, [k]: v })),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(recordArb('2016'), recordArb('2011')), { minLength: 1, maxLength: 4 }),
        async (records) => {
          const body = records
            .map(
              (r) =>
                `<DONNEE>${Object.entries(r)
                  .filter((e) => e[1] !== undefined)
                  .map(([k, v]) => `<${k}>${escapeXml(v!)}</${k}>`)
                  .join('')}</DONNEE>\n`,
            )
            .join('');
          const { records: read, summary } = await readAll(`<DECRET>\n${body}</DECRET>`, { format: 'xml' });
          addsUp(summary);
          expect(read).toHaveLength(records.length);
          for (const item of read) {
            const expected = parseRecord(item.values, { edition: item.edition });
            expect(item.issues).toEqual(expected.issues);
            const known = new Set<string>(variableNames(item.edition));
            expect(item.unknown).toEqual(Object.keys(item.values).filter((k) => !known.has(k)));
          }
        },
      ),
      { numRuns: runs(200) },
    );
  });
});

describe('records of one layout and of changing layouts', () => {
  it("values hold exactly the file's elements, in file order, whatever the layout of the records before", async () => {
    const layouts: Record<string, string>[] = [
      { TYPEV: '1', SEXE: '1', NUMANONYM: hex, AUTREDA: '' },
      { TYPEV: '2', SEXE: '2', NUMANONYM: HEX, AUTREDA: 'x' },
      { TYPEV: '1', SEXE: '1', NUMANONYM: hex },
      { TYPEV: '1', NUMANONYM: hex, SEXE: '1', AUTREDA: '' },
      { TYPEV: '1', SEXE: '1', NUMANONYM: hex, FOO: 'bar' },
      { TYPEV: '3', SEXE: '9', NUMANONYM: hex, AUTREDA: 'y' },
    ];
    const records = [0, 1, 0, 2, 1, 3, 4, 5, 0, 1].map((i) => layouts[i]!);
    const xml = `<DECRET>\n${records
      .map(
        (r) =>
          `<DONNEE>${Object.entries(r)
            .map(([k, v]) => `<${k}>${v}</${k}>`)
            .join('')}</DONNEE>\n`,
      )
      .join('')}</DECRET>`;
    const { records: read, summary } = await readAll(xml, { format: 'xml' });
    addsUp(summary);
    expect(read.map((r) => r.values)).toEqual(records);
    expect(read.map((r) => Object.keys(r.values))).toEqual(records.map((r) => Object.keys(r)));
    expect(read[6]?.unknown).toEqual(['FOO']);
  });

  it('a duplicate keeps the first value, in a known layout too', async () => {
    const one = '<DONNEE><TYPEV>1</TYPEV><SEXE>1</SEXE></DONNEE>\n';
    const { records, items } = await readAll(
      `<DECRET>\n${one}${one}<DONNEE><TYPEV>1</TYPEV><SEXE>2</SEXE><SEXE>1</SEXE></DONNEE>\n${one}</DECRET>`,
    );
    expect(records.map((r) => r.values)).toEqual([
      { TYPEV: '1', SEXE: '1' },
      { TYPEV: '1', SEXE: '1' },
      { TYPEV: '1', SEXE: '2' },
      { TYPEV: '1', SEXE: '1' },
    ]);
    expect(records[2]?.structural).toBe(true);
    expect(items.find((i) => i.type === 'error')).toMatchObject({
      kind: 'duplicate-element',
      line: 4,
      variable: 'SEXE',
    });
  });
});

describe('readTransmission with checkModel: false (as olinpe validate reads, the rules checking the values)', () => {
  /** Valid records, some with one value out of its list or an element of neither edition. */
  const recordsArb = fc.array(
    fc.oneof(
      validRecordArb('2016'),
      validRecordArb('2011'),
      fc
        .tuple(
          validRecordArb('2016'),
          fc.constantFrom('SEXE', 'TYPEV', 'DATDEB', 'NUMANONYM'),
          fc.constantFrom('7', '2023-02-30', 'zz', ''),
        )
        .map(([r, k, v]) => ({ ...r, [k]: v })),
      fc
        .tuple(validRecordArb('2016'), fc.constantFrom('FOO', 'CODEV', 'DATDEBAD'))
        .map(([r, k]) => ({ ...r, [k]: '1' })),
    ),
    { minLength: 1, maxLength: 6 },
  );
  const xmlOf = (records: Record<string, string | undefined>[]): string =>
    `<DECRET>${records
      .map(
        (r) =>
          `<DONNEE>${Object.entries(r)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => `<${k}>${escapeXml(v!)}</${k}>`)
            .join('')}</DONNEE>`,
      )
      .join('\n')}</DECRET>`;

  it('property: same records, values, unknown names and editions as with the check; no issue attached; valid = records with no unknown name', async () => {
    await fc.assert(
      fc.asyncProperty(recordsArb, async (records) => {
        const xml = xmlOf(records as Record<string, string | undefined>[]);
        const checked = await readAll(xml);
        const unchecked = await readAll(xml, { checkModel: false });
        expect(unchecked.records.map((r) => [r.line, r.edition, r.values, r.unknown])).toEqual(
          checked.records.map((r) => [r.line, r.edition, r.values, r.unknown]),
        );
        expect(unchecked.records.every((r) => r.issues.length === 0)).toBe(true);
        expect(unchecked.summary.valid).toBe(
          unchecked.records.filter((r) => r.unknown.length === 0 && !r.structural).length,
        );
        expect(unchecked.summary.read).toBe(records.length);
        addsUp(unchecked.summary);
      }),
      { numRuns: runs(150) },
    );
  });
});

describe('readTransmission where code cannot be compiled (a Content-Security-Policy without unsafe-eval)', () => {
  const records = fc.sample(validRecordArb('2016'), { numRuns: 30, seed: 5 }) as Record<string, string | undefined>[];
  // Same layout for all, so that the reader builds its layout after the first record.
  const names = variableNames('2016');
  const files = {
    xml: `<DECRET>${records.map((r) => `<DONNEE>${names.map((k) => `<${k}>${escapeXml(r[k] ?? '')}</${k}>`).join('')}</DONNEE>`).join('\n')}</DECRET>`,
    csv: `${names.join(';')}\n${records.map((r) => names.map((k) => r[k] ?? '').join(';')).join('\n')}\n`,
  };
  for (const format of ['xml', 'csv'] as const) {
    it(`${format}: reads the same values as usual, the records then cloned from a template`, async () => {
      const usual = await readAll(files[format], { format });
      const { value: strict, refused } = await withoutCompiling(() => readAll(files[format], { format }));
      expect(refused).toBeGreaterThan(0);
      expect(usual.records).toHaveLength(records.length);
      expect(strict.records.map((r) => r.values)).toEqual(usual.records.map((r) => r.values));
      expect(strict.records.map((r) => Object.keys(r.values))).toEqual(usual.records.map((r) => Object.keys(r.values)));
      expect(strict.summary).toEqual(usual.summary);
    });
  }
});

describe('the CSV reader reads the same whatever the chunks (rows split with indexOf vs the character loop)', () => {
  const cell = fc.oneof(
    { arbitrary: fc.constantFrom('', '1', '2', '99', '2023-04-01', '9999-99-99', HEX), weight: 6 },
    {
      arbitrary: fc.string({ unit: fc.constantFrom('a', ' ', ';', '"', '\r', '\n', 'é', '<'), maxLength: 8 }),
      weight: 1,
    },
  );
  const quote = (v: string): string => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const fileArb = fc
    .record({
      columns: fc.shuffledSubarray(['TYPEV', 'CODEV', 'SEXE', 'ANAIS', 'NUMANONYM', 'DATDEB', 'UTDP', 'COULEUR'], {
        minLength: 1,
      }),
      rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 9 }), { maxLength: 8 }),
      crlf: fc.boolean(),
      finalNewline: fc.boolean(),
    })
    .map(({ columns, rows, crlf, finalNewline }) => {
      const eol = crlf ? '\r\n' : '\n';
      // Rows of the header's width mostly, some ragged (three cells more).
      const body = rows.map((r) =>
        r.length === 0
          ? ''
          : columns
              .map((_, i) => quote(r[i] ?? ''))
              .concat(r.length > columns.length + 1 ? ['x', 'y', 'z'] : [])
              .join(';'),
      );
      return [columns.join(';'), ...body].join(eol) + (finalNewline ? eol : '');
    });

  it('property: the same items from the whole text and from chunks of 1 to 17 characters', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, fc.integer({ min: 1, max: 17 }), async (text, size) => {
        const chunks: string[] = [];
        for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
        // With the usual bounds, and with bounds small enough that rows break them (located errors).
        for (const bounds of [{}, { maxFieldsPerRecord: 3 }, { maxTokenLength: 12 }]) {
          const whole = await readAll(text, { format: 'csv', ...bounds });
          const cut = await readAll(chunks, { format: 'csv', ...bounds });
          expect(cut.items).toEqual(whole.items);
        }
      }),
      { numRuns: runs(300) },
    );
  });
});
