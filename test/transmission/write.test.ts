import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EditionId } from '../../src/nomenclature/index.js';
import { parseRecord } from '../../src/model/index.js';
import {
  csvField,
  donneeXml,
  elementOrder,
  fromStrictXsd,
  readAll,
  toReadableStream,
  toStrictXsd,
  writeAll,
  writeTransmission,
} from '../../src/transmission/index.js';
import type { Refusal, WriteLoss } from '../../src/transmission/index.js';
import { validRecordArb } from '../support/arbitraries.js';
import { runs } from '../support/runs.js';

const EDITIONS: EditionId[] = ['2016', '2011'];
const defined = (r: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(r).filter((e): e is [string, string] => e[1] !== undefined));
const recordsArb = (edition: EditionId) => fc.array(validRecordArb(edition), { maxLength: 4 });

describe('writeTransmission, XML', () => {
  it('writes the national skeleton: declaration, DECRET, INTRO, DONNEE children in schema order, <X /> for empty', async () => {
    const { text, summary: stats } = await writeAll(
      [{ TYPEV: '1', SEXE: '2', AUTREDA: 'R&D <test>', NUMANONYMANT: '' }],
      { dateExport: '2024-01-31' },
    );
    expect(text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<DECRET>\n  <INTRO>\n    <VERSIONXSD>2.0</VERSIONXSD>\n    <DATEXPORT>2024-01-31</DATEXPORT>\n  </INTRO>\n' +
        '  <DONNEE>\n    <AUTREDA>R&amp;D &lt;test&gt;</AUTREDA>\n    <NUMANONYMANT />\n    <SEXE>2</SEXE>\n    <TYPEV>1</TYPEV>\n  </DONNEE>\n</DECRET>\n',
    );
    expect(text).not.toContain('\r');
    expect(stats).toEqual({ received: 1, written: 1, refused: 0, withLosses: 0, losses: 0 });
  });

  it('orders children as the official schemas list them (golden key order, UTDP aside)', async () => {
    const { readFileSync } = await import('node:fs');
    for (const [edition, file] of [
      ['2016', 'xsd-2.0.json'],
      ['2011', 'xsd-1.22.json'],
    ] as const) {
      const golden = JSON.parse(readFileSync(new URL(`../golden/${file}`, import.meta.url), 'utf8')) as {
        elements: Record<string, unknown>;
      };
      expect(elementOrder(edition, { strict: true })).toEqual(Object.keys(golden.elements));
    }
    expect(elementOrder('2016')).toContain('UTDP');
  });

  it('writes every variable with allVariables (absent as empty)', async () => {
    const { text } = await writeAll([{ TYPEV: '1' }], { allVariables: true, dateExport: '2024-01-31' });
    expect(text.match(/<[A-Z0-9]+ \/>/g)).toHaveLength(elementOrder('2016').length - 1);
  });

  it('refuses records that do not fit the model, reports them, and the counts add up', async () => {
    const refused: Refusal[] = [];
    const { text, summary: stats } = await writeAll(
      [{ TYPEV: '1' }, { TYPEV: '4' }, { SEXE: 'x', DATDEB: '2023-02-30' }, { CODEV: '1' }, { TYPEV: '3' }],
      { dateExport: '2024-01-31', onRefused: (r) => refused.push(r) },
    );
    expect(stats).toMatchObject({ received: 5, written: 2, refused: 3 });
    expect(refused.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(refused[0]!.message).toContain('TYPEV');
    expect(refused[1]!.issues.map((i) => i.variable).sort()).toEqual(['DATDEB', 'SEXE']);
    expect(text.match(/<DONNEE>/g)).toHaveLength(2);
    const back = await readAll(text);
    expect(back.summary.read).toBe(stats.written);
  });

  it('property: counts always add up (received = written + refused)', async () => {
    const anyRecord = fc.oneof(
      validRecordArb('2016'),
      fc.dictionary(fc.constantFrom('TYPEV', 'SEXE', 'FOO', 'DATDEB'), fc.string({ maxLength: 5 })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(anyRecord, { maxLength: 6 }), async (records) => {
        let refusedSeen = 0;
        const { text, summary: stats } = await writeAll(records, {
          dateExport: '2024-01-31',
          onRefused: () => refusedSeen++,
        });
        expect(stats.received).toBe(records.length);
        expect(stats.written + stats.refused).toBe(stats.received);
        expect(refusedSeen).toBe(stats.refused);
        const back = await readAll(text);
        expect(back.summary.read).toBe(stats.written);
        expect(back.summary.withFindings).toBe(0);
      }),
      { numRuns: runs(60) },
    );
  });

  for (const edition of EDITIONS) {
    it(`round trip ${edition}: read(write(records)) gives the same records, and write(read(file)) is byte-identical`, async () => {
      await fc.assert(
        fc.asyncProperty(recordsArb(edition), async (records) => {
          const options = { edition, dateExport: '2023-12-31' };
          const { text, summary: stats } = await writeAll(records, options);
          expect(stats.refused).toBe(0);
          const back = await readAll(text);
          expect(back.records.map((r) => r.values)).toEqual(records.map(defined));
          expect(back.records.every((r) => r.edition === edition)).toBe(true);
          expect(back.summary).toMatchObject({
            read: records.length,
            valid: records.length,
            unreadable: 0,
            fatal: false,
          });
          const header = back.items[0];
          expect(header?.type === 'header' && header.versionXsd).toBe(edition === '2016' ? '2.0' : '1.22');
          const again = await writeAll(
            back.records.map((r) => r.values),
            { edition, dateExport: header?.type === 'header' ? header.dateExport : '' },
          );
          expect(again.text).toBe(text);
        }),
        { numRuns: runs(40) },
      );
    });

    it(`round trip ${edition} CSV: read(writeCsv(records)) gives the records (absent read as empty); CSV → XML → CSV is identical`, async () => {
      await fc.assert(
        fc.asyncProperty(recordsArb(edition), async (records) => {
          const csv = await writeAll(records, { edition, format: 'csv' });
          const back = await readAll(csv.text);
          const order = elementOrder(edition);
          expect(back.records.map((r) => r.values)).toEqual(
            records.map((r) => Object.fromEntries(order.map((n) => [n, r[n] ?? '']))),
          );
          const xml = await writeAll(
            back.records.map((r) => r.values),
            { edition, dateExport: '2023-12-31' },
          );
          const viaXml = await readAll(xml.text);
          const csv2 = await writeAll(
            viaXml.records.map((r) => r.values),
            { edition, format: 'csv' },
          );
          expect(csv2.text).toBe(csv.text);
        }),
        { numRuns: runs(40) },
      );
    });

    it(`strict ${edition}: what is read back is the strict form of what was written, every loss reported`, async () => {
      await fc.assert(
        fc.asyncProperty(recordsArb(edition), async (records) => {
          const losses: WriteLoss[] = [];
          const { text, summary: stats } = await writeAll(records, {
            edition,
            strictXsd: true,
            dateExport: '2023-12-31',
            onLoss: (l) => losses.push(l),
          });
          const expected = records.map((r) => toStrictXsd(r, edition)).filter((s) => !s.refused);
          expect(stats.written).toBe(expected.length);
          expect(stats.refused).toBe(records.length - expected.length);
          expect(losses.length).toBe(expected.reduce((n, s) => n + s.losses.length, 0));
          const back = await readAll(text);
          expect(back.records.map((r) => fromStrictXsd(r.values, edition))).toEqual(
            expected.map((s) => fromStrictXsd(s.values, edition)),
          );
        }),
        { numRuns: runs(40) },
      );
    });
  }
});

describe('writer streams', () => {
  const records = Array.from({ length: 3000 }, (_, i) => ({ TYPEV: String((i % 3) + 1), NBFRAT: String(i % 100) }));

  it('produces several chunks, wrapped by a Node Readable', async () => {
    const writer = writeTransmission(records, { dateExport: '2024-01-31', chunkSize: 4096 });
    const parts: string[] = [];
    for await (const chunk of Readable.from(writer, { objectMode: false }))
      parts.push(Buffer.from(chunk as Buffer).toString('utf8'));
    expect(parts.length).toBeGreaterThan(5);
    const back = await readAll(parts.join(''));
    expect(back.summary.read).toBe(3000);
    expect(writer.summary.written).toBe(3000);
  });

  it('is wrapped by a Web ReadableStream of UTF-8 bytes', async () => {
    const stream = toReadableStream(
      writeTransmission([{ TYPEV: '1', AUTREDA: 'Père Noël' }], { dateExport: '2024-01-31' }),
    );
    const text = await new Response(stream).text();
    const back = await readAll(text);
    expect(back.records[0]!.values.AUTREDA).toBe('Père Noël');
  });

  it('reads records from an async iterable lazily (records in, chunks out)', async () => {
    let produced = 0;
    async function* source(): AsyncGenerator<Record<string, string>> {
      for (let i = 0; i < 10_000; i++) {
        produced++;
        yield { TYPEV: '1' };
      }
    }
    const writer = writeTransmission(source(), { dateExport: '2024-01-31', chunkSize: 1024 });
    const iterator = writer[Symbol.asyncIterator]();
    await iterator.next();
    expect(produced).toBeLessThan(100);
    await iterator.return?.();
  });
});

describe('the fast path writes exactly what the reference path (parseRecord + donneeXml / csv row) writes', () => {
  const nasty = fc.constantFrom('', '9', '99', '9999-99-99', '2023-02-29', 'a & b', '<x>', '\r', 'é', 'A'.repeat(40));
  for (const edition of EDITIONS) {
    for (const format of ['xml', 'csv'] as const) {
      it(`${edition} ${format}: valid, mutated and unknown-key records, sync and async sources`, async () => {
        const names = elementOrder(edition);
        const mutated = fc
          .tuple(validRecordArb(edition), fc.constantFrom(...names, 'FOO'), nasty)
          .map(([r, k, v]) => ({ ...r, [k]: v }));
        const withUndefined = validRecordArb(edition).map((r) => ({ ...r, [names[0]!]: undefined }));
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.oneof(validRecordArb(edition), mutated, withUndefined), { maxLength: 5 }),
            fc.boolean(),
            async (records, allVariables) => {
              const options = { edition, format, dateExport: '2024-01-31', allVariables };
              const refused: number[] = [];
              const { text, summary: stats } = await writeAll(records, {
                ...options,
                onRefused: (r) => refused.push(r.index),
              });
              async function* slowly() {
                for (const r of records) yield r;
              }
              const again = await writeAll(slowly(), options);
              expect(again.text).toBe(text);
              const expectedRefused = records.flatMap((r, i) => (parseRecord(r, { edition }).ok ? [] : [i]));
              expect(refused).toEqual(expectedRefused);
              expect(stats.written + stats.refused).toBe(records.length);
              const kept = records.filter((_, i) => !expectedRefused.includes(i));
              const body =
                format === 'xml'
                  ? kept.map((r) => donneeXml(r, names, allVariables)).join('')
                  : kept.map((r) => `${names.map((n) => (r[n] ? csvField(r[n]!) : '')).join(';')}\n`).join('');
              expect(text.endsWith(format === 'xml' ? `${body}</DECRET>\n` : body)).toBe(true);
            },
          ),
          { numRuns: runs(150) },
        );
      });
    }
  }
});
