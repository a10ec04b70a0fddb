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
});
