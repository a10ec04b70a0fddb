/**
 * Prints, as JSON, the first N lines (argv[2]) of a synthetic 2016 file (`synthLines`), for the transmission
 * bench. Run in a child process so that synthesis's own memory never counts in the bench's peak RSS.
 */
import { synthLines } from '../src/synth/index.js';

const count = Number(process.argv[2] ?? 20_000);
const year = Number(process.argv[3] ?? 2023);
const lines: unknown[] = [];
for (const line of synthLines({ seed: 'bench', year, records: count })) {
  lines.push(line.record);
  if (lines.length >= count) break;
}
process.stdout.write(JSON.stringify(lines));
