/**
 * `olinpe rehash` against hostile level-1 files (issue 12, item 1): every value olinpe's own reader reads as
 * NUMANONYM or NUMANONYMANT is re-hashed, anything it cannot place is refused with its line, and no level-1
 * identifier reaches the level-2 file.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRehasher } from '../../src/pseudonymisation/index.js';
import { readAll, rewriteIdentifiers } from '../../src/transmission/index.js';
import type { IdentifierVariable } from '../../src/transmission/index.js';
import { cli } from './helpers.js';
import { runs } from '../support/runs.js';
import { tempDir } from '../support/temp-dir.js';

const KEY2 = 'cle-observatoire-de-test-0123456789';
const A = '0123456789abcdef0123456789abcdef01234567';
const B = 'fedcba9876543210fedcba9876543210fedcba98';
const C = 'aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd';
const toLevel2 = createRehasher({ key: KEY2 });

function workdir(): string {
  const dir = tempDir('olinpe-rehash-');
  writeFileSync(join(dir, 'cle2.txt'), `${KEY2}\n`);
  return dir;
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<DECRET>\n<INTRO><VERSIONXSD>2.0</VERSIONXSD></INTRO>\n';
const xml = (...records: string[]): string => `${HEAD}${records.join('\n')}\n</DECRET>\n`;

async function rehashFile(name: string, content: string): Promise<{ code: number; err: string; out?: string }> {
  const dir = workdir();
  writeFileSync(join(dir, name), content);
  const r = await cli(['rehash', '--key-file', 'cle2.txt', name, `out-${name}`], dir);
  const path = join(dir, `out-${name}`);
  return { code: r.code, err: r.err, ...(existsSync(path) ? { out: readFileSync(path, 'utf8') } : {}) };
}

/** The values olinpe's reader sees as identifiers in a text. */
async function readerIdentifiers(text: string): Promise<string[]> {
  const { records } = await readAll(text, { checkModel: false });
  return records
    .flatMap((r) => [r.values.NUMANONYM, r.values.NUMANONYMANT])
    .filter((v): v is string => v !== undefined);
}

