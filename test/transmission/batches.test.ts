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
