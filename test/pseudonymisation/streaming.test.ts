/**
 * `olinpe pseudonymise` streams (issue 16, item 3): its input is decoded, cut into row-aligned pieces, and
 * pseudonymised piece by piece. Whatever the cuts, the result must be the one the command gave when it read the
 * whole file at once (test/pseudonymisation/reference-csv.ts, the earlier code kept verbatim): same output bytes,
 * same counts, same rejection lines; and the streaming decoder must say what the whole-file decoder says.
 */
import { PassThrough, Readable } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvPseudonymisation } from '../../src/pseudonymisation/identity-csv.js';
import { runCli } from '../../src/cli/run.js';
import { createIdentityDecoder, decodeIdentityBytes } from '../../src/pseudonymisation/index.js';
import type { IdentityEncoding, Scheme } from '../../src/pseudonymisation/index.js';
import { csvPieces, parseCsv } from '../../src/transmission/index.js';
import { referencePseudonymiseCsv } from './reference-csv.js';
import { runs } from '../support/runs.js';
import { cuts as cutPoints, pseudonymisePieces, split } from '../support/csv-pieces.js';
import type { PseudonymisationOutcome } from '../support/csv-pieces.js';
import { tempDir } from '../support/temp-dir.js';

const KEY = 'streaming-test-key-0001';

