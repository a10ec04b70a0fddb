/**
 * Formulas (issue 12, item 8): CSV files meant for people neutralise cells that start with = + - @ tab or CR
 * (OWASP, "CSV Injection"); the transmission CSV keeps the data byte for byte and `validate` warns on a free-text
 * value that starts like a formula.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { humanCsvCell } from '../../src/analysis/index.js';
import { parseCsv, readAll } from '../../src/transmission/index.js';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

const HOSTILE = [
  '=HYPERLINK("http://exemple.invalid","clic")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A9)',
  '\tx',
  '\rx',
];

describe('CSV for people: formula cells neutralised', () => {
  it('each dangerous start gets a leading apostrophe; numbers and ordinary text stay', () => {
    for (const h of HOSTILE) {
      const cell = parseCsv(`${humanCsvCell(h)}\n`)[0]!.fields[0]!.value;
      expect(cell).toBe(`'${h}`);
    }
    expect(humanCsvCell(-3)).toBe('-3');
    expect(humanCsvCell('placement')).toBe('placement');
  });

  it('property: no cell read back starts like a formula', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constantFrom(...HOSTILE).chain((h) => fc.string().map((s) => h + s)),
        ),
        (s) => {
          const cell = parseCsv(`${humanCsvCell(s)}\n`)[0]!.fields[0]!.value;
          expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          expect(cell === s || cell === `'${s}`).toBe(true);
        },
      ),
    );
  });
});

describe('transmission CSV: data kept byte for byte, validate warns', () => {
  it('convert keeps =HYPERLINK, +cmd, @SUM as they are; validate warns OL-COH-FORMULA without repeating them', async () => {
    const d = tempDir('olinpe-formula-');
    const values = ['=HYPERLINK("http://exemple.invalid")', '+cmd', '@SUM(A1)'];
    const xml =
      '<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2025-01-31</DATEXPORT></INTRO>' +
      values
        .map(
          (v, i) =>
            `<DONNEE><NUMANONYM>${String(i).repeat(40)}</NUMANONYM><TYPEV>1</TYPEV><AUTREDA>${v.replace(/&/g, '&amp;')}</AUTREDA></DONNEE>`,
        )
        .join('') +
      '</DECRET>\n';
    writeFileSync(join(d, 'in.xml'), xml);
    const c = await cli(['convert', 'in.xml', 'out.csv'], { cwd: d });
    expect(c.code).toBeLessThanOrEqual(1);
    const { records } = await readAll(readFileSync(join(d, 'out.csv')), { format: 'csv', checkModel: false });
    expect(records.map((r) => r.values.AUTREDA)).toEqual(values);
    const v = await cli(['validate', 'out.csv', '--format', 'json'], { cwd: d });
    const warnings = (JSON.parse(v.stdout) as { findings: Array<{ ruleId: string; message: string }> }).findings.filter(
      (f) => f.ruleId === 'OL-COH-FORMULA',
    );
    expect(warnings).toHaveLength(3);
    for (const w of warnings) for (const value of values) expect(w.message).not.toContain(value);
  });
});
