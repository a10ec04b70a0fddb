/**
 * The readers hand their items over in batches inside the library (`unbatched` in src/_lib/stream.ts): the edition
 * of a file is decided on its first `lookahead` records counted one by one, whatever the batches, and the records
 * for the rules are the reader's records of that edition, in order. Checked here against the items read one by one
 * (`readAll`), for files mixing both editions and read errors, split into chunks of any size (any batches).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  editionOfCounts,
  openRecordsForRules,
  openTransmission,
  readAll,
  type RecordItem,
  type TransmissionItem,
} from '../../src/transmission/index.js';
import { runs } from '../support/runs.js';

/** A record of the 2016 edition (TYPEV), of the 2011 edition (CODEV), one with a duplicate, an unexpected element. */
const PIECES = {
  r2016: (n: number) => `<DONNEE><TYPEV>${n % 4}</TYPEV><SEXE>1</SEXE></DONNEE>\n`,
  r2011: (n: number) => `<DONNEE><CODEV>${n % 4}</CODEV><SEXE>2</SEXE></DONNEE>\n`,
  dup: (n: number) => `<DONNEE><TYPEV>${n % 4}</TYPEV><SEXE>1</SEXE><SEXE>2</SEXE></DONNEE>\n`,
  bad: () => '<AUTRE/>\n',
} as const;
const piece = fc.constantFrom(...(Object.keys(PIECES) as (keyof typeof PIECES)[]));

function file(pieces: readonly (keyof typeof PIECES)[], version: string | undefined): string {
  const intro = version === undefined ? '' : `<INTRO><VERSIONXSD>${version}</VERSIONXSD></INTRO>\n`;
  return `<DECRET>\n${intro}${pieces.map((p, n) => PIECES[p](n)).join('')}</DECRET>\n`;
}

function chunked(text: string, size: number, bytes: boolean): AsyncIterable<string | Uint8Array> {
  const all = bytes ? new TextEncoder().encode(text) : text;
  return {
    async *[Symbol.asyncIterator]() {
      for (let at = 0; at < all.length; at += size) yield all.slice(at, at + size);
    },
  };
}

const cases = fc.record({
  pieces: fc.array(piece, { maxLength: 40 }),
  version: fc.constantFrom(undefined, '1.22', '2.0'),
  size: fc.integer({ min: 1, max: 400 }),
  bytes: fc.boolean(),
  lookahead: fc.integer({ min: 1, max: 45 }),
});

describe('batches inside the library', () => {
  it('openTransmission decides on the first `lookahead` records and replays every item, whatever the batches', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ pieces, version, size, bytes, lookahead }) => {
        const text = file(pieces, version);
        const direct = await readAll(text);
        const records = direct.records;
        const counts = { '2016': 0, '2011': 0 };
        for (const r of records.slice(0, lookahead)) counts[r.edition]++;
        const opened = await openTransmission(chunked(text, size, bytes), { lookahead });
        expect(opened.edition.counts).toEqual(counts);
        expect(opened.edition.complete).toBe(records.length < lookahead);
        const headerEdition =
          version === undefined ? undefined : direct.items[0]?.type === 'header' ? direct.items[0].edition : undefined;
        const seen = Math.min(records.length, lookahead);
        expect(opened.edition.edition).toBe(
          seen > 0 ? editionOfCounts(counts, headerEdition ?? '2016') : (headerEdition ?? '2016'),
        );
        const items: TransmissionItem[] = [];
        for await (const item of opened.items) items.push(item);
        expect(items).toEqual(direct.items);
        expect(opened.items.summary).toEqual(direct.summary);
      }),
      { numRuns: runs(300) },
    );
  });

  it('openRecordsForRules yields the records of the edition in order and collects every read error', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ pieces, version, size, bytes }) => {
        const text = file(pieces, version);
        const direct = await readAll(text, { checkModel: false });
        const opened = await openRecordsForRules(chunked(text, size, bytes));
        const got: RecordItem[] = [];
        for await (const r of opened.records) got.push(r);
        expect(got).toEqual(direct.records.filter((r) => r.edition === opened.edition));
        expect(opened.readErrors).toEqual(direct.items.filter((i) => i.type === 'error'));
        expect(opened.records.summary?.read).toBe(direct.summary.read);
        expect(opened.records.summary?.editions).toEqual(direct.summary.editions);
      }),
      { numRuns: runs(300) },
    );
  });
});

/**
 * The XML reader keeps a record's names and values in arrays it reuses from one record to the next, and writes a name
 * only where it differs from the one at that position in the record before (read-xml.ts, `lastSlots`): the values
 * of records whose layouts change (fewer or more elements, other orders, names that are no variable, duplicates)
 * are still those written, the first of a duplicate kept.
 */
describe('record values when layouts change', () => {
  const NAMES = ['TYPEV', 'SEXE', 'ANAIS', 'NUMANONYM', 'AUTRE', 'X1'] as const;
  const element = fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom('', '1', '2', '2003', 'abc'));
  it('every record holds the first value of each name, in the order written', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(element, { maxLength: 8 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        async (recordsWritten, size, bytes) => {
          const xml = `<DECRET>${recordsWritten
            .map((r) => `<DONNEE>${r.map(([n, v]) => (v === '' ? `<${n}/>` : `<${n}>${v}</${n}>`)).join('')}</DONNEE>`)
            .join('\n')}</DECRET>`;
          const read: RecordItem[] = [];
          for await (const item of (await openTransmission(chunked(xml, size, bytes))).items)
            if (item.type === 'record') read.push(item);
          expect(read.map((r) => Object.entries(r.values))).toEqual(
            recordsWritten.map((r) => {
              const first = new Map<string, string>();
              for (const [n, v] of r) if (!first.has(n)) first.set(n, v);
              return [...first];
            }),
          );
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
