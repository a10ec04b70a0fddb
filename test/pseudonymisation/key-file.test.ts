/**
 * Keys are bytes (issue 12, item 2): the key file's bytes without one final LF or CRLF, never decoded. The
 * published key-file vectors are checked against an independent computation (node:crypto SHA-1 over the
 * construction of the spec, with the normalised names and phonex strings of public vector v01), and every case
 * is run through the CLI as a user would.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_VECTORS_PATH, renderKeyVectors } from '../../scripts/generate-vectors.js';
import { keyBytes, PseudonymisationError } from '../../src/pseudonymisation/index.js';
import { cli } from './helpers.js';
import official from './official-vectors.json' with { type: 'json' };
import { tempDir } from '../support/temp-dir.js';

interface KeyCase {
  id: string;
  fileHex: string;
  allowShort?: boolean;
  refused?: string;
  keyHex?: string;
  numanonym_2016?: string;
  rehash_with_this_key?: string;
}
const published = JSON.parse(readFileSync(KEY_VECTORS_PATH, 'utf8')) as { cases: KeyCase[] };
const v01 = official.cases[0]!;
const fromHex = (h: string): Buffer => Buffer.from(h, 'hex');

/** The construction of the spec (section 3 and 4), with node:crypto: not the library's SHA-1 nor its phonex. */
function independent(key: Buffer): { numanonym: string; level2: string } {
  const half = (text: string): string =>
    createHash('sha1')
      .update(Buffer.concat([Buffer.from(text, 'utf8'), key]))
      .digest('hex')
      .slice(0, 20);
  const d = `${String(v01.mnais).padStart(2, '0')}${v01.anais}`;
  const numanonym = half(v01.norm_prenom + v01.norm_nomMere + d) + half(v01.phonex12);
  const x = v01.numanonym_2016;
  return { numanonym, level2: half(x.slice(0, 20)) + half(x.slice(20, 40)) };
}

describe('docs/vectors/key-file-vectors.json', () => {
  it('is current', () => {
    expect(renderKeyVectors()).toBe(readFileSync(KEY_VECTORS_PATH, 'utf8'));
  });

  it('the dummy key with no line break, one LF or one CRLF is the public vector key (v01 unchanged)', () => {
    for (const id of ['k01', 'k02', 'k03']) {
      const c = published.cases.find((x) => x.id === id)!;
      expect(c.numanonym_2016).toBe(v01.numanonym_2016);
      expect(c.rehash_with_this_key).toBe(independent(Buffer.from(official.key)).level2);
    }
  });

  it('every accepted key gives what node:crypto gives over its bytes, undecoded', () => {
    const accepted = published.cases.filter((c) => c.keyHex !== undefined);
    expect(accepted.length).toBeGreaterThanOrEqual(9);
    for (const c of accepted) {
      const expected = independent(fromHex(c.keyHex!));
      expect(c.numanonym_2016, c.id).toBe(expected.numanonym);
      expect(c.rehash_with_this_key, c.id).toBe(expected.level2);
    }
  });

  it('three 32-byte keys that are not UTF-8 give three different pseudonyms', () => {
    const ids = ['k15', 'k16', 'k17'].map((id) => published.cases.find((c) => c.id === id)!.numanonym_2016);
    expect(new Set(ids).size).toBe(3);
  });

  it('each key file, through the CLI: accepted ones give the published identifier, refused ones exit 2 saying why', async () => {
    const dir = tempDir('olinpe-keys-');
    const identities = `PRENOM;NOMMERE;MNAIS;ANAIS\n${v01.prenom};${v01.nomMere};${v01.mnais};${v01.anais}\n`;
    const why: Record<string, string> = {
      bom: 'byte-order mark',
      'extra-newline': 'line break',
      whitespace: 'only whitespace',
      empty: 'empty',
      short: 'too short',
    };
    for (const c of published.cases) {
      const file = fromHex(c.fileHex);
      writeFileSync(join(dir, `${c.id}.key`), file);
      const r = await cli(
        ['pseudonymise', '--key-file', `${c.id}.key`, ...(c.allowShort ? ['--allow-short-key'] : [])],
        dir,
        identities,
      );
      if (c.refused) {
        expect(r.code, c.id).toBe(2);
        expect(r.err, c.id).toContain(why[c.refused]);
        expect(r.out, c.id).toBe('');
      } else {
        expect(r.code, `${c.id} ${r.err}`).toBe(0);
        expect(r.out.split('\n')[1]?.split(';')[0], c.id).toBe(c.numanonym_2016);
      }
      const key = c.keyHex ? fromHex(c.keyHex) : file;
      // The key never appears in any output (as text, in hex, or its printable part).
      const printable = key.toString('latin1').replace(/[^\x21-\x7e]/g, '');
      for (const out of [r.out, r.err]) {
        if (printable.length >= 8) expect(out).not.toContain(printable);
        if (key.length > 0) expect(out).not.toContain(key.toString('hex'));
      }
    }
  });

  it('the library refuses a text key that starts with a BOM or holds U+FFFD', () => {
    for (const bad of [`\uFEFF${official.key}`, `${official.key}\uFFFD`]) {
      let error: unknown;
      try {
        keyBytes(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PseudonymisationError);
      expect((error as PseudonymisationError).message).not.toContain(official.key);
    }
  });
});
