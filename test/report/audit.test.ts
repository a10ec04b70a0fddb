import { describe, expect, it } from 'vitest';
import { audit, validateAll } from '../../src/rules/index.js';
import { fillRates, renderReportHtml } from '../../src/report/index.js';
import { fixtureRecords } from '../site/fixture.js';

describe('report of a real run', () => {
  it('renders every audit section and every rule that fired, with the counts of the engine', async () => {
    const records = fixtureRecords();
    const report = await audit(records, { year: 2024 });
    const { findings } = await validateAll(records, { referenceYear: 2024 });
    const html = renderReportHtml({
      kind: 'validate+audit',
      records: records.length,
      findings,
      audit: report,
      fillRates: fillRates(records),
    });
    for (const s of report.sections) expect(html).toContain(`id="audit-${s.id}"`);
    const counts = new Map<string, number>();
    for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    for (const [id, n] of counts)
      expect(html).toMatch(new RegExp(`<code class="rule-id">${id}</code>[^]*?data-total="${n}"`));
    expect(html).toContain(`<div class="value">${report.youngPeople}</div>`);
  });

  it('shows the audit’s details and its year warning in both languages, whichever language the audit was run in', async () => {
    const records = fixtureRecords(); // decisions of 2024
    for (const lang of ['fr', 'en'] as const) {
      const report = await audit(
        records.map((values, i) => ({ values, line: i + 3, index: i })),
        { year: 2023, lang },
      );
      expect(report.year.warning).toBeDefined();
      const html = renderReportHtml({ kind: 'audit', records: records.length, audit: report });
      expect(html).toContain('<li class="warning"><span class="l-fr" lang="fr">Les données désignent l’année 2024');
      expect(html).toContain('<span class="l-en" lang="en">The data point to year 2024');
      const details = report.sections.flatMap((s) => s.items.flatMap((it) => (it.detail ? [it.detail] : [])));
      expect(details.filter((x) => x.fr !== x.en).length).toBeGreaterThan(0);
      for (const d of details.filter((x) => x.fr !== x.en).slice(0, 20))
        expect(html).toContain(
          `<span class="l-en" lang="en">${d.en.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</span>`,
        );
    }
  });
});
