/**
 * "ligne" is always the line in the file (issue 15). A finding that cites another record (the first value of a
 * young person, the line a duplicate repeats, the end a renewal follows) says "ligne N" only when the record came
 * from a file, N being the line counted in the file's own text; records given without a line (a form, an API
 * call) are cited as "enregistrement N" / "record N", N their position from 1. The analysis' locations follow
 * the same convention.
 */
import { describe, expect, it } from 'vitest';
import { RecordTable, addSource } from '../../src/analysis/index.js';
import { validateAll } from '../../src/rules/index.js';
import { readTransmission, writeAll } from '../../src/transmission/index.js';
import { opening } from '../site/fixture.js';

/** Three records of one young person: SEXE changes on the third, the second repeats the first exactly. */
function records(): Record<string, string>[] {
  const first = opening(1);
  return [first, { ...first }, { ...first, SEXE: first.SEXE === '1' ? '2' : '1', DATDECPE: '2024-09-01' }];
}

const SEXE_RULE = 'OL-YP-001';
const DUPLICATE_RULE = 'OL-YP-005';

/** The message of a rule's first finding, in both languages. */
async function messages(
  source: Parameters<typeof validateAll>[0],
  ruleId: string,
): Promise<{ fr: string; en: string }> {
  const { findings } = await validateAll(source, { referenceYear: 2024, bothLanguages: true });
  const f = findings.find((x) => x.ruleId === ruleId);
  expect(f, `${ruleId} in ${findings.map((x) => x.ruleId).join(', ')}`).toBeDefined();
  return f!.messages!;
}

describe('places cited in messages', () => {
  it('records without a line are cited by their position, never as a "ligne"', async () => {
    const sexe = await messages(records(), SEXE_RULE);
    expect(sexe.fr).toContain('(enregistrement 1)');
    expect(sexe.en).toContain('(record 1)');
    const dup = await messages(records(), DUPLICATE_RULE);
    expect(dup.fr).toContain('Identique à l’enregistrement 1');
    expect(dup.en).toContain('Identical to record 1');
    for (const m of [sexe.fr, dup.fr]) expect(m).not.toMatch(/ligne \d/);
  });

  it('a first value cites its own record, also when the young person’s first line does not carry it', async () => {
    // OL-YP-001/002/003 share one column of each young person's first line and keep the places that differ.
    const first = opening(1);
    const source = [
      { ...first, SEXE: '9' },
      { ...first, SEXE: '1', DATDECPE: '2024-08-01' },
      { ...first, SEXE: '2', ANAIS: '2013', DATDECPE: '2024-09-01' },
    ];
    const sexe = await messages(source, SEXE_RULE);
    expect(sexe.fr).toContain('1 (enregistrement 2) et 2');
    const anais = await messages(source, 'OL-YP-002');
    expect(anais.fr).toContain('2014 (enregistrement 1) et 2013');
  });

  it('records read from a file are cited by the line their <DONNEE> starts on in the file', async () => {
    const { text } = await writeAll(records(), { format: 'xml', dateExport: '2025-03-31', allVariables: true });
    // The first record's line, counted in the file's text (not by olinpe's reader).
    const firstLine = text.slice(0, text.indexOf('<DONNEE>')).split('\n').length;
    expect(firstLine).toBeGreaterThan(1);
    const sexe = await messages(readTransmission(text), SEXE_RULE);
    expect(sexe.fr).toContain(`(ligne ${firstLine})`);
    expect(sexe.en).toContain(`(line ${firstLine})`);
    const dup = await messages(readTransmission(text), DUPLICATE_RULE);
    expect(dup.fr).toContain(`Identique à la ligne ${firstLine}`);
    expect(dup.fr).not.toContain('enregistrement');
  });

  it('the analysis locates a record without a line by its position, a file line by its line', async () => {
    const table = new RecordTable();
    await addSource(table, records());
    expect(table.where(1)).toBe('enregistrement 2');
    await addSource(table, { file: 'a.xml', records: [{ values: opening(2), line: 7 }] });
    expect(table.where(3)).toBe('a.xml:7');
  });
});
