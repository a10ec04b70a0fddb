/**
 * Three successive yearly files of one synthetic population, for measuring `olinpe report` (README, "How fast,
 * how much memory"): `npx tsx bench/report-years.ts [events a year] [young people a base] [folder]` writes
 * y2021.xml, y2022.xml and y2023.xml (about 2.3 GB each for 1,000,000 events; a few minutes). The base population
 * (`synthesiseYears`, seed 1, département 84) is cycled up to the number of events, each cycle with fresh
 * pseudonyms (the same cycle is the same young people in every year, so the years link). Then, for example:
 * `/usr/bin/time -v node dist/cli.js report DIR/y2021.xml DIR/y2022.xml DIR/y2023.xml --out x.html --quiet`
 * (Maximum resident set size). Delete the files afterwards.
 */
import { mkdirSync } from 'node:fs';
import { synthesiseYears } from '../src/synth/index.js';
import { writeTransmission, type WritableRecord } from '../src/transmission/index.js';
import { writeFile } from './transmission-file.js';

const [events = '1000000', base = '20000', dir = 'report-years'] = process.argv.slice(2);
const total = Number(events);
const { files } = synthesiseYears({ seed: 1, records: Number(base), department: '84' }, [2021, 2022, 2023]);
mkdirSync(dir, { recursive: true });

/** A pseudonym made fresh for cycle `cycle` (its first 6 hexadecimal digits replaced), '' kept. */
const fresh = (p: string | undefined, cycle: number): string | undefined =>
  !p || cycle === 0 ? p : cycle.toString(16).padStart(6, '0') + p.slice(6);

for (const f of files) {
  const lines = f.records as Record<string, string | undefined>[];
  function* cycled(): Generator<WritableRecord> {
    for (let i = 0, cycle = 0; i < total; cycle++)
      for (let k = 0; k < lines.length && i < total; k++, i++) {
        const r = lines[k]!;
        yield (
          cycle === 0 ? r : { ...r, NUMANONYM: fresh(r.NUMANONYM, cycle), NUMANONYMANT: fresh(r.NUMANONYMANT, cycle) }
        ) as WritableRecord;
      }
  }
  await writeFile(`${dir}/y${f.year}.xml`, writeTransmission(cycled()));
  console.log(`${dir}/y${f.year}.xml: ${total} events from ${lines.length} base lines`);
}
