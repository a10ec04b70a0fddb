/**
 * Every command that reads a CSV transmission or identity file takes `--encoding` (issue 11, item 5): a value it
 * does not read is a usage error (exit 2) that names the encodings it reads, never "unknown option".
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const COMMANDS: string[][] = [
  ['validate', 'x.csv'],
  ['audit', 'x.csv'],
  ['convert', 'x.csv', 'y.xml'],
  ['report', 'x.csv'],
  ['rehash', '--key-file', 'k.txt', 'x.csv', 'y.csv'],
  ['export', 'x.csv', '--to', 'parquet', '--out', 'dir'],
  ['pseudonymise', '--key-file', 'k.txt'],
];

describe('--encoding on every command reading CSV', () => {
  it.each(COMMANDS)('olinpe %s … --encoding ebcdic: usage error naming latin1 and windows-1252', async (...args) => {
    const r = await cli([...args, '--encoding', 'ebcdic']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--encoding');
    expect(r.stderr).toContain('latin1');
    expect(r.stderr).toContain('windows-1252');
    expect(r.stderr).not.toMatch(/option inconnue|unknown option/i);
  });
});
