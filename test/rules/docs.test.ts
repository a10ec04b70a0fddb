import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRuleCatalogue } from '../../scripts/rule-catalogue.js';
import { rules } from '../../src/rules/index.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('rule catalogue docs', () => {
  const pages = renderRuleCatalogue();

  it('documents every rule of both editions', () => {
    const all = [...pages.values()].join('\n');
    for (const edition of ['2016', '2011'] as const)
      for (const r of rules(edition)) expect(all, r.id).toContain(`### ${r.id} — `);
  });

  it('docs/rules is current (run `npx tsx scripts/rule-catalogue.ts` when this fails)', () => {
    const stale = [...pages].filter(([path, text]) => {
      const file = join(ROOT, path);
      return !existsSync(file) || readFileSync(file, 'utf8') !== text;
    });
    expect(stale.map(([p]) => p)).toEqual([]);
  });
});
