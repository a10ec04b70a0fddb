/**
 * The byte path of identity files (`CsvPseudonymisation.pseudonymiseBytes`, what `olinpe pseudonymise` runs):
 * rows without quote nor CR, in well-formed UTF-8, are pseudonymised on their bytes (names looked up by their
 * bytes in `ByteNameTable`, the hashed bytes built in place). Whatever the file and its cuts into chunks, the
 * result must be the plain path's: the bytes decoded chunk by chunk (`createIdentityDecoder`), cut by
 * `csvPieces`, each piece given to `piece` (what the command ran before): same output bytes, counts, rejection
 * lines, and the same refusal (a header without the columns needed, a byte that is not UTF-8, on the same line).
 */
import { hash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvPseudonymisation } from '../../src/pseudonymisation/identity-csv.js';
import { ByteNameTable } from '../../src/pseudonymisation/name-table.js';
import { phonex12 } from '../../src/pseudonymisation/phonex.js';
import { createIdentityDecoder, normaliseName, PseudonymisationError } from '../../src/pseudonymisation/index.js';
import type { IdentityEncoding, Scheme } from '../../src/pseudonymisation/index.js';
import { runs } from '../support/runs.js';
import { cuts as cutPoints, pseudonymisePieces, split } from '../support/csv-pieces.js';
import type { PseudonymisationOutcome as Outcome } from '../support/csv-pieces.js';

const KEY = 'byte-path-test-key-0001';

/** What `olinpe pseudonymise` did before the byte path: decode, cut, pseudonymise piece by piece. */
async function plainPath(chunks: Uint8Array[], scheme: Scheme, encoding: IdentityEncoding): Promise<Outcome> {
  const run = new CsvPseudonymisation(KEY, scheme);
  const decoder = createIdentityDecoder(encoding);
  async function* text(): AsyncGenerator<string> {
    const decoded = (chunk: Uint8Array, final: boolean): string => {
      const r = decoder.decode(chunk, final);
      if ('problem' in r) throw new Error(`refused, line ${r.problem.line}: ${r.problem.en}`);
      return r.text;
    };
    for (const chunk of chunks) yield decoded(chunk, false);
    yield decoded(new Uint8Array(0), true);
  }
  return pseudonymisePieces(run, text(), 1 << 16);
}

async function* from(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

async function bytePath(
  chunks: Uint8Array[],
  scheme: Scheme,
  encoding: IdentityEncoding,
  options: { names: number; nodeHash: boolean; piece: number },
): Promise<Outcome> {
  const run = new CsvPseudonymisation(KEY, scheme, undefined, {
    names: options.names,
    piece: options.piece,
    sha1Bytes: options.nodeHash ? (b) => hash('sha1', b, 'hex') : undefined,
    // The digest as latin1 characters (what the CLI gives) on every other run that uses node:crypto.
    sha1Digest: options.nodeHash && options.names % 2 === 0 ? (b) => hash('sha1', b, 'binary') : undefined,
  });
  const parts: Uint8Array[] = [];
  const rejections: string[] = [];
  try {
    for await (const r of run.pseudonymiseBytes(from(chunks), encoding)) {
      parts.push(typeof r.output === 'string' ? new TextEncoder().encode(r.output) : r.output.slice());
      rejections.push(...r.rejections);
    }
  } catch (error) {
    // The same refusal: the plain path's decoder says "line N: reason" in English, the byte path the bilingual message.
    const m = /line (\d+): (.*)\)$/.exec((error as Error).message);
    return { error: m ? `refused, line ${m[1]}: ${m[2]}` : (error as Error).message };
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return {
    output: new TextDecoder('utf-8', { ignoreBOM: true }).decode(all),
    read: run.read,
    written: run.written,
    rejections,
  };
}

const plainName = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'Zoé',
      'Jean-Marc',
      'Le Goff',
      "N'Diaye",
      'Œdipe',
      'Straße',
      'Anaïs',
      'Lefèvre',
      'Dupont',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.string({
      unit: fc.constantFrom('a', 'é', 'ß', 'œ', ' ', '-', 'Z', 'h', 'e', 'u', 'n', '😀', '\uFEFF', '\uFFFD'),
      maxLength: 9,
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom('', 'a;b') },
);
// In a quarter of the files: what makes a piece leave the byte path (a quote, a CR).
const anyName = fc.oneof(
  { weight: 9, arbitrary: plainName },
  { weight: 1, arbitrary: fc.constantFrom('"Jo"', 'x\ry', 'Ma\r\nrie', '"Ma\nrie"') },
);
const day = fc.oneof(
  fc.integer({ min: 1, max: 31 }).map(String),
  fc.integer({ min: 28, max: 31 }).map(String),
  fc.constantFrom('0', '', ' 3', '03', '007', '32', 'x', '30'),
);
const month = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map(String),
  fc.constantFrom('2', '4', '13', '0', '', ' 3', '02', '007', 'é'),
);
const year = fc.oneof(
  fc.integer({ min: 1890, max: 2110 }).map(String),
  fc.integer({ min: 1998, max: 2004 }).map(String),
  fc.constantFrom('', '99', '12345', '2O10', ' 2012', '2000', '1900', '2100'),
);
const other = fc.constantFrom('75', '2A', '', 'libre texte', 'é😀');

