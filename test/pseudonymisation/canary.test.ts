import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainYear, degradeBirthDate, normaliseName, pseudonymise, rehash } from '../../src/pseudonymisation/index.js';
import { cli } from './helpers.js';
import { tempDir } from '../support/temp-dir.js';

// Canary values: if any of them (or their normalised form) appears in an output, the identity leaked.
const PRENOM = 'Zébulonette';
const NOM = "Quiñonez-d'Arcanary";
const KEY = 'CANARY-KEY-9f7e3c1a-secret';
const SHORT_KEY = 'canaryshort';
const CANARIES = [
  PRENOM,
  NOM,
  KEY,
  SHORT_KEY,
  'ZEBULONETTE',
  'QUINONEZDARCANARY',
  'zebulonette',
  'Quiñonez',
  'CANARY-KEY',
  'canaryshort',
];

function assertClean(label: string, text: string): void {
  for (const canary of CANARIES) {
    expect(text.toLowerCase().includes(canary.toLowerCase()), `${label} contains a canary`).toBe(false);
  }
}

function captured(f: () => unknown): string {
  try {
    return String(f());
  } catch (error) {
    const e = error as Error & Record<string, unknown>;
    return [e.message, e.stack, String(e), JSON.stringify(e), ...Object.values(e).map(String)].join('\n');
  }
}

describe('canary: no output ever contains a name or the key', () => {
  it('library, valid and invalid inputs', () => {
    const valid = { prenom: PRENOM, nomMere: NOM, jourNaissance: 29, moisNaissance: 2, anneeNaissance: 2012 };
    const outputs = [
      captured(() => pseudonymise(valid, { key: KEY })),
      captured(() => pseudonymise(valid, { key: KEY, scheme: 'oned-2011' })),
      captured(() => pseudonymise({ ...valid, prenom: '—' }, { key: KEY })),
      captured(() => pseudonymise({ ...valid, nomMere: '' }, { key: KEY })),
      captured(() => pseudonymise({ ...valid, moisNaissance: 47 }, { key: KEY })),
      captured(() => pseudonymise({ ...valid, jourNaissance: 47 }, { key: KEY, scheme: 'oned-2011' })),
      captured(() => pseudonymise({ ...valid, anneeNaissance: 'canaryshort' }, { key: KEY })),
      captured(() => pseudonymise(valid, { key: KEY, scheme: KEY as never })),
      captured(() => rehash(KEY, { key: KEY })),
      captured(() => rehash(PRENOM, { key: KEY })),
      captured(() => chainYear(KEY, PRENOM)),
      captured(() => degradeBirthDate(`${KEY}-12`)),
      captured(() => normaliseName('...', 'prenom')),
    ];
    for (const [i, text] of outputs.entries()) assertClean(`library output ${i}`, text);
    // the day of birth never appears in an error either
    expect(
      captured(() => pseudonymise({ ...valid, jourNaissance: 47 }, { key: KEY, scheme: 'oned-2011' })),
    ).not.toContain('47');
  });

  it('CLI, valid and invalid rows, short and good keys, stdout and stderr', async () => {
    const dir = tempDir('olinpe-canary-');
    writeFileSync(join(dir, 'key.txt'), `${KEY}\n`);
    writeFileSync(join(dir, 'short.txt'), SHORT_KEY);
    const csv =
      'PRENOM;NOMMERE;JNAIS;MNAIS;ANAIS;SEXE\n' +
      `${PRENOM};${NOM};29;2;2012;2\n` +
      `${PRENOM};;29;2;2012;2\n` +
      `;${NOM};29;2;2012;2\n` +
      `${PRENOM};${NOM};31;2;2012;2\n` +
      `${PRENOM};${NOM};29;${KEY};2012;2\n` +
      `${PRENOM};${NOM};29\n`;
    writeFileSync(join(dir, 'in.csv'), csv);
    const runs = [
      await cli(['pseudonymise', '--key-file', 'key.txt'], dir, csv),
      await cli(
        ['pseudonymise', '--key-file', 'key.txt', '--scheme', 'oned-2011', '--in', 'in.csv', '--out', 'out.csv'],
        dir,
      ),
      await cli(['pseudonymise', '--key-file', 'short.txt'], dir, csv),
      await cli(['pseudonymise', '--key-file', 'key.txt', KEY], dir, csv),
      await cli(['pseudonymise', `--key=${KEY}`], dir, csv),
      await cli(['pseudonymise', '--key-file', 'key.txt', '--scheme', KEY], dir, csv),
      await cli(['rehash', '--key-file', 'key.txt', 'in.csv', 'out2.csv'], dir),
      await cli(['rehash', '--key-file', 'key.txt', KEY], dir),
    ];
    for (const [i, r] of runs.entries()) {
      assertClean(`stdout ${i}`, r.out);
      assertClean(`stderr ${i}`, r.err);
    }
    expect(runs[0]?.code).toBe(1);
    expect(runs[0]?.out.split('\n')).toHaveLength(4); // header, two valid rows (the day is not used in 2016), final newline
    assertClean('out.csv', readFileSync(join(dir, 'out.csv'), 'utf8'));
  });
});
