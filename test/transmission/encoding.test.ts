/**
 * Encodings of real exports (issue 11, item 5) and readers without a rows-per-chunk limit (issue 12, item 5).
 * The fixtures are bytes written by hand in ISO-8859-1 and windows-1252 (declared in XML; said with --encoding for
 * CSV) and a UTF-8 CSV with one Latin-1 byte on line 5.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecoder, decodeText, readAll } from '../../src/transmission/index.js';
import { textChunks } from '../../src/transmission/chunks.js';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

const fixture = (name: string): string => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(fixture(name)));
const dir = tempDir('olinpe-encoding-');
const LATIN = 'Séjour de rupture éducative à Noël';
const WINDOWS = 'Accueil « œuvre » – l’été';

/** The same file in UTF-8 (declaration changed for XML), to compare with. */
function asUtf8(name: string, encoding: string): string {
  const text = new TextDecoder(encoding).decode(bytesOf(name)).replace(/encoding="[^"]*"/, 'encoding="UTF-8"');
  const path = join(dir, `utf8-${name}`);
  writeFileSync(path, text);
  return path;
}

async function findings(args: string[]): Promise<{
  code: number;
  json: { findings: unknown[]; records: number; readErrors: { kind: string; message: string }[] };
}> {
  const run = await cli(['validate', ...args, '--year', '2023', '--format', 'json']);
  return {
    code: run.code,
    json: JSON.parse(run.stdout) as {
      findings: unknown[];
      records: number;
      readErrors: { kind: string; message: string }[];
    },
  };
}

describe('XML: the declared encoding is honoured', () => {
  it.each([
    ['latin1-declared.xml', LATIN],
    ['windows-1252-declared.xml', WINDOWS],
  ])('%s is read with its accents, as the same file in UTF-8', async (name, text) => {
    const { records, summary } = await readAll(bytesOf(name));
    expect(summary).toMatchObject({ read: 2, errors: 0, fatal: false });
    expect(records[0]!.values.AUTREDA).toBe(text);
    const a = await findings([fixture(name)]);
    const b = await findings([asUtf8(name, name.startsWith('latin1') ? 'latin1' : 'windows-1252')]);
    expect(a.json.readErrors).toEqual([]);
    expect(a.json.findings).toEqual(b.json.findings);
    expect(a.code).toBe(b.code);
  });

  it('an encoding olinpe does not read is refused, naming it', async () => {
    const xml = new TextEncoder().encode(
      '<?xml version="1.0" encoding="Shift_JIS"?>\n<DECRET><DONNEE><TYPEV>1</TYPEV></DONNEE></DECRET>',
    );
    const { items, summary } = await readAll(xml);
    expect(summary.fatal).toBe(true);
    expect(items.find((i) => i.type === 'error')).toMatchObject({
      kind: 'encoding',
      message: expect.stringContaining('« Shift_JIS » non pris en charge'),
    });
  });

  it('undeclared Latin-1 in XML stops at the right line, suggesting the declaration or --encoding', async () => {
    const bytes = bytesOf('latin1-declared.xml');
    const text = new TextDecoder('latin1').decode(bytes).replace(' encoding="ISO-8859-1"', '');
    const { items, records } = await readAll(new Uint8Array([...text].map((c) => c.charCodeAt(0))));
    const error = items.find((i) => i.type === 'error');
    const line = text.split('\n').findIndex((l) => l.includes('AUTREDA')) + 1;
    expect(error).toMatchObject({ kind: 'encoding', severity: 'fatal', line });
    expect(error && 'message' in error ? error.message : '').toContain('--encoding latin1');
    expect(records).toHaveLength(0);
  });
});