const COLUMNS = ['NUMDEP', 'PRENOM', 'NOMMERE', 'JNAIS', 'MNAIS', 'ANAIS', 'SEXE'] as const;
const value = (name: fc.Arbitrary<string>): Record<(typeof COLUMNS)[number], fc.Arbitrary<string>> => ({
  NUMDEP: other,
  PRENOM: name,
  NOMMERE: name,
  JNAIS: day,
  MNAIS: month,
  ANAIS: year,
  SEXE: other,
});

/**
 * An identity file as bytes for a scheme: header (columns shuffled, maybe one missing), rows, blank and ragged
 * rows, rarely a byte that is not UTF-8 (only under a complete header: with both problems, which is reported
 * depends on the piece size, on either path).
 */
const identityFile = (scheme: Scheme): fc.Arbitrary<Uint8Array> =>
  fc
    .record({
      bom: fc.boolean(),
      leadingBlank: fc.boolean(),
      // Mostly every column the scheme needs (rows are then pseudonymised), sometimes any four or more.
      columns: fc.oneof(
        { weight: 4, arbitrary: fc.shuffledSubarray([...COLUMNS], { minLength: 7 }) },
        { weight: 1, arbitrary: fc.shuffledSubarray([...COLUMNS], { minLength: 4 }) },
      ),
      rows: fc.array(fc.constantFrom('row', 'row', 'row', 'row', 'row', 'row', 'row', 'row', 'blank', 'ragged'), {
        maxLength: 40,
      }),
      finalNewline: fc.boolean(),
      plain: fc.constantFrom(true, true, true, false),
      // Rarely, a byte that is not UTF-8 (0xE9: é in Latin-1) at some place of the file.
      badByte: fc.option(fc.nat(), { freq: 8 }),
    })
    .chain((shape) =>
      fc
        .tuple(
          ...shape.rows.map((kind) =>
            kind === 'blank'
              ? fc.constant('')
              : kind === 'ragged'
                ? fc.array(other, { minLength: 1, maxLength: 9 }).map((cells) => cells.join(';'))
                : fc
                    .tuple(...shape.columns.map((c) => value(shape.plain ? plainName : anyName)[c]))
                    .map((cells) => cells.join(';')),
          ),
        )
        .map((rows) => {
          const lines = [...(shape.leadingBlank ? [''] : []), shape.columns.join(';'), ...rows];
          const text = (shape.bom ? '\uFEFF' : '') + lines.join('\n') + (shape.finalNewline ? '\n' : '');
          const bytes = new TextEncoder().encode(text);
          const required = ['PRENOM', 'NOMMERE', 'MNAIS', 'ANAIS', ...(scheme === 'oned-2011' ? ['JNAIS'] : [])];
          const complete = required.every((c) => (shape.columns as string[]).includes(c));
          if (shape.badByte === null || !complete || bytes.length === 0) return bytes;
          const copy = Uint8Array.from(bytes);
          copy[shape.badByte % copy.length] = 0xe9;
          return copy;
        }),
    );

/** Cuts of a byte length: pieces of any size from one byte to the whole. */
const cuts = (length: number): fc.Arbitrary<number[]> => cutPoints(length, 10);

