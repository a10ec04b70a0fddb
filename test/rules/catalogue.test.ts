import { describe, expect, it } from 'vitest';
import { validateAll, rules, validateRecord, type Rule } from '../../src/rules/index.js';
import type { EditionId } from '../../src/nomenclature/index.js';

async function fires(
  rule: Rule,
  edition: EditionId,
  records: readonly Record<string, string | undefined>[],
  options = {},
): Promise<boolean> {
  if (rule.scope === 'record') {
    return records.some((r) =>
      validateRecord(r, { edition, only: [rule.id], ...options }).findings.some((f) => f.ruleId === rule.id),
    );
  }
  const { findings } = await validateAll(records, { edition, only: [rule.id], ...options });
  return findings.some((f) => f.ruleId === rule.id);
}

describe.each(['2016', '2011'] as const)('catalogue %s', (edition) => {
  const list = rules(edition);

  it('has unique, well-formed ids', () => {
    const ids = list.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^OL(16|11)?-[A-Z]+-[A-Z0-9-]+$/);
  });

  it('every rule has titles, messages, citations and at least one passing and one failing example', () => {
    for (const r of list) {
      expect(r.title.fr.length, r.id).toBeGreaterThan(0);
      expect(r.title.en.length, r.id).toBeGreaterThan(0);
      expect(r.message.fr.length, r.id).toBeGreaterThan(0);
      expect(r.message.en.length, r.id).toBeGreaterThan(0);
      expect(r.citations.length, r.id).toBeGreaterThan(0);
      expect(
        r.examples.some((e) => e.fails),
        r.id,
      ).toBe(true);
      expect(
        r.examples.some((e) => !e.fails),
        r.id,
      ).toBe(true);
    }
  });

  it('every example behaves as it says (the rule fires exactly on failing examples)', async () => {
    const wrong: string[] = [];
    for (const r of list) {
      for (const e of r.examples.filter((x) => x.edition === undefined || x.edition === edition)) {
        if ((await fires(r, edition, e.records, e.options)) !== e.fails) wrong.push(`${r.id} — ${e.name}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
