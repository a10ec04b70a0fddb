import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EditionId } from '../../src/nomenclature/index.js';
import {
  elementOrder,
  readAll,
  toReadableStream,
  writeAllBytes,
  writeAll,
  writeTransmissionBytes,
} from '../../src/transmission/index.js';
import type { WriteLoss, WriteOptions } from '../../src/transmission/index.js';
import { ByteSink } from '../../src/transmission/byte-sink.js';
import { validRecordArb } from '../support/arbitraries.js';
import { runs } from '../support/runs.js';

const EDITIONS: EditionId[] = ['2016', '2011'];
const encoder = new TextEncoder();

/** Free text full of what escaping and encoding must get right: XML and CSV specials, CR, LF, 2-, 3- and 4-byte characters, a lone surrogate. */
const trickyText = fc.string({
  unit: fc.constantFrom(
    '&',
    '<',
    '>',
    '\r',
    '\n',
    '"',
    ';',
    ' ',
    'a',
    'Z',
    '0',
    'é',
    'ß',
    '€',
    '中',
    '𝄞',
    '\uD800',
    '\uDC00',
    '\t',
    '\u0001',
  ),
  maxLength: 45,
});

/** A record of every kind the writer meets: valid, with tricky free text, mutated into a wrong value, with an unknown key, not an object. */
function anyRecordArb(edition: EditionId): fc.Arbitrary<unknown> {
  const names = elementOrder(edition);
  const texts = names.filter((n) => ['UTDP', 'AUTREDA', 'AUTREDJ', 'AUTRESPEC'].includes(n) || n.startsWith('AUTRE'));
  const withText = fc
    .tuple(validRecordArb(edition), fc.constantFrom(...(texts.length > 0 ? texts : names)), trickyText)
    .map(([r, k, v]) => ({ ...r, [k]: v }));
  const nasty = fc.constantFrom(
    '',
    '9',
    '99',
    '999',
    '9999-99-99',
    '2023-02-29',
    '2024-02-29',
    '0000-00-00',
    'a & b',
    '<x>',
    '\r',
    'é',
    'A'.repeat(40),
    'ab'.repeat(20),
  );
  const mutated = fc
    .tuple(validRecordArb(edition), fc.constantFrom(...names, 'FOO'), nasty)
    .map(([r, k, v]) => ({ ...r, [k]: v }));
  const wrongType = validRecordArb(edition).map((r) => ({ ...r, [names[1]!]: 12 }));
  return fc.oneof(
    { arbitrary: validRecordArb(edition), weight: 4 },
    { arbitrary: withText, weight: 3 },
    { arbitrary: mutated, weight: 2 },
    { arbitrary: wrongType, weight: 1 },
    { arbitrary: fc.constantFrom(null, 'x', [] as unknown[]), weight: 1 },
  );
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

describe('writeTransmissionBytes: the UTF-8 encoding of writeTransmission, byte for byte', () => {
  for (const edition of EDITIONS) {
    for (const format of ['xml', 'csv'] as const) {
      for (const strictXsd of [false, true]) {
        it(`property ${edition} ${format}${strictXsd ? ' strict' : ''}: same bytes, same refusals, same losses, same counts`, async () => {
          await fc.assert(
            fc.asyncProperty(
              fc.array(anyRecordArb(edition), { maxLength: 6 }),
              fc.boolean(),
              fc.constantFrom(64, 700, 1 << 20),
              fc.boolean(),
              async (records, allVariables, chunkSize, async) => {
                const base: WriteOptions = {
                  edition,
                  format,
                  strictXsd,
                  allVariables,
                  dateExport: '2024-01-31',
                  versionXsd: 'v<&é>',
                };
                const textRefused: number[] = [];
                const textLosses: WriteLoss[] = [];
                const text = await writeAll(records as never[], {
                  ...base,
                  onRefused: (r) => textRefused.push(r.index),
                  onLoss: (l) => textLosses.push(l),
                });
                const byteRefused: number[] = [];
                const byteLosses: WriteLoss[] = [];
                async function* slowly() {
                  for (const r of records) yield r as never;
                }
                const writer = writeTransmissionBytes(async ? slowly() : (records as never[]), {
                  ...base,
                  chunkSize,
                  onRefused: (r) => byteRefused.push(r.index),
                  onLoss: (l) => byteLosses.push(l),
                });
                const chunks: Uint8Array[] = [];
                for await (const chunk of writer) {
                  expect(chunk).toBeInstanceOf(Uint8Array);
                  chunks.push(chunk);
                }
                expect(concat(chunks)).toEqual(encoder.encode(text.text));
                expect(writer.summary).toEqual(text.summary);
                expect(writer.summary.received).toBe(writer.summary.written + writer.summary.refused);
                expect(byteRefused).toEqual(textRefused);
                expect(byteLosses).toEqual(textLosses);
              },
            ),
            { numRuns: runs(120) },
          );
        });
      }
    }
  }

  it('escapes &, <, > and carriage returns, encodes non-ASCII free text, and reads back to the same values', async () => {
    const record = { TYPEV: '1', AUTREDA: 'R&D <é> €\r𝄞' };
    const { bytes, summary: stats } = await writeAllBytes([record], { dateExport: '2024-01-31' });
    const xml = new TextDecoder().decode(bytes);
    expect(xml).toContain('<AUTREDA>R&amp;D &lt;é&gt; €&#13;𝄞</AUTREDA>');
    expect(stats).toMatchObject({ received: 1, written: 1, refused: 0 });
    const back = await readAll(bytes);
    expect(back.records[0]?.values).toEqual(record);
    const csv = await writeAllBytes([{ TYPEV: '1', AUTREDA: 'a;"b"\r\n' }], { format: 'csv' });
    expect(new TextDecoder().decode(csv.bytes)).toContain(';"a;""b""\r\n";');
  });

  it('chunks are about chunkSize bytes, never reused once handed out, and the counts add up', async () => {
    const records = Array.from({ length: 300 }, (_, i) =>
      i % 7 === 3 ? { TYPEV: '4' } : { TYPEV: '1', SEXE: '2', AUTREDA: `é${i}` },
    );
    const writer = writeTransmissionBytes(records, { dateExport: '2024-01-31', chunkSize: 2048, allVariables: true });
    const chunks: Uint8Array[] = [];
    const copies: Uint8Array[] = [];
    for await (const chunk of writer) {
      chunks.push(chunk);
      copies.push(chunk.slice());
    }
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(2048);
    expect(chunks).toEqual(copies);
    expect(writer.summary).toMatchObject({ received: 300, written: 257, refused: 43 });
    const { text } = await writeAll(records, { dateExport: '2024-01-31', allVariables: true });
    expect(concat(chunks)).toEqual(encoder.encode(text));
  });

  it('streams to a Web ReadableStream as it is (bytes pass through toReadableStream)', async () => {
    const stream = toReadableStream(
      writeTransmissionBytes([{ TYPEV: '1', AUTREDA: 'Père Noël' }], { dateExport: '2024-01-31' }),
    );
    const text = await new Response(stream).text();
    expect(text).toContain('<AUTREDA>Père Noël</AUTREDA>');
  });

  it('same bytes for chosen CSV columns (repeated ones too) and for records whose keys come in changing orders', async () => {
    const records = [
      { TYPEV: '1', SEXE: '2', AUTREDA: 'x;y' },
      { SEXE: '1', TYPEV: '2' },
      { AUTREDA: 'é', TYPEV: '3', SEXE: '' },
      { TYPEV: '1', SEXE: '2', AUTREDA: 'x;y' },
    ];
    for (const columns of [
      ['TYPEV', 'SEXE', 'AUTREDA'],
      ['SEXE', 'TYPEV', 'SEXE', 'AUTREDA'],
      ['TYPEV', 'NOTAVARIABLE'],
    ]) {
      const text = await writeAll(records, { format: 'csv', columns });
      const { bytes, summary: stats } = await writeAllBytes(records, { format: 'csv', columns });
      expect(bytes).toEqual(encoder.encode(text.text));
      expect(stats).toEqual(text.summary);
    }
    const text = await writeAll(records, { dateExport: '2024-01-31' });
    expect((await writeAllBytes(records, { dateExport: '2024-01-31' })).bytes).toEqual(encoder.encode(text.text));
  });

  it('can be iterated only once', async () => {
    const writer = writeTransmissionBytes([{ TYPEV: '1' }]);
    for await (const _ of writer) void _;
    await expect(async () => {
      for await (const _ of writer) void _;
    }).rejects.toThrow(/only once/);
  });
});

describe('ByteSink', () => {
  it('property: text() gives exactly TextEncoder bytes (raw), escapeXml then encode (xml), doubled quotes (csv)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer({ min: 1, max: 64 }), (s, size) => {
        const raw = new ByteSink(size);
        raw.text(s, 'raw');
        expect(raw.take()).toEqual(encoder.encode(s));
        const enc = new ByteSink(size);
        enc.encode(s);
        expect(enc.take()).toEqual(encoder.encode(s));
        const xml = new ByteSink(size);
        xml.text(s, 'xml');
        expect(xml.take()).toEqual(
          encoder.encode(s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;')),
        );
        const csv = new ByteSink(size);
        csv.text(s, 'csv');
        expect(csv.take()).toEqual(encoder.encode(s.replace(/"/g, '""')));
      }),
      { numRuns: runs(300) },
    );
  });
});
