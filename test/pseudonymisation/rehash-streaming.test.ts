/**
 * `olinpe rehash` streams (issue 16, item 3): the text goes through in chunks and the output comes out in chunks.
 * The law: for any file, cut into chunks anywhere, the streaming rewriting gives what the whole-text rewriting
 * gave before it streamed (reference-rewrite-identifiers.ts, the code of commit 42523f0): the same output
 * character for character, the same counts, refusals (line, variable, message) and fatal refusal.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRehasher } from '../../src/pseudonymisation/index.js';
import { rewriteIdentifiers, rewriteIdentifierStream } from '../../src/transmission/index.js';
import type { IdentifierVariable, RefusalReason } from '../../src/transmission/index.js';
import { rewriteIdentifiers as referenceRewrite } from './reference-rewrite-identifiers.js';
import { runs } from '../support/runs.js';
import { cli } from './helpers.js';
import { tempDir } from '../support/temp-dir.js';

const toLevel2 = createRehasher({ key: 'cle-observatoire-de-test-0123456789' });
const replace = (value: string, variable: IdentifierVariable): string | RefusalReason => {
  try {
    return toLevel2(value, variable === 'NUMANONYM' ? 'numanonym' : 'numanonymAnt');
  } catch {
    return { fr: 'invalide', en: 'invalid' };
  }
};

/** The whole-text code of before, with the count of refused records it did not give (it listed them all). */
async function reference(...args: Parameters<typeof referenceRewrite>) {
  const r = await referenceRewrite(...args);
  return { ...r, refused: r.refusals.length };
}

const hex40 = fc.stringMatching(/^[0-9a-f]{40}$/);
const id = fc.oneof(
  { weight: 6, arbitrary: hex40 },
  { weight: 1, arbitrary: hex40.map((h) => h.toUpperCase()) },
  { weight: 1, arbitrary: fc.constantFrom('', 'pas-un-id', 'é') },
);
const gap = fc.constantFrom('', ' ', '\n', '\r\n', '\r', '\n  ', '\t');

const idElement = (name: string) =>
  fc
    .record({
      value: id,
      other: hex40,
      form: fc.constantFrom(
        'plain',
        'plain',
        'plain',
        'spaced',
        'attribute',
        'entity',
        'cdata',
        'selfclosing',
        'commented',
        'twice',
        'nested',
      ),
    })
    .map(({ value, other, form }) => {
      switch (form) {
        case 'spaced':
          return `<${name} >${value}</${name}\r\n>`;
        case 'attribute':
          return `<${name} a="1">${value}</${name}>`;
        case 'entity':
          return `<${name}>&#x61;${value.slice(1)}</${name}>`;
        case 'cdata':
          return `<${name}><![CDATA[${value}]]></${name}>`;
        case 'selfclosing':
          return `<${name} />`;
        case 'commented':
          return `<!--<${name}>${other}</${name}>--><${name}>${value}</${name}>`;
        case 'twice':
          return `<${name}>${value}</${name}><${name}>${other}</${name}>`;
        case 'nested':
          return `<${name}>${value}<X/></${name}>`;
        default:
          return `<${name}>${value}</${name}>`;
      }
    });
const otherElement = fc.oneof(
  fc.constantFrom('<SEXE>1</SEXE>', '<TYPEV>1</TYPEV>', '<AUTREDA>a &amp; « b »</AUTREDA>', '<MNAIS>01</MNAIS>', ''),
  hex40.map((h) => `<AUTREDA>${h}</AUTREDA>`),
);
const donnee = fc
  .record({
    open: fc.constantFrom('<DONNEE>', '<DONNEE>', '<DONNEE >', '<DONNEE\n>', '<DONNEE id="7">'),
    id: fc.option(idElement('NUMANONYM'), { nil: undefined, freq: 6 }),
    ant: fc.option(idElement('NUMANONYMANT'), { nil: undefined }),
    other: otherElement,
    gap,
    order: fc.boolean(),
    text: fc.constantFrom('', '', '', 'texte', '<?pi x?>', '<!-- c -->'),
  })
  .map(({ open, id, ant, other, gap, order, text }) => {
    const inner = order ? [id, other, ant] : [ant, id, other];
    return `${open}${gap}${inner.filter((x) => x).join(gap)}${text}${gap}</DONNEE>`;
  });
