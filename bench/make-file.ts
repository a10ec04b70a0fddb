/**
 * Writes the bench's synthetic transmission file (bench/transmission-file.ts) of N events to a path:
 * `npx tsx bench/make-file.ts 200000 /tmp/olinpe-200k.xml`.
 */
import { writeTransmissionBytes } from '../src/transmission/index.js';
import { events, pool, POOL, writeFile } from './transmission-file.js';

const [count = '200000', path = 'olinpe-bench.xml'] = process.argv.slice(2);
const total = Number(count);
await writeFile(
  path,
  writeTransmissionBytes(events(pool(Math.min(total, POOL), 2023), total), {
    dateExport: '2024-01-31',
    allVariables: true,
  }),
);
