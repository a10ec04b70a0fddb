/**
 * `olinpe export … --to parquet`, run as a user runs it, on synthetic files of three years given in shuffled order:
 * the row counts equal the generator's ground truth (events = lines written, measures and young people as
 * generated), and a second Parquet reader (hyparquet, not DuckDB) reads the same rows and values back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesise, synthesiseYears, type GroundTruth } from '../../src/synth/index.js';
import { writeAll } from '../../src/transmission/index.js';
import { EXPORT_TABLES } from '../../src/export/index.js';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'olinpe-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rows(path: string): Promise<Record<string, unknown>[]> {
  return (await parquetReadObjects({ file: await asyncBufferFromFile(path) })) as Record<string, unknown>[];
}
async function count(path: string): Promise<number> {
  return Number((await parquetMetadataAsync(await asyncBufferFromFile(path))).num_rows);
}

let truth: GroundTruth;
const files: string[] = [];
let lines = 0;
const partial = { line: 0, file: '' };

beforeAll(async () => {
  const years = synthesiseYears({ seed: 11, records: 300, department: '31' }, [2021, 2022, 2023]);
  truth = years.truth;
  for (const f of [years.files[1]!, years.files[2]!, years.files[0]!]) {
    const path = join(dir, `dep31-${f.year}.xml`);
    writeFileSync(path, (await writeAll(f.records as never)).text);
    files.push(path);
    lines += f.records.length;
  }
  // One CSV file more, with a partial date (day unknown), an unknown date and a name that is no variable.
  const csv = join(dir, 'extra.csv');
  writeFileSync(
    csv,
    'NUMDEP;NUMANONYM;TYPEV;DECISION;NATPDECADM;DATDECPE;DATDEB;XTRA\n' +
      `31;${'e'.repeat(40)};1;1;10;2023-06-99;9999-99-99;zzz\n`,
  );
  partial.file = csv;
  partial.line = 2;
  files.push(csv);
  lines += 1;
}, 120_000);

describe('olinpe export --to parquet', () => {
  const out = join(dir, 'parquet');

  it('writes every table; the row counts read by a second reader are the ground truth', async () => {
    const { code, stderr } = await cli(['export', ...files, '--to', 'parquet', '--out', out]);
    expect(stderr).toContain('événements de 4 fichiers');
    expect(code).toBe(0);
    for (const t of EXPORT_TABLES) expect(await count(join(out, `${t}.parquet`)), t).toBeGreaterThan(0);
    expect(await count(join(out, 'events.parquet'))).toBe(lines);
    // The hand-written CSV line adds one young person and one measure (decided, not started) to the truth.
    expect(await count(join(out, 'measures.parquet'))).toBe(truth.measures.length + 1);
    expect(await count(join(out, 'people.parquet'))).toBe(truth.trajectories.length + 1);
    expect(await count(join(out, 'files.parquet'))).toBe(4);
    // Every pseudonym of the truth's trajectories is mapped to one young person.
    const pseudonyms = await rows(join(out, 'pseudonyms.parquet'));
    const person = new Map(pseudonyms.map((r) => [r.numanonym as string, r.person_id as number]));
    for (const tr of truth.trajectories) expect(person.has(tr.numanonym), tr.youngPerson).toBe(true);
  });

  it('reads back the events with their origin, typed dates and partial dates as text', async () => {
    const events = await rows(join(out, 'events.parquet'));
    expect(events).toHaveLength(lines);
    const files4 = await rows(join(out, 'files.parquet'));
    expect(files4.map((f) => [f.file, f.year, f.departement])).toEqual([
      [files[0], 2022, '31'],
      [files[1], 2023, '31'],
      [files[2], 2021, '31'],
      [files[3], 2023, '31'],
    ]);
    // Each XML event's DATDEB equals the text written in its file, at the line named.
    const xml = readFileSync(files[0]!, 'utf8').split('\n');
    const first = events.filter((e) => e.file === files[0]).slice(0, 50);
    for (const e of first) {
      const block = xml.slice((e.line as number) - 1, (e.line as number) + 120).join('\n');
      const datdeb = /<DATDEB>([^<]*)<\/DATDEB>/.exec(block.slice(0, block.indexOf('</DONNEE>')))?.[1] ?? '';
      const asText =
        e.DATDEB instanceof Date ? e.DATDEB.toISOString().slice(0, 10) : ((e.DATDEB_texte as string | null) ?? '');
      expect(asText, `${e.file}:${e.line}`).toBe(datdeb);
      expect(e.year).toBe(2022);
      expect(e.departement).toBe('31');
    }
    const csvEvent = events.find((e) => e.file === partial.file)!;
    expect(csvEvent.line).toBe(partial.line);
    expect(csvEvent.DATDECPE).toBeNull();
    expect(csvEvent.DATDECPE_texte).toBe('2023-06-99');
    expect(csvEvent.DATDEB).toBeNull();
    expect(csvEvent.DATDEB_texte).toBe('9999-99-99');
    expect(JSON.parse(csvEvent.autres as string)).toEqual({ XTRA: 'zzz' });
    expect(csvEvent.person_id).not.toBeNull();
  });

  it('the nomenclature tables hold every variable and code of both editions', async () => {
    const variables = await rows(join(out, 'variables.parquet'));
    expect(variables.filter((v) => v.edition === '2016')).toHaveLength(106);
    expect(variables.filter((v) => v.edition === '2011')).toHaveLength(129);
    const codes = await rows(join(out, 'codes.parquet'));
    // Decree 2016-1966, annex: NATDECASSED 15 is AEMO; TYPEV 3 is the end of a measure.
    expect(
      codes.find((c) => c.edition === '2016' && c.variable === 'NATDECASSED' && c.code === '15')?.label_fr,
    ).toMatch(/AEMO|milieu ouvert/i);
    expect(codes.filter((c) => c.edition === '2016' && c.variable === 'TYPEV').map((c) => c.code)).toEqual([
      '1',
      '2',
      '3',
    ]);
  });

  it('2011 records: migrated to 2016 by default, kept with their own columns with --edition-2011 keep', async () => {
    const old = synthesise({ seed: 3, year: 2014, records: 60, edition: '2011' });
    const path = join(dir, 'dep31-2014.xml');
    writeFileSync(path, (await writeAll(old.records as never, { edition: '2011' })).text);
    const migrated = join(dir, 'migrated');
    const kept = join(dir, 'kept');
    expect((await cli(['export', path, '--to', 'parquet', '--out', migrated])).code).toBe(0);
    expect((await cli(['export', path, '--to', 'parquet', '--out', kept, '--edition-2011', 'keep'])).code).toBe(0);
    const a = await rows(join(migrated, 'events.parquet'));
    const b = await rows(join(kept, 'events.parquet'));
    expect(a).toHaveLength(old.records.length);
    expect(b).toHaveLength(old.records.length);
    expect(a.every((e) => e.edition === '2011' && !('CODEV' in e))).toBe(true);
    expect(b.every((e) => e.edition === '2011' && 'CODEV' in e)).toBe(true);
    // CODEV (2011) becomes TYPEV (2016) in the migrated table, as the 2011 → 2016 correspondence says.
    expect(a.every((e) => ['1', '2', '3'].includes(e.TYPEV as string))).toBe(true);
    b.forEach((e, i) => {
      expect(e.CODEV, `line ${e.line}`).toBe((old.records[i] as Record<string, string>).CODEV || null);
    });
  });

  it('--no-linkage writes the events and the nomenclature only', async () => {
    const bare = join(dir, 'bare');
    const { code } = await cli([
      'export',
      files[0]!,
      files[3]!,
      '--to',
      'parquet',
      '--out',
      bare,
      '--no-linkage',
      '--compression',
      'zstd',
    ]);
    expect(code).toBe(0);
    const { readdirSync } = await import('node:fs');
    expect(
      readdirSync(bare)
        .filter((f) => f.endsWith('.parquet'))
        .sort(),
    ).toEqual(['codes.parquet', 'events.parquet', 'files.parquet', 'variables.parquet']);
    // hyparquet reads snappy only without its compressors: the row count comes from the footer.
    expect(await count(join(bare, 'events.parquet'))).toBe(
      readFileSync(files[0]!, 'utf8').split('<DONNEE>').length - 1 + 1,
    );
  });

  it('usage errors exit with 2 and write nothing', async () => {
    const nowhere = join(dir, 'nowhere');
    for (const args of [
      ['export', files[0]!, '--out', nowhere],
      ['export', files[0]!, '--to', 'csv', '--out', nowhere],
      ['export', files[0]!, '--to', 'parquet'],
      ['export', '--to', 'parquet', '--out', nowhere],
      ['export', join(dir, 'missing.xml'), '--to', 'parquet', '--out', nowhere],
      ['export', files[0]!, '--to', 'parquet', '--out', nowhere, '--edition-2011', 'drop'],
    ]) {
      const { code, stderr } = await cli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^olinpe export: /);
    }
  });
});
