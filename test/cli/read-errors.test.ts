/**
 * Read errors (issue 11, item 4): a file read in part gives exit 2 in validate and audit as in convert, and every
 * report (text, JSON, HTML) says it first, with the number of records read; none says the file can be sent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('olinpe-read-errors-');
const fixture = readFileSync(
  new URL('../transmission/fixtures/real-export-2016-v122.xml', import.meta.url).pathname,
  'utf8',
);
// Cut in the middle of the 4th record: 3 records read, the rest cannot be.
const cut = fixture.split('<DONNEE>').slice(0, 4).join('<DONNEE>') + '<DONNEE>\r\n    <ANAIS>20';
const truncated = join(dir, 'truncated.xml');
writeFileSync(truncated, cut);
// A broken record in the middle (nested element): one fragment unreadable, the others read.
const broken = join(dir, 'broken-record.xml');
writeFileSync(broken, fixture.replace('<SEXE>2</SEXE>', '<SEXE><X>2</X></SEXE>'));

describe.each([
  ['truncated', truncated, 3],
  ['one unreadable record', broken, 9],
])('a file read in part (%s)', (_label, path, read) => {
  it.each(['validate', 'audit'])('%s exits 2 with the reading first in text, JSON and HTML', async (command) => {
    const text = await cli([command, path, '--year', '2023']);
    expect(text.code).toBe(2);
    expect(
      text.stdout.startsWith(`LECTURE INCOMPLÈTE : ${read} enregistrement(s) lu(s), 1 fragment(s) illisible(s).`),
    ).toBe(true);
    expect(text.stderr).toContain('LECTURE INCOMPLÈTE');
    const json = await cli([command, path, '--year', '2023', '--format', 'json']);
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.stdout) as Record<string, unknown> & {
      reading: { complete: boolean; records: number; unreadable: number };
    };
    expect(Object.keys(parsed)[0]).toBe('reading');
    expect(parsed.reading).toMatchObject({ complete: false, records: read, unreadable: 1 });
    const html = await cli([command, path, '--year', '2023', '--format', 'html', '--lang', 'en']);
    expect(html.code).toBe(2);
    const main = html.stdout.slice(html.stdout.indexOf('<main>'));
    expect(main.indexOf('id="reading"')).toBeGreaterThan(0);
    expect(main.indexOf('id="reading"')).toBeLessThan(main.indexOf('id="summary"'));
    expect(html.stdout).toContain(`INCOMPLETE READING: ${read} record(s) read`);
    expect(html.stdout).not.toContain('le fichier peut être transmis');
    expect(html.stdout).not.toContain('the file can be sent');
  });

  it('convert and report exit 2 too', async () => {
    const r = await cli(['convert', path, join(dir, 'out.xml')]);
    expect(r.code).toBe(2);
    const report = await cli(['report', path, '--format', 'json', '--out', join(dir, 'report.json')]);
    expect(report.code).toBe(2);
    expect(report.stderr).toContain(`LECTURE INCOMPLÈTE, ${read} enregistrement(s) lu(s), 1 fragment(s) illisible(s)`);
  });
});

describe('--out on validate and audit', () => {
  it('writes the report to the file named', async () => {
    const path = join(dir, 'ok.xml');
    writeFileSync(path, fixture);
    const out = join(dir, 'report.html');
    const r = await cli(['validate', path, '--year', '2023', '--format', 'html', '--out', out]);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/i);
    const a = await cli(['audit', path, '--year', '2023', '--format', 'json', '--out', join(dir, 'audit.json')]);
    expect(a.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8'))).toHaveProperty('reading.complete', true);
  });
});
