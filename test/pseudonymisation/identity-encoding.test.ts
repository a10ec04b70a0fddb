/**
 * Identity files are UTF-8 or said otherwise (issue 12, item 3). The expected identifiers are the public
 * vectors (shared/reference/pseudonymisation-vectors.json, copied in official-vectors.json): the same identities
 * saved in ISO-8859-1 or windows-1252 must give them with --encoding, and be refused at the right line without.
 */
import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeIdentityBytes,
  normaliseName,
  pseudonymise,
  PseudonymisationError,
} from '../../src/pseudonymisation/index.js';
import { cli } from './helpers.js';
import official from './official-vectors.json' with { type: 'json' };
import { tempDir } from '../support/temp-dir.js';

/** windows-1252 bytes of a text (the letters of the public vectors that windows-1252 has). */
function cp1252(text: string): Buffer {
  const high: Record<string, number> = { Œ: 0x8c, œ: 0x9c, '’': 0x92, Š: 0x8a, š: 0x9a, Ÿ: 0x9f };
  return Buffer.from(Array.from(text, (c) => high[c] ?? (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f)));
}

const inLatin1 = official.cases.filter((c) =>
  [...(c.prenom + c.nomMere)].every(
    (ch) => ch.charCodeAt(0) < 256 && !(ch.charCodeAt(0) >= 0x80 && ch.charCodeAt(0) < 0xa0),
  ),
);
const inCp1252 = official.cases.filter((c) =>
  [...(c.prenom + c.nomMere)].every((ch) => ch.charCodeAt(0) < 256 || 'Œœ’Šš'.includes(ch)),
);
const csv = (cases: typeof official.cases): string =>
  `PRENOM;NOMMERE;MNAIS;ANAIS\n${cases.map((c) => `${c.prenom};${c.nomMere};${c.mnais};${c.anais}`).join('\n')}\n`;

function dir(): string {
  const d = tempDir('olinpe-enc-');
  writeFileSync(join(d, 'cle.txt'), `${official.key}\n`);
  return d;
}

describe('olinpe pseudonymise: identity file encodings', () => {
  it('a Latin-1 file is refused at the line of its first non-UTF-8 byte, nothing written', async () => {
    const d = dir();
    const text = csv(inLatin1);
    writeFileSync(join(d, 'latin1.csv'), Buffer.from(text, 'latin1'));
    const firstAccented = text.split('\n').findIndex((l) => /[^\x00-\x7f]/.test(l)) + 1;
    const r = await cli(['pseudonymise', '--key-file', 'cle.txt', '--in', 'latin1.csv', '--out', 'out.csv'], d);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`line ${firstAccented}:`);
    expect(r.err).toContain('--encoding latin1');
    expect(existsSync(join(d, 'out.csv'))).toBe(false);
  });

  it('with --encoding latin1 it gives the public vectors, as the UTF-8 file does', async () => {
    expect(inLatin1.length).toBeGreaterThanOrEqual(8);
    const d = dir();
    writeFileSync(join(d, 'latin1.csv'), Buffer.from(csv(inLatin1), 'latin1'));
    const r = await cli(['pseudonymise', '--key-file', 'cle.txt', '--encoding', 'latin1', '--in', 'latin1.csv'], d);
    expect(r.code).toBe(0);
    const ids = r.out
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(';')[0]);
    expect(ids).toEqual(inLatin1.map((c) => c.numanonym_2016));
  });

  it('with --encoding windows-1252 a file with œ (0x9C) gives the public vectors; latin1 refuses that byte', async () => {
    const withOe = inCp1252.filter((c) => /[œŒ]/.test(c.prenom + c.nomMere));
    expect(withOe.length).toBeGreaterThan(0);
    const d = dir();
    const text = csv(inCp1252);
    writeFileSync(join(d, 'cp.csv'), cp1252(text));
    const r = await cli(['pseudonymise', '--key-file', 'cle.txt', '--encoding', 'windows-1252', '--in', 'cp.csv'], d);
    expect(r.code, r.err).toBe(0);
    expect(
      r.out
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => l.split(';')[0]),
    ).toEqual(inCp1252.map((c) => c.numanonym_2016));
    const wrong = await cli(['pseudonymise', '--key-file', 'cle.txt', '--encoding', 'latin1', '--in', 'cp.csv'], d);
    expect(wrong.code).toBe(2);
    const line = text.split('\n').findIndex((l) => /[œŒ’]/.test(l)) + 1;
    expect(wrong.err).toContain(`line ${line}: byte 0x80–0x9F`);
    expect(wrong.err).toContain('windows-1252');
  });

  it('an unknown --encoding is a usage error', async () => {
    const r = await cli(['pseudonymise', '--key-file', 'cle.txt', '--encoding', 'ebcdic'], dir(), csv(inLatin1));
    expect(r.code).toBe(2);
  });

  it('a replacement character never enters a pseudonym: the row is refused (the library refuses it too)', async () => {
    const r = await cli(
      ['pseudonymise', '--key-file', 'cle.txt'],
      dir(),
      'PRENOM;NOMMERE;MNAIS;ANAIS\nANA\uFFFDS;Dupont;1;2009\nAnaïs;Dupont;1;2009\n',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 2: PRENOM: replacement character');
    expect(r.err).toContain('read 2 / written 1 / rejected 1');
    expect(() => normaliseName('ANA\uFFFDS', 'prenom')).toThrow(PseudonymisationError);
    expect(() =>
      pseudonymise(
        { prenom: 'Léa', nomMere: 'Mart\uFFFDn', moisNaissance: 1, anneeNaissance: 2010 },
        { key: official.key },
      ),
    ).toThrow(/nomMere/);
  });
});

describe('decodeIdentityBytes', () => {
  it('says the line and offset of the first invalid UTF-8 byte', () => {
    const bytes = Buffer.concat([Buffer.from('a\nb\nc'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(decodeIdentityBytes(bytes)).toMatchObject({ problem: { line: 3, offset: 5 } });
    // Overlong, surrogate and truncated sequences are invalid too.
    for (const bad of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
      [0xf5, 0x80, 0x80, 0x80],
    ]) {
      expect(decodeIdentityBytes(Buffer.from(bad))).toMatchObject({ problem: { line: 1, offset: 0 } });
    }
    expect(decodeIdentityBytes(Buffer.from('\uFEFFZoé\n'))).toEqual({ text: 'Zoé\n' });
  });

  it('agrees with the platform decoder on which byte strings are UTF-8', () => {
    const samples = [
      Buffer.from('Anaïs Œdipe 😀'),
      Buffer.from([0xf0, 0x9f, 0x98]),
      Buffer.from([0xef, 0xbf, 0xbd]),
      Buffer.from([0xf4, 0x90, 0x80, 0x80]),
    ];
    for (const s of samples) {
      let ok = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(s);
      } catch {
        ok = false;
      }
      expect('text' in decodeIdentityBytes(s)).toBe(ok);
    }
  });
});
