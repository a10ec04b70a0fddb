/**
 * The rules alone, the reading left out: `tsx bench/rules-alone.ts <file.xml> <events> <year> [rounds]` reads the
 * first `events` records of a transmission file into memory (the reader's items, as `olinpe validate` hands them
 * over), then runs every rule of a run on them (`validateAllSync`, shortcuts on) `rounds` times, and prints one JSON
 * line: CPU µs a line of the best round (user + system of this process), findings, young people. The first round
 * warms the engine up on the first tenth of the records. Before and after a change, side by side: bundle it from
 * each tree (`npx esbuild bench/rules-alone.ts --bundle --platform=node --format=esm --external:saxes --outfile=…`)
 * and run the two bundles in alternation on the same file; compare within one run (the machine's load moves).
 */
import { createReadStream } from 'node:fs';
import { validateAllSync } from '../src/rules/run.js';
import { readTransmission } from '../src/transmission/index.js';
import { rules, type RecordInput } from '../src/rules/index.js';

const [path, eventsText = '50000', yearText = '2023', roundsText = '3'] = process.argv.slice(2) as string[];
const EVENTS = Number(eventsText);
const YEAR = Number(yearText);
const items: RecordInput[] = [];
const reading = readTransmission(createReadStream(path!, { highWaterMark: 1 << 18 }), {
  format: 'xml',
  checkModel: false,
});
// OLINPE_RULES_BROKEN=0|1: every record copied (same shape both ways), with 1 two errors in each (SEXE 7 and NUMDEP
// ZZZ, as bench/validate-record-pass.ts): what a record with findings costs beside a clean one.
const broken = process.env.OLINPE_RULES_BROKEN;
for await (const item of reading) {
  if (item.type === 'record') {
    if (broken === undefined) items.push(item as RecordInput);
    else {
      const values = broken === '1' ? { ...item.values, SEXE: '7', NUMDEP: 'ZZZ' } : { ...item.values };
      items.push({ ...item, values } as RecordInput);
    }
  }
  if (items.length >= EVENTS) break;
}
// OLINPE_RULES_ONLY: a family's share, e.g. `generated`, `hand` (hand-written record rules),
// `cross`, `none`, or rule ids separated by commas.
const only = process.env.OLINPE_RULES_ONLY;
const all = rules('2016');
const pick: Record<string, (r: (typeof all)[number]) => boolean> = {
  none: () => false,
  generated: (r) => r.scope === 'record' && r.generated,
  hand: (r) => r.scope === 'record' && !r.generated,
  cross: (r) => r.scope !== 'record',
};
const options = {
  referenceYear: YEAR,
  exportDate: `${YEAR + 1}-01-31`,
  only: only ? (pick[only] ? all.filter(pick[only]).map((r) => r.id) : only.split(',')) : undefined,
};
validateAllSync(items.slice(0, Math.ceil(items.length / 10)), options);
let best = Infinity;
let findings = 0;
let youngPeople = 0;
for (let r = 0; r < Number(roundsText); r++) {
  const c0 = process.cpuUsage();
  const out = validateAllSync(items, options);
  const c = process.cpuUsage(c0);
  best = Math.min(best, (c.user + c.system) / items.length);
  findings = out.findings.length;
  youngPeople = out.summary.youngPeople;
}
console.log(JSON.stringify({ lines: items.length, usPerLine: Number(best.toFixed(2)), findings, youngPeople }));
