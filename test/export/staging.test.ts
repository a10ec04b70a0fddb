/**
 * The events are staged as CSV text and loaded by DuckDB's CSV reader (src/export/chunks.ts, CsvSink): whatever
 * the texts of a file hold (quotes, commas, line breaks, spaces at either end, any Unicode), the Parquet file
 * gives them back as read, an empty value as NULL, and a complete date as a DATE. Read back by hyparquet, not by
 * DuckDB, so that the check does not go through the code under test.
 */
import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { exportParquet } from '../../src/export/index.js';
import type { TransmissionItem } from '../../src/transmission/index.js';

const dir = mkdtempSync(join(tmpdir(), 'olinpe-staging-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', ',', '\n', '\r', ' ', '\\', "'", ';', '\t', '\u0000'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

function record(index: number, values: Record<string, string>): TransmissionItem {
  return {
    type: 'record',
    index,
    line: index + 2,
    edition: '2016',
    values,
    unknown: [],
    issues: [],
    structural: false,
  };
}

describe('export staging (CSV loaded by DuckDB)', () => {
  it('gives back every text as read, empty values as NULL, complete dates as dates', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ motif: text, sexe: text, extra: text, day: fc.integer({ min: 0, max: 40_000 }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        async (rows) => {
          const outDir = mkdtempSync(join(dir, `run${run++}-`));
          const items = rows.map((r, i) => {
            const date = new Date(r.day * 86_400_000).toISOString().slice(0, 10);
            return record(i, {
              NUMANONYM: 'a'.repeat(40),
              MOTIFSIG: r.motif,
              SEXE: r.sexe,
              XTRA: r.extra,
              DATDEB: date,
            });
          });
          await exportParquet([{ file: 'f"ile,1\n.xml', items }], {
            outDir,
            linkage: false,
            memoryLimit: '256MB',
            staging: { fs, directory: outDir },
          });
          const events = (await parquetReadObjects({
            file: await asyncBufferFromFile(join(outDir, 'events.parquet')),
          })) as Record<string, unknown>[];
          expect(events).toHaveLength(rows.length);
          events.forEach((e, i) => {
            const r = rows[i]!;
            expect(e.file).toBe('f"ile,1\n.xml');
            expect(e.line).toBe(i + 2);
            expect(e.MOTIFSIG).toBe(r.motif === '' ? null : r.motif);
            expect(e.SEXE).toBe(r.sexe === '' ? null : r.sexe);
            expect(e.autres).toBe(r.extra === '' ? null : JSON.stringify({ XTRA: r.extra }));
            expect((e.DATDEB as Date).getTime()).toBe(r.day * 86_400_000);
          });
          rmSync(outDir, { recursive: true, force: true });
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