const between = fc.oneof(
  { weight: 8, arbitrary: gap },
  { weight: 1, arbitrary: fc.constantFrom('<!-- commentaire -->', '<?pi x?>', '<AUTRE>x</AUTRE>') },
  { weight: 1, arbitrary: hex40.map((h) => `<!-- ${h} -->`) },
);
const xmlFile = fc
  .record({
    bom: fc.constantFrom('', '', '\ufeff'),
    prolog: fc.constantFrom('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?>', ''),
    records: fc.array(fc.tuple(between, donnee), { maxLength: 8 }),
    end: fc.constantFrom('</DECRET>', '</DECRET>', '</DECRET>', '', '<DONNEE>'),
    gaps: fc.tuple(gap, gap, gap),
  })
  .map(
    ({ bom, prolog, records, end, gaps }) =>
      `${bom}${prolog}${gaps[0]}<DECRET>${gaps[1]}<INTRO><VERSIONXSD>2.0</VERSIONXSD></INTRO>` +
      `${records.map(([b, d]) => b + d).join('')}${gaps[2]}${end}\n`,
  );

const csvCell = fc.oneof(
  { weight: 6, arbitrary: id },
  { weight: 2, arbitrary: id.map((h) => `"${h}"`) },
  { weight: 1, arbitrary: hex40.map((h) => `"${h.slice(0, 20)}""${h.slice(20)}"`) },
  { weight: 1, arbitrary: hex40.map((h) => `"${h}"x`) },
  { weight: 2, arbitrary: fc.constantFrom('', 'x', '"a;b"', '1', '"sur\ndeux lignes"', '"a""b"', 'é') },
);
const csvFile = fc
  .record({
    bom: fc.constantFrom('', '', '\ufeff'),
    lead: fc.constantFrom('', '', '\n'),
    columns: fc.shuffledSubarray(['NUMANONYM', 'NUMANONYMANT', 'SEXE', 'AUTREDA', ' NUMANONYM ', '"TYPEV"'], {
      minLength: 1,
    }),
    rows: fc.array(
      fc.oneof(
        { weight: 8, arbitrary: fc.array(csvCell, { minLength: 1, maxLength: 7 }) },
        { weight: 1, arbitrary: fc.constant([] as string[]) },
      ),
      { maxLength: 8 },
    ),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    last: fc.boolean(),
    headerHex: fc.option(hex40, { nil: undefined, freq: 10 }),
  })
  .map(({ bom, lead, columns, rows, newline, last, headerHex }) => {
    const header = headerHex === undefined ? columns : [...columns, headerHex];
    const lines = [header.join(';'), ...rows.map((r) => r.slice(0, header.length + (r.length % 2)).join(';'))];
    return bom + lead + lines.join(newline) + (last ? newline : '');
  });

/** A text cut into chunks at the given fractions of its length (any place: inside a tag, a CRLF, a field). */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((f) => Math.floor(f * (text.length + 1))))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(text.slice(from, p));
    from = p;
  }
  chunks.push(text.slice(from));
  return chunks;
}

async function streamed(
  chunks: string[],
  fileName?: string,
  plain = false,
  bounds: { maxHeldText?: number; maxRefusalsKept?: number } = {},
) {
  async function* source(): AsyncGenerator<string> {
    for (const c of chunks) yield c;
  }
  const stream = rewriteIdentifierStream(source(), replace, { ...(fileName ? { fileName } : {}), plain, ...bounds });
  let output = '';
  for await (const chunk of stream) output += chunk;
  const summary = stream.summary!;
  return { ...summary, output: summary.fatal ? '' : output };
}

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });

