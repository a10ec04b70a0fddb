/**
 * How the CLI reads an input file (src/cli/io.ts, `openInput`): a regular file by `readSync` in pieces, anything else
 * (a named pipe here) as a stream, standard input as it comes. The same bytes give the same report whichever way
 * they come, on a file of many pieces whose last one is partial.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { openInput } from '../../src/cli/io.js';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('olinpe-input-file-');
const fixture = readFileSync(
  new URL('../transmission/fixtures/real-export-2016-v122.xml', import.meta.url).pathname,
  'utf8',
);
// The fixture's records again and again (~10 pieces of 64 KB, the last one partial), one of them with a value
// holding multi-byte characters.
const start = fixture.indexOf('<DONNEE>');
const end = fixture.lastIndexOf('</DONNEE>') + '</DONNEE>'.length;
const records = fixture.slice(start, end).replace('<SEXE>2</SEXE>', '<SEXE>2é€</SEXE>');
const text = `${fixture.slice(0, start)}${Array.from({ length: 150 }, () => records).join('\n')}${fixture.slice(end)}`;
const bytes = new TextEncoder().encode(`${text}\n<!-- ${'x'.repeat(12_345)} -->\n`);
const path = join(dir, 'many-pieces.xml');
writeFileSync(path, bytes);

describe('an input file', () => {
  it('gives the same report read from the file, from a named pipe and from standard input', async () => {
    expect(bytes.length).toBeGreaterThan(8 * 65_536);
    expect(bytes.length % 65_536).not.toBe(0);
    const args = ['--year', '2023', '--format', 'json'];
    const file = await cli(['validate', path, ...args]);
    expect(file.code).toBe(1);
    const report = JSON.parse(file.stdout) as { reading: { complete: boolean; records: number } };
    expect(report.reading).toMatchObject({ complete: true, records: 1500 });
    // The report names its input: the same but for that line.
    const named = (out: string, name: string): string => out.replace(`"file": ${JSON.stringify(name)}`, '"file": ""');
    const stdin = await cli(['validate', '-', ...args], { stdin: bytes });
    expect(named(stdin.stdout, '<stdin>')).toBe(named(file.stdout, path));
    const fifo = join(dir, 'pipe.xml');
    execFileSync('mkfifo', [fifo]);
    const writer = createWriteStream(fifo);
    writer.end(bytes);
    const piped = await cli(['validate', fifo, ...args]);
    expect(named(piped.stdout, fifo)).toBe(named(file.stdout, path));
    expect(piped.code).toBe(file.code);
  });

  it('reads a file into one buffer again and again once its consumer allows it, from the piece after', async () => {
    // The transmission reader allows it (src/transmission/chunks.ts, `allowChunkReuse`); anything else gets a buffer
    // of its own for each piece, as does every reading of the same input that starts afresh.
    const input = openInput(path, { cwd: dir } as CliIO);
    const allow = (input as unknown as Record<symbol, () => void>)[Symbol.for('olinpe.reusePieces')]!;
    for (const allowAfter of [3, Infinity]) {
      const buffers: ArrayBufferLike[] = [];
      let read = 0;
      let same = true;
      for await (const piece of input) {
        same &&= piece.every((b, k) => b === bytes[read + k]);
        read += piece.length;
        buffers.push(piece.buffer);
        if (buffers.length === allowAfter) allow();
      }
      expect(same).toBe(true);
      expect(read).toBe(bytes.length);
      const distinct = new Set(buffers).size;
      expect(distinct).toBe(allowAfter === Infinity ? buffers.length : allowAfter + 1);
    }
  });
});