/** A field written as CSV: quoted when needed, sometimes quoted anyway, sometimes with text after the quote. */
const cell = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(value, fc.constantFrom('plain', 'plain', 'plain', 'quoted', 'after')).map(([v, how]) => {
    const quoted = `"${v.replaceAll('"', '""')}"`;
    if (/[;"\r\n]/.test(v) || how === 'quoted') return quoted;
    return how === 'after' ? `${quoted}x` : v;
  });

const nameText = fc.oneof(
  fc.constantFrom(
    'Zoé',
    'Jean-Marc',
    'Le Goff',
    "N'Diaye",
    'Œdipe',
    'Straße',
    'Anaïs',
    'ŁUKASZ',
    'Chloé',
    'Dupont',
    'Lefèvre',
  ),
  fc.constantFrom('', ' ', '---', 'a;b', 'Ma\nrie', 'Jo"é', '\uFFFD', 'Ève\r\nLine', 'x\ry', 'Jo"\nél', '"\r\n"', 'é"'),
  fc.string({ unit: fc.constantFrom('a', 'é', 'ß', 'œ', ' ', '-', 'Z', '😀'), maxLength: 8 }),
);
const dateText = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map(String),
  fc.constantFrom('13', '0', '', ' 3', '03', 'x', '2010', '1899', '2101', '29', '31', '007'),
);
const yearText = fc.oneof(fc.integer({ min: 1995, max: 2024 }).map(String), fc.constantFrom('', '99', '12345', '2O10'));
const other = fc.constantFrom('75', '2A', '', 'libre; texte', 'a"b', 'é');

const COLUMNS = ['NUMDEP', 'PRENOM', 'NOMMERE', 'JNAIS', 'MNAIS', 'ANAIS', 'SEXE'] as const;
const valueArbitrary: Record<(typeof COLUMNS)[number], fc.Arbitrary<string>> = {
  NUMDEP: other,
  PRENOM: nameText,
  NOMMERE: nameText,
  JNAIS: dateText,
  MNAIS: dateText,
  ANAIS: yearText,
  SEXE: other,
};

/** An identity CSV: a header (columns shuffled, maybe a column missing), rows, blank lines, ragged rows. */
const identityCsv = fc
  .record({
    bom: fc.boolean(),
    leadingBlank: fc.boolean(),
    columns: fc.shuffledSubarray([...COLUMNS], { minLength: 4 }),
    lowerCase: fc.boolean(),
    rows: fc.array(
      fc.oneof(
        { weight: 8, arbitrary: fc.constant('row' as const) },
        { weight: 1, arbitrary: fc.constant('blank' as const) },
        { weight: 1, arbitrary: fc.constant('ragged' as const) },
      ),
      { maxLength: 25 },
    ),
    ends: fc.array(fc.constantFrom('\n', '\n', '\r\n', '\r'), { minLength: 1, maxLength: 4 }),
    finalNewline: fc.boolean(),
    seed: fc.integer(),
  })
  .chain((shape) =>
    fc
      .tuple(
        ...shape.rows.map((kind) =>
          kind === 'blank'
            ? fc.constant('')
            : kind === 'ragged'
              ? fc.array(cell(other), { minLength: 1, maxLength: 9 }).map((cells) => cells.join(';'))
              : fc.tuple(...shape.columns.map((c) => cell(valueArbitrary[c]))).map((cells) => cells.join(';')),
        ),
      )
      .map((rows) => {
        const header = shape.columns.map((c) => (shape.lowerCase ? c.toLowerCase() : c)).join(';');
        const lines = [...(shape.leadingBlank ? [''] : []), header, ...rows];
        let text = shape.bom ? '\uFEFF' : '';
        lines.forEach((line, i) => {
          text += line;
          if (i < lines.length - 1 || shape.finalNewline) text += shape.ends[(i + shape.seed) % shape.ends.length];
        });
        return text;
      }),
  );

const cuts = (length: number): fc.Arbitrary<number[]> => cutPoints(length, 12);

function reference(text: string, scheme: Scheme): PseudonymisationOutcome {
  try {
    return referencePseudonymiseCsv(text, KEY, scheme);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Text chunks pseudonymised piece by piece, as the command did before the byte path. */
function streamed(chunks: string[], scheme: Scheme, pieceLength: number): Promise<PseudonymisationOutcome> {
  return pseudonymisePieces(new CsvPseudonymisation(KEY, scheme), chunks, pieceLength);
}

describe('csvPieces: pieces cut at row boundaries parse as the whole text', () => {
  it('records, lines and texts are those of parseCsv on the whole text, for any chunks and piece length', async () => {
    await fc.assert(
      fc.asyncProperty(
        identityCsv.chain((text) => fc.tuple(fc.constant(text), cuts(text.length), fc.integer({ min: 1, max: 64 }))),
        async ([text, at, pieceLength]) => {
          const whole = parseCsv(text).map((r) => ({
            line: r.line,
            newline: r.newline,
            values: r.fields.map((f) => f.value),
            raw: text.slice(r.start, r.end),
          }));
          const pieces: typeof whole = [];
          let joined = '';
          for await (const piece of csvPieces(split(text, at), { pieceLength })) {
            joined += piece.text;
            for (const r of piece.records)
              pieces.push({
                line: r.line,
                newline: r.newline,
                values: r.fields.map((f) => f.value),
                raw: piece.text.slice(r.start, r.end),
              });
          }
          expect(joined).toBe(text);
          expect(pieces).toEqual(whole);
        },
      ),
      { numRuns: runs(400) },
    );
  });
});

describe('pseudonymisation by pieces = the whole-file result', () => {
  it('same output, counts and rejection lines, for any chunks and piece length (both schemes)', async () => {
    await fc.assert(
      fc.asyncProperty(
        identityCsv.chain((text) =>
          fc.tuple(
            fc.constant(text),
            cuts(text.length),
            fc.integer({ min: 1, max: 80 }),
            fc.constantFrom<Scheme>('olinpe-2016', 'oned-2011'),
          ),
        ),
        async ([text, at, pieceLength, scheme]) => {
          expect(await streamed(split(text, at), scheme, pieceLength)).toEqual(reference(text, scheme));
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('the rows of a plain piece (no quote, no CR) and of a parsed one agree with the reference', async () => {
    // Plain rows only: every piece after the header takes the indexOf path.
    const plain = fc
      .array(
        fc.tuple(
          fc.constantFrom('Zoé', 'Jean-Marc', '', 'Léa'),
          fc.constantFrom('Dupont', 'Le Goff', '-'),
          dateText,
          yearText,
        ),
        { maxLength: 40 },
      )
      .map((rows) => `PRENOM;NOMMERE;MNAIS;ANAIS;SEXE\n${rows.map((r) => `${r.join(';')};1`).join('\n')}\n`);
    await fc.assert(
      fc.asyncProperty(
        plain.chain((text) => fc.tuple(fc.constant(text), cuts(text.length), fc.integer({ min: 1, max: 100 }))),
        async ([text, at, pieceLength]) => {
          expect(await streamed(split(text, at), 'olinpe-2016', pieceLength)).toEqual(reference(text, 'olinpe-2016'));
        },
      ),
      { numRuns: runs(200) },
    );
  });
});

/** The bytes of a text in an encoding (characters it lacks become '?'). */
function encode(text: string, encoding: IdentityEncoding): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  const high: Record<string, number> = { Œ: 0x8c, œ: 0x9c, '’': 0x92 };
  return Uint8Array.from(Array.from(text, (c) => high[c] ?? (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f)));
}

describe('createIdentityDecoder = decodeIdentityBytes, chunk by chunk', () => {
  it('same text (a leading BOM kept as U+FEFF) or the same problem (line, offset, reason), for any bytes and cuts', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc
        .string({ unit: fc.constantFrom('a', '\n', 'é', '€', '😀', 'œ', '\u0085'), maxLength: 20 })
        .map((s) => new TextEncoder().encode(`\uFEFF${s}`)),
      fc
        .array(
          fc.constantFrom(
            0x41,
            0x0a,
            0xc3,
            0xa9,
            0xe2,
            0x82,
            0xac,
            0xf0,
            0x9f,
            0x98,
            0x80,
            0xef,
            0xbb,
            0xbf,
            0x9c,
            0x81,
            0xff,
          ),
          { maxLength: 30 },
        )
        .map((a) => Uint8Array.from(a)),
    );
    fc.assert(
      fc.property(
        bytes.chain((b) =>
          fc.tuple(
            fc.constant(b),
            cuts(b.length),
            fc.constantFrom<IdentityEncoding>('utf-8', 'latin1', 'windows-1252'),
          ),
        ),
        ([b, at, encoding]) => {
          const whole = decodeIdentityBytes(b, encoding);
          const decoder = createIdentityDecoder(encoding);
          let text = '';
          let problem: unknown;
          const parts = split(b, at);
          parts.forEach((part, i) => {
            if (problem) return;
            const r = decoder.decode(part, false);
            if ('problem' in r) problem = r.problem;
            else text += r.text;
            if (!problem && i === parts.length - 1) {
              const end = decoder.decode(new Uint8Array(0), true);
              if ('problem' in end) problem = end.problem;
              else text += end.text;
            }
          });
          if ('problem' in whole) expect(problem).toEqual(whole.problem);
          else {
            expect(problem).toBeUndefined();
            const bom = encoding === 'utf-8' && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? '\uFEFF' : '';
            expect(text).toBe(bom + whole.text);
          }
        },
      ),
      { numRuns: runs(1000) },
    );
  });
});

describe('olinpe pseudonymise as a user runs it, input arriving in chunks', () => {
  async function cli(
    args: string[],
    cwd: string,
    chunks: Uint8Array[],
  ): Promise<{ code: number; out: string; err: string }> {
    const io = {
      stdin: Readable.from(chunks.map((c) => Buffer.from(c))),
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      cwd,
    };
    let out = '';
    let err = '';
    io.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    io.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const code = await runCli(args, io);
    return { code, out, err };
  }

  it('stdout, stderr and exit code are those of the whole-file run, in UTF-8 and in windows-1252', async () => {
    const dir = tempDir('olinpe-stream-');
    writeFileSync(join(dir, 'cle.txt'), `${KEY}\n`);
    await fc.assert(
      fc.asyncProperty(
        identityCsv
          .chain((text) => fc.tuple(fc.constant(text), fc.constantFrom<IdentityEncoding>('utf-8', 'windows-1252')))
          .chain(([text, encoding]) => {
            const bytes = encode(text, encoding);
            return fc.tuple(fc.constant(text), fc.constant(encoding), fc.constant(bytes), cuts(bytes.length));
          }),
        async ([, encoding, bytes, at]) => {
          const args = [
            'pseudonymise',
            '--key-file',
            'cle.txt',
            ...(encoding === 'utf-8' ? [] : ['--encoding', encoding]),
          ];
          const r = await cli(args, dir, split(bytes, at));
          const decoded = decodeIdentityBytes(bytes, encoding);
          if ('problem' in decoded) {
            expect(r.code).toBe(2);
            expect(r.out).toBe('');
            expect(r.err).toContain(`line ${decoded.problem.line}:`);
            return;
          }
          const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\uFEFF' : '';
          const expected = reference(bom + decoded.text, 'olinpe-2016');
          if ('error' in expected) {
            expect(r.code).toBe(2);
            expect(r.out).toBe('');
            return;
          }
          expect(r.out).toBe(expected.output);
          expect(r.code).toBe(expected.rejections.length > 0 ? 1 : 0);
          for (const line of expected.rejections) expect(r.err).toContain(line);
          expect(r.err).toContain(
            `read ${expected.read} / written ${expected.written} / rejected ${expected.rejections.length}`,
          );
        },
      ),
      { numRuns: runs(60) },
    );
  });
});