describe('property: streaming in chunks of any size = the whole-text rewriting of before', () => {
  for (const [name, files, fileName] of [
    ['XML', xmlFile, 'f.xml'],
    ['CSV', csvFile, 'f.csv'],
    ['XML, format guessed', xmlFile, undefined],
  ] as const) {
    it(name, async () => {
      await fc.assert(
        fc.asyncProperty(files, cuts, async (text, at) => {
          const options = fileName ? { fileName } : {};
          const expected = await reference(text, replace, options);
          expect(await streamed(cut(text, at), fileName)).toEqual(expected);
          expect(await rewriteIdentifiers(text, replace, options)).toEqual(expected);
        }),
        { numRuns: runs(300) },
      );
    });
  }

  it('texts longer than the pieces it is taken in (16 Ki characters), surrogate pairs across their ends', async () => {
    // The stream slices a long chunk into pieces of its own (TEXT_PIECE, rewrite-identifiers.ts), at times between
    // the two halves of a pair (an astral character such as 😀 in a label): the output must not change.
    const astral = fc.nat({ max: 60 }).map((n) => `<AUTREDA>${'😀'.repeat(n)}é</AUTREDA>`);
    const record = fc.tuple(between, donnee, astral).map(([b, d, a]) => b + d.replace('</DONNEE>', `${a}</DONNEE>`));
    const large = fc
      .record({ pad: fc.nat({ max: 40 }), records: fc.array(record, { minLength: 150, maxLength: 300 }) })
      .map(
        ({ pad, records }) =>
          `<?xml version="1.0"?>\n<DECRET>${' '.repeat(pad)}<INTRO><VERSIONXSD>2.0</VERSIONXSD></INTRO>` +
          `${records.join('')}</DECRET>\n`,
      );
    await fc.assert(
      fc.asyncProperty(large, cuts, async (text, at) => {
        const expected = await reference(text, replace, { fileName: 'f.xml' });
        expect(await rewriteIdentifiers(text, replace, { fileName: 'f.xml' })).toEqual(expected);
        expect(await streamed(cut(text, at), 'f.xml')).toEqual(expected);
      }),
      { numRuns: runs(25) },
    );
  });

  it('one character per chunk', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(xmlFile, csvFile), async (text) => {
        const expected = await reference(text, replace);
        expect(await streamed(Array.from(text))).toEqual(expected);
      }),
      { numRuns: runs(100) },
    );
  });
});

/**
 * CSV files mostly in the usual form (the fast path reads such rows without the reader), with now and then a row
 * that is not (quoted, a lone CR, too few or too many fields, longer than 65,536 characters, a field longer than
 * the reader takes), blank lines, a header the reader refuses or one holding an identifier: the hand-over to the
 * reader happens anywhere in the file.
 */
const usualCell = fc.oneof(
  { weight: 8, arbitrary: id },
  { weight: 2, arbitrary: fc.constantFrom('', '1', 'x', 'é', '2016', ' ') },
);
const oddRow = fc.constantFrom(
  '"a;b";1',
  'x\ry',
  '"sur\ndeux lignes";1',
  '0123456789abcdef0123456789abcdef01234567"x;1',
  '"0123456789abcdef0123456789abcdef01234567";1',
  `${'a'.repeat(40)};${'b;'.repeat(32_000)}1`,
  `${'a'.repeat(40)};${'b'.repeat(70_000)}`,
);
const usualCsv = fc
  .record({
    bom: fc.constantFrom('', '', '\ufeff'),
    lead: fc.constantFrom('', '', '', '\n', '\r\n'),
    header: fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom('NUMANONYM;SEXE', 'NUMANONYM;NUMANONYMANT;SEXE', 'SEXE;NUMANONYMANT;NUMANONYM'),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'SEXE;TYPEV',
          'NUMANONYM,SEXE',
          'NUMANONYM;NUMANONYM',
          'nom;prenom',
          '"NUMANONYM";SEXE',
        ),
      },
      { weight: 1, arbitrary: hex40.map((h) => `NUMANONYM;SEXE;${h}`) },
    ),
    rows: fc.array(
      fc.tuple(
        fc.oneof(
          { weight: 16, arbitrary: fc.array(usualCell, { minLength: 1, maxLength: 4 }).map((c) => c.join(';')) },
          { weight: 1, arbitrary: oddRow },
          { weight: 2, arbitrary: fc.constant('') },
          { weight: 1, arbitrary: fc.array(csvCell, { minLength: 1, maxLength: 4 }).map((c) => c.join(';')) },
        ),
        fc.constantFrom('\n', '\n', '\n', '\r\n', '\r'),
      ),
      { maxLength: 30 },
    ),
    last: fc.boolean(),
  })
  .map(({ bom, lead, header, rows, last }) => {
    let text = bom + lead + header;
    for (const [row, newline] of rows) text += newline + row;
    return last ? `${text}\n` : text;
  });

