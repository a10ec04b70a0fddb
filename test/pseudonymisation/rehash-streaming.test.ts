/**
 * `olinpe rehash` streams (issue 16, item 3): the text goes through in chunks and the output comes out in chunks.
 * The law: for any file, cut into chunks anywhere, the streaming rewriting gives what the whole-text rewriting
 * gave before it streamed (reference-rewrite-identifiers.ts, the code of commit 42523f0): the same output
 * character for character, the same counts, refusals (line, variable, message) and fatal refusal.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRehasher } from '../../src/pseudonymisation/index.js';
import { rewriteIdentifiers, rewriteIdentifierStream } from '../../src/transmission/index.js';
import type { IdentifierVariable, RefusalReason } from '../../src/transmission/index.js';
import { rewriteIdentifiers as reference } from './reference-rewrite-identifiers.js';
import { runs } from '../support/runs.js';
import { cli } from './helpers.js';

const toLevel2 = createRehasher({ key: 'cle-observatoire-de-test-0123456789' });
const replace = (value: string, variable: IdentifierVariable): string | RefusalReason => {
  try {
    return toLevel2(value, variable === 'NUMANONYM' ? 'numanonym' : 'numanonymAnt');
  } catch {
    return { fr: 'invalide', en: 'invalid' };
  }
};

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

async function streamed(chunks: string[], fileName?: string) {
  async function* source(): AsyncGenerator<string> {
    for (const c of chunks) yield c;
  }
  const stream = rewriteIdentifierStream(source(), replace, fileName ? { fileName } : {});
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
    expect(stream.summary).toEqual({ format: 'csv', read: 20_000, written: 20_000, refusals: [] });
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
      const dir = mkdtempSync(join(tmpdir(), 'olinpe-rehash-stream-'));
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
