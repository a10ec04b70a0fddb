/**
 * Golden findings: what the rules find on seeded synthetic files of both editions (with injected errors), written
 * by `npm run generate` into `test/golden/findings/` and checked by `npm run generate -- --check`. They stand in
 * for the frozen copy of the first engine that served as oracle: a change to the engine or a rule that changes a
 * finding shows up as a diff of these files, to be read and committed on purpose (run `npm run generate`).
 *
 * Each file is small: per rule id its status, counts, the lines it reported and a digest of its findings (rule,
 * message, variables, position, fingerprint), one rule per line so that a diff names the rules that changed.
 *
 * @module
 */
import type { EditionId } from '../src/nomenclature/index.js';
import type { Finding, RecordValues, RuleOptions } from '../src/rules/index.js';
import { shortHash } from '../src/rules/hash.js';
import { validateAllSync } from '../src/rules/run.js';
import { synthesise } from '../src/synth/index.js';

/** The seeded inputs: a file per edition, errors injected, options that let every optional rule run. */
export const GOLDEN_INPUTS: readonly {
  edition: EditionId;
  seed: number;
  year: number;
  records: number;
  errorRate: number;
  options: RuleOptions;
}[] = [
  {
    edition: '2016',
    seed: 20161,
    year: 2019,
    records: 2000,
    errorRate: 0.15,
    options: { referenceYear: 2019, exportDate: '2020-01-31', destination: 'onpe' },
  },
  {
    edition: '2011',
    seed: 20111,
    year: 2015,
    records: 2000,
    errorRate: 0.15,
    options: { referenceYear: 2015, exportDate: '2016-01-31' },
  },
];

/** The items of a golden input as a reader hands them over (line = index + 3: a header and the first line). */
export function goldenItems(
  input: (typeof GOLDEN_INPUTS)[number],
): { values: RecordValues; index: number; line: number }[] {
  const { records } = synthesise({
    seed: input.seed,
    year: input.year,
    records: input.records,
    edition: input.edition,
    errorRate: input.errorRate,
  } as Parameters<typeof synthesise>[0]);
  return records.map((record, index) => ({ values: record as RecordValues, index, line: index + 3 }));
}

/** The golden text of a run (also used by the tests on the no-shortcuts path). */
export function goldenText(
  input: (typeof GOLDEN_INPUTS)[number],
  run: { findings: Finding[]; summary: ReturnType<typeof validateAllSync>['summary'] },
): string {
  const { findings, summary } = run;
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    let list = byRule.get(f.ruleId);
    if (!list) byRule.set(f.ruleId, (list = []));
    list.push(f);
  }
  const head = {
    generator: 'scripts/golden-findings.ts (npm run generate)',
    input: {
      edition: input.edition,
      seed: input.seed,
      year: input.year,
      records: input.records,
      errorRate: input.errorRate,
      options: input.options,
    },
    records: summary.records,
    youngPeople: summary.youngPeople,
    errors: summary.errors,
    warnings: summary.warnings,
    infos: summary.infos,
    findingsDigest: shortHash(JSON.stringify(findings)),
    columnsDigest: shortHash(JSON.stringify([...summary.stats.columns])),
  };
  const rules = summary.statuses.map((s) => {
    const list = byRule.get(s.ruleId) ?? [];
    const entry: Record<string, unknown> = { ...s };
    if (list.length > 0) {
      entry.lines = list.map((f) => f.line ?? null);
      entry.digest = shortHash(JSON.stringify(list));
    }
    return `    ${JSON.stringify(s.ruleId)}: ${JSON.stringify(entry)}`;
  });
  const top = JSON.stringify(head, null, 2).slice(0, -2);
  return `${top},\n  "rules": {\n${rules.join(',\n')}\n  }\n}\n`;
}

/** Every golden findings file: path → content. */
export function renderGoldenFindings(): Map<string, string> {
  const out = new Map<string, string>();
  for (const input of GOLDEN_INPUTS) {
    const run = validateAllSync(goldenItems(input), { edition: input.edition, ...input.options });
    out.set(`test/golden/findings/${input.edition}.json`, goldenText(input, run));
  }
  return out;
}