describe('property: the fast path (CSV rows read without the reader) = the plain path (the reader beside)', () => {
  it('chunks of any size, from one character', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(usualCsv, csvFile),
        fc.oneof(cuts, fc.constant(null)),
        fc.constantFrom('f.csv', undefined),
        async (text, at, fileName) => {
          // One character a chunk (the long rows excepted: the positional pass reads a row again from its start
          // at each chunk until its end comes, quadratic in the row's length when chunks are that small).
          const chunks = at === null && text.length < 5000 ? Array.from(text) : cut(text, at ?? [0.5]);
          const plain = await streamed(chunks, fileName, true);
          expect(await streamed(chunks, fileName)).toEqual(plain);
          expect(await streamed([text], fileName)).toEqual(plain);
          // With tight bounds (refused past 300 characters held, two refusals listed) too.
          const bounds = { maxHeldText: 300, maxRefusalsKept: 2 };
          expect(await streamed(chunks, fileName, false, bounds)).toEqual(
            await streamed(chunks, fileName, true, bounds),
          );
        },
      ),
      { numRuns: runs(400) },
    );
  });

  it('a large file: rows in the usual form, then one that is not, far in', async () => {
    const a = '0123456789abcdef0123456789abcdef01234567';
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i % 97 === 0 ? 'pas-un-id' : a};${i % 3}\n`);
    rows.splice(20_000, 0, `"${a}";1\r\n`, `${a};1;2\n`);
    const text = `NUMANONYM;SEXE\n${rows.join('')}${a};9`;
    const chunks = text.match(/[\s\S]{1,5000}/g)!;
    const plain = await streamed(chunks, 'f.csv', true);
    expect(plain.read).toBe(30_003);
    expect(plain.refusals.length).toBeGreaterThan(300);
    expect(await streamed(chunks, 'f.csv')).toEqual(plain);
  });
});

describe('rewriteIdentifierStream', () => {
  it('hands the output out before the input has ended, a piece at a time', async () => {
    const a = '0123456789abcdef0123456789abcdef01234567';
    const rows = Array.from({ length: 20_000 }, (_, i) => `${a};${i % 2 ? 1 : 2}\n`);
    let pulled = 0;
    async function* source(): AsyncGenerator<string> {
      yield 'NUMANONYM;SEXE\n';
      for (let i = 0; i < rows.length; i += 100) {
        pulled = i + 100;
        yield rows.slice(i, i + 100).join('');
      }
    }
    const stream = rewriteIdentifierStream(source(), replace, { format: 'csv' });
    const firstAt: number[] = [];
    let output = '';
    for await (const chunk of stream) {
      firstAt.push(pulled);
      output += chunk;
    }
    expect(firstAt.length).toBeGreaterThan(5);
    expect(firstAt[0]).toBeLessThan(rows.length / 2);
    expect(stream.summary).toEqual({ format: 'csv', read: 20_000, written: 20_000, refused: 0, refusals: [] });
    expect(output).toBe(`NUMANONYM;SEXE\n${rows.map((r) => r.replace(a, toLevel2(a))).join('')}`);
  });

  it('an identifier outside any record far into the file: refused at its line, as before', async () => {
    const a = '0123456789abcdef0123456789abcdef01234567';
    const b = 'fedcba9876543210fedcba9876543210fedcba98';
    const records = `<DONNEE>\n<NUMANONYM>${a}</NUMANONYM>\n</DONNEE>\n`.repeat(3000);
    const text = `<DECRET>\n${records}<!-- ${b} -->\n${records}</DECRET>\n`;
    const expected = await reference(text, replace);
    expect(expected.fatal?.line).toBe(3 * 3000 + 2);
    const chunks = text.match(/[\s\S]{1,1000}/g)!;
    expect(await streamed(chunks)).toEqual(expected);
  });
});

describe('what would grow with the file is bounded', () => {
  const a = '0123456789abcdef0123456789abcdef01234567';
  const record = `<DONNEE>\n<NUMANONYM>${a}</NUMANONYM>\n</DONNEE>\n`;

  it('refused records: all counted, the first maxRefusalsKept listed (1,000 by default), in file order', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => (i % 2 ? `${a};1\n` : 'pas-un-id;1\n'));
    const text = `NUMANONYM;SEXE\n${rows.join('')}`;
    const chunks = text.match(/[\s\S]{1,4000}/g)!;
    for (const plain of [false, true]) {
      const all = await streamed(chunks, 'f.csv', plain);
      expect(all).toMatchObject({ read: 2500, written: 1250, refused: 1250 });
      expect(all.refusals.map((r) => r.line)).toEqual(Array.from({ length: 1000 }, (_, i) => 2 + 2 * i));
      const three = await streamed(chunks, 'f.csv', plain, { maxRefusalsKept: 3 });
      expect(three.refusals).toEqual(all.refusals.slice(0, 3));
      expect(three.output).toBe(all.output);
    }
  });

  it('olinpe rehash lists the first 1,000 refused records, then says how many more, and counts them all', async () => {
    const dir = tempDir('olinpe-rehash-refusals-');
    writeFileSync(join(dir, 'cle2.txt'), 'cle-observatoire-de-test-0123456789\n');
    const bad = a.toUpperCase().replace('A', 'G'); // 40 characters, not hexadecimal
    writeFileSync(join(dir, 'in.csv'), `NUMANONYM;SEXE\n${`${bad};1\n${a};2\n`.repeat(1200)}`);
    const r = await cli(['rehash', '--key-file', 'cle2.txt', 'in.csv', 'out.csv'], dir);
    expect(r.code).toBe(1);
    const listed = r.err.split('\n').filter((l) => l.startsWith('olinpe rehash : ligne '));
    expect(listed).toHaveLength(1000);
    expect(listed[999]).toContain('ligne 2000 : NUMANONYM');
    expect(r.err).toContain('(200 more records left out, not listed: the first 1000 are)');
    expect(r.err).toContain('(read 2400 / written 1200 / rejected 1200)');
    expect(r.err).not.toContain(bad);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').split('\n')).toHaveLength(1202);
  });

  it('text outside any record past maxHeldText: the file is refused at the line where that text starts', async () => {
    const text = `<DECRET>\n${record.repeat(3)}<!--${' x'.repeat(3000)} -->\n${record}</DECRET>\n`;
    const chunks = text.match(/[\s\S]{1,100}/g)!;
    const refused = await streamed(chunks, 'f.xml', false, { maxHeldText: 2000 });
    expect(refused.fatal).toEqual({
      line: 10,
      fr: expect.stringContaining('trop de texte sans enregistrement à placer'),
      en: expect.stringContaining('too much text without a record to place'),
    });
    expect(refused.output).toBe('');
    // Below the bound (or with the default one): written, as before.
    expect(await streamed(chunks, 'f.xml', false, { maxHeldText: 7000 })).toEqual(await reference(text, replace));
    expect(await streamed(chunks, 'f.xml')).toEqual(await reference(text, replace));
  });

  it('one record (or CSV row) longer than maxHeldText: the file is refused at the line where it starts', async () => {
    const long = `<DONNEE>\n<NUMANONYM>${a}</NUMANONYM>${'\n'.repeat(3000)}</DONNEE>\n`;
    const xml = `<DECRET>\n${record}${long}</DECRET>\n`;
    const x = await streamed(xml.match(/[\s\S]{1,100}/g)!, 'f.xml', false, { maxHeldText: 2000 });
    expect(x.fatal?.line).toBe(4);
    const csv = `NUMANONYM;SEXE\n${a};1\n${a};${'1'.repeat(3000)}\n${a};2\n`;
    for (const plain of [false, true]) {
      const c = await streamed(csv.match(/[\s\S]{1,100}/g)!, 'f.csv', plain, { maxHeldText: 2000 });
      expect(c.fatal?.line).toBe(3);
      expect(JSON.stringify(c)).not.toContain(a);
    }
  });
});

describe('olinpe rehash: a file refused after output has been written leaves the target as it was', () => {
  const a = '0123456789abcdef0123456789abcdef01234567';
  const b = 'fedcba9876543210fedcba9876543210fedcba98';
  const rows = `${a};1\n`.repeat(20_000); // about 860 KB: several output chunks before the end
  for (const [name, content, line, message] of [
    [
      'an identifier in a comment at the end',
      `<DECRET>\n${`<DONNEE><NUMANONYM>${a}</NUMANONYM></DONNEE>\n`.repeat(20_000)}<!-- ${b} -->\n</DECRET>\n`,
      20_002,
      '40 hexadecimal characters outside any record',
    ],
    [
      'bytes that are not UTF-8 on the last line',
      Buffer.concat([Buffer.from(`NUMANONYM;SEXE\n${rows}${b};`), Buffer.from([0xe9, 0x0a])]),
      20_002,
      'bytes that are not UTF-8',
    ],
  ] as const) {
    it(name, async () => {
      const dir = tempDir('olinpe-rehash-stream-');
      writeFileSync(join(dir, 'cle2.txt'), 'cle-observatoire-de-test-0123456789\n');
      const input = typeof content === 'string' ? 'in.xml' : 'in.csv';
      writeFileSync(join(dir, input), content);
      writeFileSync(join(dir, 'out'), 'the previous level-2 file\n');
      const r = await cli(['rehash', '--key-file', 'cle2.txt', input, 'out'], dir);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`line ${line}: file refused: ${message}`);
      expect(r.err).not.toContain(a);
      expect(r.err).not.toContain(b);
      expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('the previous level-2 file\n');
      expect(readdirSync(dir).sort()).toEqual(['cle2.txt', input, 'out'].sort());
      const stdout = await cli(['rehash', '--key-file', 'cle2.txt', input, '-'], dir);
      expect(stdout.code).toBe(2);
      expect(stdout.out).toBe('');
    });
  }
});