describe('pseudonymisation on bytes = the plain path', () => {
  it('same output, counts, rejection lines and refusals, for any file, chunks, scheme and table size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom<Scheme>('olinpe-2016', 'oned-2011')
          .chain((scheme) => fc.tuple(fc.constant(scheme), identityFile(scheme)))
          .chain(([scheme, bytes]) =>
            fc.tuple(
              fc.constant(bytes),
              cuts(bytes.length),
              fc.constant(scheme),
              fc.integer({ min: 1, max: 6 }),
              fc.boolean(),
              fc.integer({ min: 1, max: 80 }),
            ),
          ),
        async ([bytes, at, scheme, names, nodeHash, piece]) => {
          const chunks = split(bytes, at);
          const expected = await plainPath(chunks, scheme, 'utf-8');
          expect(await bytePath(chunks, scheme, 'utf-8', { names, nodeHash, piece })).toEqual(expected);
        },
      ),
      { numRuns: runs(400) },
    );
  });

  it('same result on plain files (every piece after the header on the byte path), for any table and piece size', async () => {
    const plainFile = fc
      .tuple(
        fc.shuffledSubarray([...COLUMNS], { minLength: 7 }),
        fc.array(fc.constantFrom('Zoé', 'Jean-Marc', 'Le Goff', 'Œdipe', 'Straße', 'Dupont', 'Lefèvre', 'ß', '-'), {
          minLength: 1,
          maxLength: 6,
        }),
      )
      .chain(([columns, pool]) => {
        const some = fc.constantFrom(...pool);
        const cells = { ...value(some), JNAIS: fc.integer({ min: 1, max: 31 }).map(String) };
        return fc
          .array(
            fc.tuple(...columns.map((c) => cells[c])).map((row) => row.join(';')),
            { minLength: 5, maxLength: 60 },
          )
          .map((rows) => new TextEncoder().encode(`${columns.join(';')}\n${rows.join('\n')}\n`));
      });
    await fc.assert(
      fc.asyncProperty(
        plainFile,
        fc.constantFrom<Scheme>('olinpe-2016', 'oned-2011'),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 40 }),
        async (bytes, scheme, names, piece) => {
          const expected = await plainPath([bytes], scheme, 'utf-8');
          expect(await bytePath([bytes], scheme, 'utf-8', { names, nodeHash: true, piece })).toEqual(expected);
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('takes the byte path on plain rows after the header (the property above compares something)', async () => {
    const header = new TextEncoder().encode('NUMDEP;PRENOM;NOMMERE;MNAIS;ANAIS\n');
    const rows = new TextEncoder().encode('75;Zoé;Dupont;3;2010\n75;Zoé;Dupont;3;2010\n');
    const run = new CsvPseudonymisation(KEY, 'olinpe-2016', undefined, { piece: 1 });
    const kinds: string[] = [];
    for await (const r of run.pseudonymiseBytes(from([header, rows]))) kinds.push(typeof r.output);
    expect(kinds).toEqual(['string', 'object', 'object']);
    expect(await bytePath([header, rows], 'olinpe-2016', 'utf-8', { names: 1, nodeHash: true, piece: 1 })).toEqual(
      await plainPath([header, rows], 'olinpe-2016', 'utf-8'),
    );
  });

  it('other encodings take the plain path whole (windows-1252)', async () => {
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode('PRENOM;NOMMERE;MNAIS;ANAIS;SEXE\n'),
      0x8c, // Œ
      ...new TextEncoder().encode('dipe;Dupont;3;2010;1\n'),
    ]);
    const expected = await plainPath([bytes], 'olinpe-2016', 'windows-1252');
    expect('output' in expected && expected.written).toBe(1);
    expect(await bytePath([bytes], 'olinpe-2016', 'windows-1252', { names: 4, nodeHash: false, piece: 1 })).toEqual(
      expected,
    );
  });
});

describe('ByteNameTable', () => {
  const nameText = fc.string({
    unit: fc.constantFrom('a', 'n', 'é', 'ß', 'œ', 'Œ', ' ', '-', 'Z', 'h', 'e', 'u', '\uFFFD', '\uFEFF'),
    maxLength: 6,
  });
  function direct(v: string): string {
    try {
      const normalised = normaliseName(v, 'prenom');
      return `${normalised}|${phonex12(normalised)}`;
    } catch (error) {
      if (error instanceof PseudonymisationError) return error.messageEn;
      throw error;
    }
  }
  it('gives normaliseName and phonex12 as bytes, for any names and table size (clears included)', () => {
    fc.assert(
      fc.property(
        fc.array(nameText, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (names, limit) => {
          const table = new ByteNameTable(limit);
          const encoded = names.map((n) => new TextEncoder().encode(n));
          const joined = new Uint8Array(encoded.reduce((s, e) => s + e.length + 1, 0));
          let at = 0;
          const places: Array<[number, number]> = [];
          for (const e of encoded) {
            joined.set(e, at);
            places.push([at, at + e.length]);
            at += e.length + 1;
            joined[at - 1] = 0x3b;
          }
          for (let pass = 0; pass < 2; pass++) {
            names.forEach((n, i) => {
              let got: string;
              try {
                table.lookup(joined, places[i]![0], places[i]![1], 'prenom');
                const b = table.bytes;
                const ascii = (s: number, l: number): string => String.fromCharCode(...b.subarray(s, s + l));
                got = `${ascii(table.at, table.normalised)}|${ascii(table.at + table.normalised, table.phonex)}`;
              } catch (error) {
                if (!(error instanceof PseudonymisationError)) throw error;
                got = error.messageEn;
              }
              expect(got).toBe(direct(n));
            });
          }
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