describe('CSV: UTF-8 unless --encoding says otherwise', () => {
  it.each([
    ['latin1.csv', 'latin1', LATIN],
    ['windows-1252.csv', 'windows-1252', WINDOWS],
  ])('%s with --encoding %s reads as the same file in UTF-8', async (name, encoding, text) => {
    const { records } = await readAll(bytesOf(name), { encoding });
    expect(records).toHaveLength(3);
    expect(records[1]!.values.AUTREDA).toBe(text);
    const a = await findings([fixture(name), '--encoding', encoding]);
    const b = await findings([asUtf8(name, encoding)]);
    expect(a.json.readErrors).toEqual([]);
    expect(a.json.findings).toEqual(b.json.findings);
    const converted = await cli(['convert', fixture(name), join(dir, `${name}.xml`), '--encoding', encoding]);
    expect(converted.stderr).toContain('3 lus, 3 écrits');
    expect(readFileSync(join(dir, `${name}.xml`), 'utf8')).toContain(
      `<AUTREDA>${text.replace('&', '&amp;')}</AUTREDA>`,
    );
  });

  it('without --encoding, a Latin-1 CSV stops at its line 3, the row before read, exit 2', async () => {
    const { records, items, summary } = await readAll(bytesOf('latin1.csv'));
    expect(records.map((r) => r.line)).toEqual([2]);
    expect(items.find((i) => i.type === 'error')).toMatchObject({ kind: 'encoding', severity: 'fatal', line: 3 });
    expect(summary.unreadable).toBe(1);
    const run = await cli(['validate', fixture('latin1.csv'), '--year', '2023']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("Ligne 3 : octets qui ne sont pas de l'UTF-8");
    expect(run.stdout).toContain('--encoding latin1');
  });

  it('an invalid byte on line 5 is reported on line 5, rows 2 to 4 read and checked', async () => {
    const { records, items } = await readAll(bytesOf('invalid-utf8-line5.csv'));
    expect(records.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(records[1]!.values.AUTREDA).toBe('Séjour éducatif');
    expect(items.find((i) => i.type === 'error')).toMatchObject({ kind: 'encoding', line: 5 });
    for (const size of [1, 2, 5, 64]) {
      const bytes = bytesOf('invalid-utf8-line5.csv');
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
      const cut = await readAll(chunks);
      expect(cut.records.map((r) => r.line)).toEqual([2, 3, 4]);
      expect(cut.items.find((i) => i.type === 'error')).toMatchObject({ kind: 'encoding', line: 5 });
    }
    const json = await findings([fixture('invalid-utf8-line5.csv')]);
    expect(json.code).toBe(2);
    expect(json.json.records).toBe(3);
  });
});

describe('decoding, shared with the identity files', () => {
  it('decodeText says the line and column of the first invalid byte', () => {
    const r = decodeText(new Uint8Array([0x61, 0x0a, 0x62, 0xc3, 0xa9, 0x0a, 0x63, 0xe9, 0x64]), 'utf-8');
    expect(r).toEqual({ text: 'a\nbé\nc', invalid: { line: 3, column: 2, offset: 7 } });
    expect(decodeText(new Uint8Array([0xe9, 0x9c, 0x80]), 'latin1')).toEqual({ text: 'éœ€' });
  });

  it('UTF-8 decodes as TextDecoder does, at any chunking, and stops exactly where a bad byte is', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
        fc.option(fc.integer({ min: 0, max: 80 })),
        async (text, sizes, badAt) => {
          let bytes = new TextEncoder().encode(text);
          let expected = text;
          if (badAt !== null) {
            const at = Math.min(badAt, bytes.length);
            const prefix = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, at));
            if (prefix.includes('\uFFFD') && !text.includes('\uFFFD')) return; // cut inside a character: not this case
            bytes = new Uint8Array([...bytes.subarray(0, at), 0xff, ...bytes.subarray(at)]);
            expected = prefix;
          }
          const chunks: Uint8Array[] = [];
          for (let i = 0, k = 0; i < bytes.length; i += sizes[k++ % sizes.length]!)
            chunks.push(bytes.slice(i, i + sizes[k % sizes.length]!));
          let got = '';
          let failed = false;
          try {
            for await (const t of textChunks(chunks)) got += t;
          } catch (error) {
            failed = true;
            got += (error as { before: string }).before;
          }
          expect(failed).toBe(badAt !== null);
          expect(got).toBe(expected.replace(/^\uFEFF/, ''));
        },
      ),
    );
  });

  it("windows-1252 decodes as the WHATWG index says (not as Node's TextDecoder, which gives Latin-1 there)", () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const text = createDecoder('windows-1252').decode(all);
    // WHATWG index-windows-1252 (encoding.spec.whatwg.org): the bytes 0x80–0x9F.
    const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009Džÿ'.replace('ÿ', 'Ÿ');
    expect(text.slice(0x80, 0xa0)).toBe(high);
    for (let i = 0; i < 256; i++) if (i < 0x80 || i >= 0xa0) expect(text.charCodeAt(i)).toBe(i);
    // ISO-8859-1 is read the same way (as browsers do): the labels name one decoder.
    expect(createDecoder('latin1').decode(all)).toBe(text);
  });
});

describe('any number of rows per chunk', () => {
  it('readAll on a 1,000,000-row CSV given as one string', async () => {
    const text = `TYPEV;DECISION;SEXE\n${'1;1;1\n'.repeat(1_000_000)}`;
    const { summary } = await readAll(text, { checkModel: false });
    expect(summary).toMatchObject({ read: 1_000_000, unreadable: 0, fatal: false });
  });

  it('an XML chunk holding 20,000 records', async () => {
    const xml = `<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2024-01-31</DATEXPORT></INTRO>${'<DONNEE><TYPEV>1</TYPEV></DONNEE>'.repeat(20_000)}</DECRET>`;
    const { summary } = await readAll(xml, { checkModel: false });
    expect(summary.read).toBe(20_000);
  });
});
