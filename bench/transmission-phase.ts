/**
 * One reading phase of bench/transmission.bench.ts, in a process of its own so that its peak RSS is its own:
 * `tsx bench/transmission-phase.ts <raw|raw-fast|raw-bytes|read|read-saxes|rules|csv-rules> <file> <events> <year>` prints one JSON line
 * `{ seconds, peakMb, baseMb, detail }` (baseMb: RSS of this process before the phase).
 */
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import { validateRecords } from '../src/rules/index.js';
import { readTransmission } from '../src/transmission/index.js';
import { createXmlParser } from '../src/transmission/fast-scan.js';

const READ_CHUNK = 1 << 18;
const [phase, path, eventsText, yearText] = process.argv.slice(2) as [string, string, string, string];
const EVENTS = Number(eventsText);
const YEAR = Number(yearText);

async function raw(): Promise<string> {
  const parser = new SaxesParser({ position: true });
  let elements = 0;
  parser.on('opentag', () => elements++);
  parser.on('text', () => undefined);
  const decoder = new TextDecoder();
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK }))
    parser.write(decoder.decode(chunk as Buffer, { stream: true }));
  parser.close();
  return `${elements} elements`;
}

/** Tokenising alone, decoding included, with the reader's strict scanner (saxes behind it). */
async function rawFast(): Promise<string> {
  const parser = createXmlParser('fast');
  let elements = 0;
  parser.on('opentag', () => elements++);
  parser.on('text', () => undefined);
  const decoder = new TextDecoder();
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK }))
    parser.write(decoder.decode(chunk as Buffer, { stream: true }));
  parser.close();
  return `${elements} elements${parser.handedOver ? ', handed over to saxes' : ', no hand-over'}`;
}

/** Tokenising alone from the file's bytes, as the reader does for UTF-8 (fast-scan.ts, "Bytes"); no decoding. */
async function rawBytes(): Promise<string> {
  const parser = createXmlParser('fast');
  let elements = 0;
  parser.on('opentag', () => elements++);
  parser.on('text', () => undefined);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
    const rest = parser.writeBytes(chunk as Buffer);
    if (rest !== undefined) return `${elements} elements, stopped reading bytes`;
  }
  return `${elements} elements, all read as bytes`;
}

/** Reading into typed records, with the strict scanner in front of saxes (default) or saxes alone. */
const read = (parser: 'fast' | 'saxes') => async (): Promise<string> => {
  const reading = readTransmission(createReadStream(path, { highWaterMark: READ_CHUNK }), { format: 'xml', parser });
  for await (const _ of reading);
  const summary = reading.summary ?? { read: 0, valid: 0 };
  if (summary.read !== EVENTS) throw new Error(`read ${summary.read} events, expected ${EVENTS}`);
  return `${summary.valid} valid records`;
};

/** Reading plus all rules, as `olinpe validate` reads: without the reader's model check, which the rules' format rules repeat. */
const rules = (format: 'xml' | 'csv') => async (): Promise<string> => {
  async function* records() {
    for await (const item of readTransmission(createReadStream(path, { highWaterMark: READ_CHUNK }), {
      format,
      checkModel: false,
    })) {
      if (item.type === 'record') yield item;
    }
  }
  const run = validateRecords(records(), { referenceYear: YEAR, exportDate: `${YEAR + 1}-01-31` });
  let findings = 0;
  for await (const _ of run) findings++;
  const summary = run.summary!;
  if (summary.records !== EVENTS) throw new Error(`rules saw ${summary.records} events, expected ${EVENTS}`);
  return `${findings} findings on ${summary.youngPeople} young people`;
};

const phases: Record<string, () => Promise<string>> = {
  raw,
  'raw-fast': rawFast,
  'raw-bytes': rawBytes,
  read: read('fast'),
  'read-saxes': read('saxes'),
  rules: rules('xml'),
  'csv-rules': rules('csv'),
};
const fn = phases[phase];
if (!fn) throw new Error(`unknown phase ${phase}`);
const baseMb = process.memoryUsage().rss / 2 ** 20;
let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
const detail = await fn();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(
  `${JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMb: peak / 2 ** 20, baseMb, detail })}\n`,
);
