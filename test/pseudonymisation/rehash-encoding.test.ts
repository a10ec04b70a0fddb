/**
 * `olinpe rehash` reads transmission files as the reader does (issue 11, item 5): a CSV file is UTF-8 unless
 * `--encoding latin1|windows-1252` says otherwise, an XML file in the encoding its header declares. The output keeps
 * the input's encoding, every byte but the identifiers unchanged. Invalid UTF-8 is refused at its line with a hint
 * to `--encoding`. The expected identifiers are the public vectors (official-vectors.json, `rehash_2016`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';
import official from './official-vectors.json' with { type: 'json' };
import { tempDir } from '../support/temp-dir.js';

const [c, d] = [official.cases[0]!, official.cases[1]!];

function workdir(): string {
  const dir = tempDir('olinpe-rehash-enc-');
  writeFileSync(join(dir, 'cle2.txt'), `${official.key2}\n`);
  return dir;
}

/** windows-1252 bytes of a text (œ, ’ and « » are the letters of real exports outside Latin-1). */
function cp1252(text: string): Buffer {
  const high: Record<string, number> = { œ: 0x9c, Œ: 0x8c, '’': 0x92, '€': 0x80 };
  return Buffer.from(Array.from(text, (ch) => high[ch] ?? ch.charCodeAt(0)));
}

const csv = (ids: [string, string][]): string =>
  'NUMDEP;NUMANONYM;AUTREDA;NUMANONYMANT\r\n' +
  ids.map(([a, b], i) => `84;${a};Confié à sa tante « ${i} » : œuvre l’été;${b}\r\n`).join('');

describe('olinpe rehash --encoding', () => {
  it('a windows-1252 CSV: refused at its first non-UTF-8 line without --encoding, re-hashed byte for byte with it', async () => {
    const dir = workdir();
    const input = cp1252(
      csv([
        [c.numanonym_2016, d.numanonym_2016],
        [d.numanonym_2016, d.numanonym_2016],
      ]),
    );
    writeFileSync(join(dir, 'in.csv'), input);
    const refused = await cli(['rehash', '--key-file', 'cle2.txt', 'in.csv', 'out.csv'], dir);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('ligne 2 :');
    expect(refused.err).toContain('line 2: file refused: bytes that are not UTF-8');
    expect(refused.err).toContain('--encoding windows-1252');
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);

    const ok = await cli(['rehash', '--key-file', 'cle2.txt', '--encoding', 'windows-1252', 'in.csv', 'out.csv'], dir);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.err).toContain('read 2 / written 2 / rejected 0');
    const expected = cp1252(
      csv([
        [c.rehash_2016, d.rehash_2016],
        [d.rehash_2016, d.rehash_2016],
      ]),
    );
    expect(readFileSync(join(dir, 'out.csv'))).toEqual(expected);
  });

  it('a Latin-1 CSV with --encoding latin1 keeps its bytes; the same rows in UTF-8 give the same identifiers', async () => {
    const dir = workdir();
    const text =
      'NUMDEP;NUMANONYM;AUTREDA;NUMANONYMANT\n84;' +
      c.numanonym_2016 +
      ';Hébergée chez sa grand-mère;' +
      d.numanonym_2016 +
      '\n';
    writeFileSync(join(dir, 'in.csv'), Buffer.from(text, 'latin1'));
    writeFileSync(join(dir, 'utf8.csv'), text);
    const r = await cli(['rehash', '--key-file', 'cle2.txt', '--encoding', 'latin1', 'in.csv', 'out.csv'], dir);
    expect(r.code, r.err).toBe(0);
    const want = text.replace(c.numanonym_2016, c.rehash_2016).replace(d.numanonym_2016, d.rehash_2016);
    expect(readFileSync(join(dir, 'out.csv'))).toEqual(Buffer.from(want, 'latin1'));
    const u = await cli(['rehash', '--key-file', 'cle2.txt', 'utf8.csv', 'out8.csv'], dir);
    expect(u.code, u.err).toBe(0);
    expect(readFileSync(join(dir, 'out8.csv'), 'utf8')).toBe(want);
  });

  it('an XML file declared ISO-8859-1 is read in that encoding without any option, and written back in it', async () => {
    const dir = workdir();
    const xml = (id: string, ant: string): string =>
      '<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<DECRET>\r\n<INTRO><VERSIONXSD>1.22</VERSIONXSD><DATEXPORT>2023-01-31</DATEXPORT></INTRO>\r\n' +
      `<DONNEE><NUMANONYM>${id}</NUMANONYM><NUMANONYMANT>${ant}</NUMANONYMANT><AUTREDA>Placée chez un tiers digne de confiance</AUTREDA></DONNEE>\r\n</DECRET>\r\n`;
    writeFileSync(join(dir, 'in.xml'), Buffer.from(xml(c.numanonym_2016, d.numanonym_2016), 'latin1'));
    const r = await cli(['rehash', '--key-file', 'cle2.txt', 'in.xml', 'out.xml'], dir);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(dir, 'out.xml'))).toEqual(Buffer.from(xml(c.rehash_2016, d.rehash_2016), 'latin1'));
  });

  it('invalid UTF-8 on line 4 of a CSV names line 4 and --encoding; an unknown --encoding is a usage error', async () => {
    const dir = workdir();
    const rows = ['NUMDEP;NUMANONYM;AUTREDA', `84;${c.numanonym_2016};sans accent`, `84;${d.numanonym_2016};encore`];
    const bytes = Buffer.concat([
      Buffer.from(`${rows.join('\n')}\n84;${c.numanonym_2016};`),
      Buffer.from([0xe9, 0x74, 0xe9]),
      Buffer.from('\n'),
    ]);
    writeFileSync(join(dir, 'in.csv'), bytes);
    const r = await cli(['rehash', '--key-file', 'cle2.txt', 'in.csv', 'out.csv'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('line 4:');
    expect(r.err).toContain('--encoding latin1');
    expect(r.err).not.toContain(c.numanonym_2016);
    const bad = await cli(['rehash', '--key-file', 'cle2.txt', '--encoding', 'ebcdic', 'in.csv', 'out.csv'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--encoding');
  });
});
