/**
 * `olinpe validate --threads 2` (issue 16: a second core for reading) prints what `--threads 1` prints, byte for
 * byte, with the same exit code: the built CLI is run both ways, as a user runs it, on files that take every path of
 * the reader: generated files of several batches (XML and CSV), real exports (2016, 2011, Latin-1 and
 * windows-1252 declared), and bad files: truncated at several places, a byte that is not UTF-8, comments and CDATA
 * (which hand the reading over to saxes), a duplicate element, an unknown element, a nested element, a forced
 * edition, a missing file.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesise } from '../../src/synth/index.js';
import { writeAll } from '../../src/transmission/index.js';
import { cliArgs, ensureCli } from '../support/dist.js';
import { tempDir } from '../support/temp-dir.js';

beforeAll(ensureCli, 300_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgs(args), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Bytes first, decoded once: a chunk may end inside a character.
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => stdout.push(c));
    child.stderr.on('data', (c: Buffer) => stderr.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}

const dir = tempDir('olinpe-threads-');
const fixture = (name: string): string => new URL(`../transmission/fixtures/${name}`, import.meta.url).pathname;
const real = readFileSync(fixture('real-export-2016-v122.xml'), 'utf8');

/** 700 lines with injected errors: two batches of the reading thread (512 records each). */
const lines = synthesise({ seed: 16, year: 2023, records: 700, errorRate: 0.05 }).records;
const { text: xml } = await writeAll(lines, { dateExport: '2024-01-31', allVariables: true });
const { text: csv } = await writeAll(lines, { format: 'csv' });
const donnee = (text: string, n: number): number => {
  let at = -1;
  for (let i = 0; i < n; i++) at = text.indexOf('<DONNEE>', at + 1);
  return at;
};

const files: Record<string, string | Uint8Array> = {
  'generated.xml': xml,
  'generated.csv': csv,
  // Cut inside the 600th record, then inside a tag of the 300th, then after the last record.
  'truncated-600.xml': xml.slice(0, donnee(xml, 600) + 40),
  'truncated-300.xml': xml.slice(0, donnee(xml, 300) + 3),
  'truncated-end.xml': xml.slice(0, xml.lastIndexOf('</DECRET>')),
  // A comment between records and CDATA in a value: the scanner hands over to saxes there.
  'comment-cdata.xml': (() => {
    const at = donnee(xml, 300);
    const rest = xml.slice(at).replace('<SEXE>1</SEXE>', '<SEXE><![CDATA[1]]></SEXE>');
    return `${xml.slice(0, at)}<!-- a comment -->\n${rest}`;
  })(),
  // A nested element in the first record that has SEXE 1, a duplicate in the first with SEXE 2, an unknown element
  // in the 400th record.
  'duplicate-unknown-nested.xml': (() => {
    const at = donnee(xml, 400);
    const rest = xml.slice(at).replace('<TYPEV>', '<NOM_ENFANT>X</NOM_ENFANT><TYPEV>');
    return `${xml.slice(0, at)}${rest}`
      .replace('<SEXE>2</SEXE>', '<SEXE>2</SEXE><SEXE>1</SEXE>')
      .replace('<SEXE>1</SEXE>', '<SEXE><X>1</X></SEXE>');
  })(),
  'not-a-file.xml': '',
};
// A byte that is not UTF-8 in the middle of the file.
const bytes = new TextEncoder().encode(xml);
const bad = bytes.slice();
bad[new TextEncoder().encode(xml.slice(0, donnee(xml, 500) + 30)).length] = 0xff;
files['bad-byte.xml'] = bad;
files['real.xml'] = real;
for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);

// Each file in JSON (every finding, read error and count); the first ones in text too, in French and English.
const cases: [string, string[], string[]][] = [
  ['generated.xml', ['json', 'text'], []],
  ['bad-byte.xml', ['json', 'text'], ['--lang', 'en']],
  ['duplicate-unknown-nested.xml', ['json', 'text'], []],
  ['truncated-600.xml', ['json', 'text'], []],
  ['generated.xml', ['json'], ['--edition', '2011', '--destination', 'onpe']],
  ['generated.csv', ['json'], []],
  ['truncated-300.xml', ['json'], []],
  ['truncated-end.xml', ['json'], []],
  ['comment-cdata.xml', ['json'], []],
  ['real.xml', ['json'], []],
  [fixture('export-2011.xml'), ['json'], []],
  [fixture('latin1-declared.xml'), ['json'], []],
  [fixture('windows-1252-declared.xml'), ['json'], []],
  [fixture('latin1.csv'), ['json'], ['--encoding', 'latin1']],
  [fixture('invalid-utf8-line5.csv'), ['json'], []],
];

describe('validate --threads 2 prints what --threads 1 prints', () => {
  it.each(cases)('%s %j %j', async (name, formats, extra) => {
    const path = name.startsWith('/') ? name : join(dir, name);
    for (const format of formats) {
      const args = ['validate', path, '--year', '2023', '--format', format, ...extra];
      const one = await run([...args, '--threads', '1']);
      const two = await run([...args, '--threads', '2']);
      expect(two).toEqual(one);
      expect([0, 1, 2]).toContain(one.code);
      expect(one.stdout.length).toBeGreaterThan(100);
    }
  });

  it('the HTML report too', async () => {
    const args = ['validate', join(dir, 'comment-cdata.xml'), '--year', '2023', '--format', 'html'];
    const one = await run([...args, '--threads', '1']);
    const two = await run([...args, '--threads', '2']);
    expect(two).toEqual(one);
    expect(one.stdout).toMatch(/^<!doctype html>/i);
  });

  it('the files above reach the reader paths they are meant for', async () => {
    const read = async (name: string): Promise<string> =>
      (await run(['validate', join(dir, name), '--year', '2023', '--format', 'text', '--threads', '2'])).stdout;
    expect(await read('truncated-600.xml')).toMatch(/^LECTURE INCOMPLÈTE : 599 enregistrement\(s\) lu\(s\)/);
    expect(await read('bad-byte.xml')).toMatch(/octets qui ne sont pas de l'UTF-8/);
    const mixed = await read('duplicate-unknown-nested.xml');
    expect(mixed).toContain('apparaît deux fois');
    expect(mixed).toContain("n'est pas une variable de l'édition 2016");
    expect(mixed).toContain('imbriqué');
    expect(await read('comment-cdata.xml')).toMatch(/\n7\d\d lignes, /);
  });

  it('--threads 2 does read on a second thread (Node says it starts one)', async () => {
    const args = ['validate', join(dir, 'real.xml'), '--year', '2023', '--quiet'];
    const two = await run([...args, '--threads', '2'], { ...process.env, NODE_DEBUG: 'worker' });
    expect(two.stderr).toMatch(/WORKER \d+: .*create new worker/);
    expect(two.stderr).toContain('read-worker.js');
    const one = await run([...args, '--threads', '1'], { ...process.env, NODE_DEBUG: 'worker' });
    expect(one.stderr).not.toMatch(/WORKER \d+: .*create new worker/);
  });

  it('a missing file and a bad --threads are the same usage errors (exit 2)', async () => {
    const missing = join(dir, 'missing.xml');
    const one = await run(['validate', missing, '--threads', '1']);
    const two = await run(['validate', missing, '--threads', '2']);
    expect(two).toEqual(one);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('fichier introuvable');
    const wrong = await run(['validate', join(dir, 'real.xml'), '--threads', '3']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--threads doit valoir 1 ou 2');
  });
});
