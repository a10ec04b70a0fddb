/**
 * The `.xlsx` writer is ours: every workbook it writes is read back by a real reader (ExcelJS), and the ZIP's
 * CRC-32 is checked against the standard check value.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64, columnName, crc32, xlsxWorkbook } from '../../src/report/xlsx.js';
import { analysisReport, buildTrajectories, indicators, reportTables, reportXlsx } from '../../src/analysis/index.js';
import { synthesise } from '../../src/synth/index.js';
import { runs } from '../support/runs.js';

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe('xlsxWorkbook', () => {
  it('CRC-32 gives the standard check value of "123456789" (0xCBF43926)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('base64 agrees with Node for any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => base64(b) === Buffer.from(b).toString('base64')));
  });

  it('column names follow the spreadsheet convention', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('writes sheets ExcelJS reads back cell by cell: texts, numbers, empty cells, accents, XML characters', async () => {
    const rows = [
      ['Catégorie', 'Effectif', '%'],
      ['Féminin & « autre » <x>', 1106, 0.872],
      ['=SUM(A1)', -3, null],
      ['', 0, 1.5e-7],
    ];
    const wb = await read(
      xlsxWorkbook([
        { name: 'Sexe', rows },
        { name: 'a/b:c*d?[e]', rows: [['x']] },
        { name: 'Sexe', rows: [['y']] },
      ]),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sexe', 'a b c d  e', 'Sexe~2']);
    const ws = wb.getWorksheet('Sexe')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Catégorie', 'Effectif', '%']);
    expect(ws.getCell('A2').value).toBe('Féminin & « autre » <x>');
    expect(ws.getCell('B2').value).toBe(1106);
    expect(ws.getCell('C2').value).toBe(0.872);
    expect(ws.getCell('A3').value).toBe('=SUM(A1)'); // a text, never a formula
    expect(ws.getCell('B3').value).toBe(-3);
    expect(ws.getCell('C3').value).toBe(null);
    expect(ws.getCell('C4').value).toBe(1.5e-7);
    expect(ws.getCell('A1').font?.bold).toBe(true);
  });

  it('round-trips random tables', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(
            fc.oneof(
              fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && /^[\u0020-\ud7ff]+$/.test(s)),
              fc.integer({ min: -1e6, max: 1e6 }),
            ),
            { minLength: 1, maxLength: 4 },
          ),
          { minLength: 1, maxLength: 5 },
        ),
        async (rows) => {
          const ws = (await read(xlsxWorkbook([{ name: 'T', rows }]))).getWorksheet('T')!;
          rows.forEach((row, r) => {
            row.forEach((v, c) => {
              expect(ws.getCell(r + 1, c + 1).value).toBe(v);
            });
          });
        },
      ),
      { numRuns: runs(25) },
    );
  });

  it("the analysis report's workbook has one sheet per table, with the table's values", async () => {
    const records = synthesise({ seed: 5, year: 2023, records: 400 }).records;
    const t = await buildTrajectories([records]);
    const report = analysisReport(t, indicators(t));
    const tables = reportTables(report);
    const wb = await read(reportXlsx(report));
    expect(wb.worksheets.map((w) => w.name)).toEqual(tables.map((t) => t.id.slice(0, 31)));
    const motif = wb.getWorksheet('motfinint')!;
    expect(motif.getCell('A1').value).toBe('MOTFININT');
    // A code is written with its label, as in the page.
    const labels = motif.getColumn(1).values.slice(2) as string[];
    expect(labels.every((l) => / — /.test(l) || l === 'Non renseigné')).toBe(true);
  });
});
