/**
 * `validate` and the reference year (issue 11, item 3): without --year the report says which year the data point to,
 * inferred as ONPE does (audit-spec §3: the most frequent DATDECPE year, ties to the highest) and which rules were
 * left out for want of it; with a --year the data contradict, a warning says so in text, JSON and on stderr. The
 * audit does the same (test/rules/onpe-sections.test.ts, header).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecisionYears } from '../../src/rules/index.js';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('olinpe-validate-year-');
/** Judicial AEMO openings (NATDECASSED 15, TYPDECJUD 5) of one child per line, decided on the dates given. */
function file(name: string, dates: string[]): string {
  const header = 'NUMDEP;NUMANONYM;NUMANONYMANT;TYPEV;SEXE;ANAIS;MNAIS;DATDECPE;DECISION;DATDEB;NATDECASSED;TYPDECJUD';
  const rows = dates.map((d, i) => {
    const id = String(i + 1)
      .repeat(40)
      .slice(0, 40);
    return `84;${id};${id};1;1;2012;05;${d};2;${d};15;5`;
  });
  const path = join(dir, name);
  writeFileSync(path, `${header}\n${rows.join('\n')}\n`);
  return path;
}

describe('validate: the reference year', () => {
  // Three decisions in 2022, two in 2023, one unknown (9999-99-99 is not a year): the data point to 2022.
  const mostly2022 = file('mostly-2022.csv', [
    '2022-03-01',
    '2022-06-01',
    '2022-12-30',
    '2023-01-05',
    '2023-02-01',
    '9999-99-99',
  ]);

  it('without --year: the inferred year and the rules left out are said, in text, JSON and on stderr', async () => {
    const text = await cli(['validate', mostly2022]);
    expect(text.stdout).toContain('Année de référence non donnée : les données désignent 2022');
    expect(text.stdout).toContain('--year 2022');
    expect(text.stdout).toMatch(/n’ont pas été appliquées \([^)]*OL16-DAT-010/);
    expect(text.stderr).toContain('les données désignent 2022');
    const json = await cli(['validate', mostly2022, '--format', 'json', '--lang', 'en']);
    const parsed = JSON.parse(json.stdout) as {
      referenceYear: number | null;
      year: { value: number | null; source: string; inferred: number | null };
    };
    expect(parsed.referenceYear).toBeNull();
    expect(parsed.year).toEqual({ value: null, source: 'none', inferred: 2022 });
  });

  it('with a --year the data contradict: a warning naming both years; none when they agree', async () => {
    const other = await cli(['validate', mostly2022, '--year', '2023', '--format', 'json']);
    const parsed = JSON.parse(other.stdout) as {
      year: { value: number; source: string; inferred: number; warning?: string };
    };
    expect(parsed.year).toMatchObject({ value: 2023, source: 'given', inferred: 2022 });
    expect(parsed.year.warning).toContain('les données désignent l’année 2022');
    expect(other.stderr).toContain('Année de référence 2023 (--year) : les données désignent l’année 2022');
    const text = await cli(['validate', mostly2022, '--year', '2023', '--lang', 'en']);
    expect(text.stdout).toContain('Reference year 2023 (--year): the data point to year 2022');
    const agree = await cli(['validate', mostly2022, '--year', '2022', '--format', 'json']);
    const a = JSON.parse(agree.stdout) as { year: { warning?: string } };
    expect(a.year.warning).toBeUndefined();
    expect(agree.stderr).not.toContain('les données désignent');
  });

  it('ties go to the highest year; unreadable and empty dates are not years (DecisionYears)', () => {
    const t = new DecisionYears();
    for (const d of ['2022-01-01', '2023-01-01', '9999-99-99', '', undefined, 'n/a']) t.add(d);
    expect(t.inferred()).toBe(2023);
    expect(new DecisionYears().inferred()).toBeNull();
  });
});