describe('olinpe rehash: the hostile cases of issue 12', () => {
  it('<DONNEE > (a space in the tag) is read and re-hashed', async () => {
    const r = await rehashFile(
      'a.xml',
      xml(`<DONNEE ><NUMANONYM>${A}</NUMANONYM><NUMANONYMANT>${B}</NUMANONYMANT></DONNEE>`),
    );
    expect(await readerIdentifiers(xml(`<DONNEE ><NUMANONYM>${A}</NUMANONYM></DONNEE>`))).toEqual([A]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('read 1 / written 1 / rejected 0');
    expect(r.out).toContain(`<NUMANONYM>${toLevel2(A)}</NUMANONYM><NUMANONYMANT>${toLevel2(B)}</NUMANONYMANT>`);
    expect(r.out).not.toContain(A);
    expect(r.out).not.toContain(B);
  });

  it('<DONNEE id="7"> (an attribute) is refused with its line, not passed through', async () => {
    const r = await rehashFile('b.xml', xml(`<DONNEE id="7">\n<NUMANONYM>${A}</NUMANONYM>\n</DONNEE>`));
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 4: DONNEE: unexpected attribute');
    expect(r.err).toContain('read 1 / written 0 / rejected 1');
    expect(r.out).not.toContain(A);
  });

  it('<NUMANONYMANT a="1"> is refused, <NUMANONYMANT > is re-hashed', async () => {
    const bad = await rehashFile(
      'c.xml',
      xml(`<DONNEE>\n<NUMANONYM>${A}</NUMANONYM>\n<NUMANONYMANT a="1">${B}</NUMANONYMANT>\n</DONNEE>`),
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('line 6: NUMANONYMANT: unexpected attribute');
    expect(bad.out).not.toContain(A);
    expect(bad.out).not.toContain(B);
    const spaced = await rehashFile(
      'd.xml',
      xml(`<DONNEE><NUMANONYM >${A}</NUMANONYM ><NUMANONYMANT >${B}</NUMANONYMANT\n></DONNEE>`),
    );
    expect(spaced.code).toBe(0);
    expect(spaced.out).toContain(`<NUMANONYMANT >${toLevel2(B)}</NUMANONYMANT\n>`);
    expect(spaced.out).not.toContain(B);
  });

  it('a commented-out <NUMANONYM> before the real one refuses the record: neither identifier goes out', async () => {
    const r = await rehashFile(
      'e.xml',
      xml(`<DONNEE>\n<!-- <NUMANONYM>${C}</NUMANONYM> -->\n<NUMANONYM>${A}</NUMANONYM>\n</DONNEE>`),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 5: comment or processing instruction inside a record');
    expect(r.out).not.toContain(A);
    expect(r.out).not.toContain(C);
  });

  it('a second NUMANONYM in a record is refused with its line', async () => {
    const r = await rehashFile(
      'f.xml',
      xml(`<DONNEE>\n<NUMANONYM>${A}</NUMANONYM>\n<NUMANONYM>${C}</NUMANONYM>\n</DONNEE>`),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 6: NUMANONYM: element present twice');
    expect(r.out).not.toContain(A);
    expect(r.out).not.toContain(C);
  });

  it('a CSV header naming NUMANONYM twice refuses the file: exit 2, no output', async () => {
    const r = await rehashFile('g.csv', `NUMANONYM;SEXE;NUMANONYM\n${A};1;${C}\n`);
    expect(r.code).toBe(2);
    expect(r.err).toContain('line 1:');
    expect(r.err).toContain('appears twice');
    expect(r.out).toBeUndefined();
  });

  it('an identifier outside any record (comment, unexpected element, attribute) refuses the file', async () => {
    for (const [name, text, line] of [
      ['h.xml', xml(`<!-- ${C} -->`, `<DONNEE><NUMANONYM>${A}</NUMANONYM></DONNEE>`), 4],
      [
        'i.xml',
        xml(`<DONNEE><NUMANONYM>${A}</NUMANONYM></DONNEE>`, `<DONNEES><NUMANONYM>${C}</NUMANONYM></DONNEES>`),
        5,
      ],
      ['j.xml', `<DECRET ref="${C}">\n<DONNEE><NUMANONYM>${A}</NUMANONYM></DONNEE>\n</DECRET>\n`, 1],
    ] as const) {
      const r = await rehashFile(name, text);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toContain(`line ${line}: file refused: 40 hexadecimal characters outside any record`);
      expect(r.out, name).toBeUndefined();
    }
  });

  it('an identifier written with an entity, or 40 hex characters in another element, refuses the record', async () => {
    const entity = await rehashFile('k.xml', xml(`<DONNEE><NUMANONYM>&#x30;${A.slice(1)}</NUMANONYM></DONNEE>`));
    expect(entity.code).toBe(1);
    expect(entity.err).toContain('NUMANONYM: identifier written with entities');
    const other = await rehashFile('l.xml', xml(`<DONNEE><NUMANONYM>${A}</NUMANONYM><AUTREDA>${C}</AUTREDA></DONNEE>`));
    expect(other.code).toBe(1);
    expect(other.err).toContain('40 hexadecimal characters outside NUMANONYM and NUMANONYMANT');
    expect(other.out).not.toContain(C);
    const csv = await rehashFile('m.csv', `NUMANONYM;AUTREDA\n${A};${C}\n${B};x\n`);
    expect(csv.code).toBe(1);
    expect(csv.out).toBe(`NUMANONYM;AUTREDA\n${toLevel2(B)};x\n`);
  });

  it('a record the reader cannot read (nested element) is refused, the others written', async () => {
    const r = await rehashFile(
      'n.xml',
      xml(`<DONNEE><NUMANONYM>${A}<X/></NUMANONYM></DONNEE>`, `<DONNEE><NUMANONYM>${B}</NUMANONYM></DONNEE>`),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('read 2 / written 1 / rejected 1');
    expect(r.out).toContain(toLevel2(B));
    expect(r.out).not.toContain(A);
  });

  it('a file that is not UTF-8 is refused at its line, nothing written', async () => {
    const dir = workdir();
    const bytes = Buffer.concat([
      Buffer.from(`NUMANONYM;AUTREDA\n${A};x\n${B};`),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    writeFileSync(join(dir, 'o.csv'), bytes);
    const r = await cli(['rehash', '--key-file', 'cle2.txt', 'o.csv', 'out.csv'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('line 3:');
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Property: for any file the reader accepts, the output holds none of the input's level-1 identifiers, and
// read = written + refused; every record written carries the re-hash of what the reader read.

const hex40 = fc.stringMatching(/^[0-9a-f]{40}$/);
const spacing = fc.constantFrom('', ' ', '\n', '\r\n  ');
const idElement = (name: IdentifierVariable) =>
  fc
    .record({
      value: fc.oneof(
        hex40,
        hex40.map((h) => h.toUpperCase()),
        fc.constantFrom('', 'pas-un-id'),
      ),
      form: fc.constantFrom('plain', 'spaced', 'attribute', 'entity', 'cdata', 'selfclosing', 'commented', 'twice'),
      other: hex40,
    })
    .map(({ value, form, other }) => {
      switch (form) {
        case 'spaced':
          return `<${name} >${value}</${name}\n>`;
        case 'attribute':
          return `<${name} a="1">${value}</${name}>`;
        case 'entity':
          return value === ''
            ? `<${name}/>`
            : `<${name}>&#x${value.charCodeAt(0).toString(16)};${value.slice(1)}</${name}>`;
        case 'cdata':
          return `<${name}><![CDATA[${value}]]></${name}>`;
        case 'selfclosing':
          return `<${name} />`;
        case 'commented':
          return `<!--<${name}>${other}</${name}>--><${name}>${value}</${name}>`;
        case 'twice':
          return `<${name}>${value}</${name}><${name}>${other}</${name}>`;
        default:
          return `<${name}>${value}</${name}>`;
      }
    });
const donnee = fc
  .record({
    open: fc.constantFrom('<DONNEE>', '<DONNEE >', '<DONNEE\n>', '<DONNEE id="7">'),
    id: fc.option(idElement('NUMANONYM'), { nil: undefined }),
    ant: fc.option(idElement('NUMANONYMANT'), { nil: undefined }),
    sexe: fc.constantFrom('<SEXE>1</SEXE>', '<SEXE>2</SEXE>', '', '<AUTREDA>a &amp; b</AUTREDA>'),
    gap: spacing,
    order: fc.boolean(),
  })
  .map(({ open, id, ant, sexe, gap, order }) => {
    const inner = order ? [id, sexe, ant] : [ant, id, sexe];
    return `${open}${gap}${inner.filter((x) => x).join(gap)}${gap}</DONNEE>`;
  });
const xmlFile = fc
  .array(donnee, { maxLength: 6 })
  .chain((records) =>
    spacing.map(
      (gap) =>
        `<?xml version="1.0"?>${gap}<DECRET>${gap}<INTRO><VERSIONXSD>2.0</VERSIONXSD></INTRO>${gap}${records.join(gap)}${gap}</DECRET>${gap}`,
    ),
  );
const csvCell = fc.oneof(
  hex40,
  hex40.map((h) => h.toUpperCase()),
  hex40.map((h) => `"${h}"`),
  fc.constantFrom('', 'x', '"a;b"', '1'),
);
const csvFile = fc
  .record({
    columns: fc.shuffledSubarray(['NUMANONYM', 'NUMANONYMANT', 'SEXE', 'AUTREDA', ' NUMANONYM '], { minLength: 1 }),
    rows: fc.array(fc.array(csvCell, { minLength: 1, maxLength: 6 }), { maxLength: 6 }),
    newline: fc.constantFrom('\n', '\r\n'),
  })
  .map(
    ({ columns, rows, newline }) =>
      [columns.join(';'), ...rows.map((r) => r.slice(0, columns.length).join(';'))].join(newline) + newline,
  );

describe('property: no level-1 identifier in the output, read = written + refused', () => {
  const replace = (value: string, variable: IdentifierVariable): string | { fr: string; en: string } => {
    try {
      return toLevel2(value, variable === 'NUMANONYM' ? 'numanonym' : 'numanonymAnt');
    } catch {
      return { fr: 'invalide', en: 'invalid' };
    }
  };
  for (const [name, files] of [
    ['XML', xmlFile],
    ['CSV', csvFile],
  ] as const) {
    it(name, async () => {
      await fc.assert(
        fc.asyncProperty(files, async (text) => {
          const { records, summary } = await readAll(text, { checkModel: false });
          const result = await rewriteIdentifiers(text, replace);
          if (summary.fatal) {
            expect(result.fatal).toBeDefined();
            return;
          }
          if (result.fatal) {
            // Refused whole: only for an identifier outside any record.
            expect(result.fatal.en).toMatch(/outside any record|in the header/);
            return;
          }
          expect(result.read).toBe(result.written + result.refused);
          expect(result.refusals.length).toBe(result.refused);
          for (const r of records) {
            for (const v of [r.values.NUMANONYM, r.values.NUMANONYMANT]) {
              if (v && /[0-9a-f]{40}/i.test(v)) {
                const m = /[0-9a-f]{40}/i.exec(v)![0];
                expect(result.output.toLowerCase()).not.toContain(m.toLowerCase());
              }
            }
          }
          // Every record written carries the re-hash of identifiers the reader read.
          const level2 = new Set(
            records
              .flatMap((r) => [r.values.NUMANONYM, r.values.NUMANONYMANT])
              .filter((v): v is string => !!v)
              .map((v) => replace(v, 'NUMANONYM')),
          );
          const out = await readAll(result.output, { checkModel: false, format: result.format });
          expect(out.records).toHaveLength(result.written);
          for (const r of out.records) {
            expect(level2.has(r.values.NUMANONYM!)).toBe(true);
            if (r.values.NUMANONYMANT !== undefined) expect(level2.has(r.values.NUMANONYMANT)).toBe(true);
          }
        }),
        { numRuns: runs(150) },
      );
    });
  }
});
