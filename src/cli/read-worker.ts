/**
 * The reading thread of `olinpe validate --threads 2` (see read-thread.ts, which starts it): reads and decodes the
 * file and runs the library's reader on it (`openRecordsForRules`, exactly as the single-thread path does), then
 * posts the records to the main thread as raw values, in batches: every value of the batch end to end as UTF-8
 * bytes (a transferred Uint8Array; the text itself when it holds a surrogate), their lengths (a transferred
 * Uint32Array), per record its index, line and layout (a transferred Float64Array), and the layouts (the variable
 * names in file order) once each. No record object is cloned: the main thread decodes the batch once, cuts it and
 * builds the objects the rules read. Read errors, the header and the outcome are
 * posted as they are (a few objects per file).
 *
 * Flow control: at most {@link ReadWorkerData.window} batches are in flight; the main thread gives one back each
 * time it takes a batch, so that a reader quicker than the rules never queues the file in memory.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EditionId } from '../nomenclature/index.js';
import { openRecordsForRules, type ErrorItem } from '../transmission/index.js';
import { UsageError } from './command.js';
import { openInput } from './io.js';
import type { ReadMessage, ReadWorkerData } from './read-thread.js';

const port = parentPort!;
const data = workerData as ReadWorkerData;

let credit = data.window;
let wake: (() => void) | undefined;
port.on('message', (m: 'credit') => {
  if (m !== 'credit') return;
  credit++;
  wake?.();
  wake = undefined;
});
const encoder = new TextEncoder();
const SURROGATE = /[\uD800-\uDFFF]/;
const post = (m: ReadMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

async function read(): Promise<void> {
  const opened = await openRecordsForRules(openInput(data.file, { cwd: data.cwd } as Parameters<typeof openInput>[1]), {
    fileName: data.fileName,
    ...(data.encoding ? { encoding: data.encoding } : {}),
    ...(data.edition ? { edition: data.edition as EditionId } : {}),
  });
  post({
    type: 'open',
    edition: opened.edition,
    fileEdition: opened.fileEdition,
    exportDate: opened.exportDate,
  });
  const errors = opened.readErrors;
  let errorsSent = 0;
  /** The layouts met so far, by their names joined with a character no name holds. */
  const layoutIds = new Map<string, number>();
  let layout: string[] = [];
  let layoutId = -1;
  const names: string[] = [];
  const row: string[] = [];

  let texts: string[] = [];
  let lengths = new Uint32Array(data.batch * 128);
  let valueCount = 0;
  let meta = new Float64Array(data.batch * 3);
  let records = 0;
  let newLayouts: { id: number; names: string[] }[] = [];
  let extras: { at: number; unknown: string[]; issues: unknown[]; structural: boolean }[] = [];

  const flush = async (): Promise<void> => {
    const newErrors: ErrorItem[] = errors.slice(errorsSent);
    errorsSent = errors.length;
    if (records === 0 && newErrors.length === 0) return;
    if (credit === 0) await new Promise<void>((r) => (wake = r));
    credit--;
    const l = lengths.slice(0, valueCount);
    const m = meta.slice(0, records * 3);
    const joined = texts.join('');
    // UTF-8 bytes, transferred (not copied), when the text has no surrogate (a lone one would not come back from
    // UTF-8); the text itself otherwise (copied).
    const utf8 = SURROGATE.test(joined) ? undefined : encoder.encode(joined);
    const text = utf8 ?? joined;
    const transfer = utf8 ? [l.buffer, m.buffer, utf8.buffer as ArrayBuffer] : [l.buffer, m.buffer];
    post({ type: 'batch', text, lengths: l, meta: m, layouts: newLayouts, extras, errors: newErrors }, transfer);
    texts = [];
    valueCount = 0;
    records = 0;
    newLayouts = [];
    extras = [];
  };

  for await (const item of opened.records) {
    const values = item.values;
    // The layout: the record's names in order, compared with the previous record's (nearly always the same).
    let n = 0;
    let same = true;
    for (const name in values) {
      if (same && layout[n] !== name) same = false;
      names[n] = name;
      row[n++] = values[name]!;
    }
    if (!same || n !== layout.length) {
      names.length = n;
      const key = names.join('\u0000');
      let id = layoutIds.get(key);
      if (id === undefined) {
        id = layoutIds.size;
        layoutIds.set(key, id);
        newLayouts.push({ id, names: names.slice() });
      }
      layout = names.slice();
      layoutId = id;
    }
    if (valueCount + n > lengths.length) {
      const grown = new Uint32Array(Math.max(lengths.length * 2, valueCount + n));
      grown.set(lengths);
      lengths = grown;
    }
    for (let i = 0; i < n; i++) {
      const text = row[i]!;
      texts.push(text);
      lengths[valueCount++] = text.length;
    }
    if (records * 3 + 3 > meta.length) {
      const grown = new Float64Array(meta.length * 2);
      grown.set(meta);
      meta = grown;
    }
    meta[records * 3] = item.index;
    meta[records * 3 + 1] = item.line;
    meta[records * 3 + 2] = layoutId;
    if (item.unknown.length > 0 || item.issues.length > 0 || item.structural)
      extras.push({ at: records, unknown: item.unknown, issues: item.issues, structural: item.structural });
    records++;
    if (records === data.batch) await flush();
  }
  await flush();
  post({ type: 'end', outcome: opened.records.summary! });
}

read().catch((error: unknown) => {
  post({
    type: 'fail',
    message: error instanceof Error ? error.message : String(error),
    ...(error instanceof UsageError ? { exitCode: error.exitCode } : {}),
  });
});
