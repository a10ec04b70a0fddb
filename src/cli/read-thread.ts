/**
 * `olinpe validate --threads 2`: the file is read on a second thread (read-worker.ts runs the library's reader
 * there, unchanged) while the main thread runs the rules and writes the report. The records cross as raw values
 * (the UTF-8 bytes of a batch's values and their lengths, see read-worker.ts) and are rebuilt here as the reader's own record
 * items: same values (same keys in the same order), index, line, edition, unknown names, issues; read errors,
 * header and outcome come as the reader made them. What the command prints is therefore the single-thread
 * path's, byte for byte (test/cli/threads.test.ts compares both on good and bad files).
 *
 * Standard input is always read on the main thread (`--threads 2` with `-` reads as `--threads 1`).
 *
 * Why it is not the default: see ARCHITECTURE.md ("Reading on a second thread").
 *
 * @module
 */
import { Worker } from 'node:worker_threads';
import type { EditionId } from '../nomenclature/index.js';
import type { ModelIssue } from '../model/index.js';
import type { ErrorItem, FileEdition, ReadingOutcome, RecordItem } from '../transmission/index.js';
import type { SummarisedStream } from '../_lib/stream.js';
import { UsageError, type CliIO } from './command.js';
import { openInput } from './io.js';
import type { OpenedRecords } from './rules-input.js';

/** What the main thread gives the reading thread. */
export interface ReadWorkerData {
  /** The file as given, and the directory it is relative to (messages name it as given). */
  file: string;
  cwd: string;
  /** The name the reader puts in its errors (`fileName`). */
  fileName: string;
  encoding: string | undefined;
  edition: string | undefined;
  /** Records per batch. */
  batch: number;
  /** Batches in flight at most. */
  window: number;
}

/** What the reading thread posts. */
export type ReadMessage =
  | { type: 'open'; edition: EditionId; fileEdition: FileEdition; exportDate: string | undefined }
  | {
      type: 'batch';
      /** Every value of the batch, end to end: its UTF-8 bytes (transferred), or the text when it has a lone surrogate. */
      text: Uint8Array | string;
      /** The length of each value, in order. */
      lengths: Uint32Array;
      /** Per record: index, line, layout id. */
      meta: Float64Array;
      /** Layouts first used in this batch. */
      layouts: { id: number; names: string[] }[];
      /** Records with unknown names, model issues or a structural problem (rare). */
      extras: { at: number; unknown: string[]; issues: unknown[]; structural: boolean }[];
      /** Read errors met since the previous batch. */
      errors: ErrorItem[];
    }
  | { type: 'end'; outcome: ReadingOutcome }
  | { type: 'fail'; message: string; exitCode?: number };

const decoder = new TextDecoder();
/**
 * Records per batch, and batches in flight: about 16,000 records (some 16 MB of values at most) between the
 * threads, so that neither waits for the other when the system is slow to wake it (on a loaded machine, a window
 * of 4 batches of 256 left the threads waiting on each other).
 */
const BATCH = 512;
const WINDOW = 32;

type Maker = (texts: readonly string[]) => Record<string, string>;

/** One object literal with the layout's keys in order (as the reader's values builder makes them). */
function maker(names: readonly string[]): Maker {
  // `__proto__` in a literal would set the prototype: such a layout is built as plain own properties.
  if (names.includes('__proto__')) return (t) => Object.fromEntries(names.map((n, i) => [n, t[i]!]));
  return new Function('t', `return {${names.map((k, i) => `${JSON.stringify(k)}: t[${i}]`).join(', ')}};`) as Maker;
}

/**
 * Opens a file for the rules with the reader on a second thread: the same {@link OpenedRecords} as
 * `openRecords`, the records rebuilt from raw values.
 */
export async function openRecordsThreaded(
  file: string,
  io: CliIO,
  forcedEdition?: EditionId,
  encoding?: string,
): Promise<OpenedRecords> {
  // The checks of the single-thread path (a missing file is a usage error, an output may not replace it).
  openInput(file, io);
  const data: ReadWorkerData = {
    file,
    cwd: io.cwd,
    fileName: file,
    encoding,
    edition: forcedEdition,
    batch: BATCH,
    window: WINDOW,
  };
  const worker = new Worker(new URL('./read-worker.js', import.meta.url), { workerData: data });
  worker.unref();
  const queue: ReadMessage[] = [];
  let wake: (() => void) | undefined;
  let crashed: unknown;
  const push = (m: ReadMessage): void => {
    queue.push(m);
    wake?.();
    wake = undefined;
  };
  worker.on('message', push);
  worker.on('error', (error) => {
    crashed = error;
    wake?.();
    wake = undefined;
  });
  worker.on('exit', () => {
    crashed ??= new Error('the reading thread stopped');
    wake?.();
    wake = undefined;
  });
  const next = async (): Promise<ReadMessage> => {
    for (;;) {
      const m = queue.shift();
      if (m !== undefined) {
        if (m.type === 'fail') {
          void worker.terminate();
          throw m.exitCode !== undefined ? new UsageError(m.message, m.exitCode) : new Error(m.message);
        }
        return m;
      }
      if (crashed !== undefined) throw crashed;
      await new Promise<void>((r) => (wake = r));
    }
  };
  const first = await next();
  if (first.type !== 'open') throw new Error('internal: the reading thread did not open the file');
  const { edition } = first;
  const readErrors: ErrorItem[] = [];
  /** Per layout id: its maker and its number of values. */
  const layouts: { make: Maker; size: number }[] = [];
  let summary: ReadingOutcome | undefined;

  async function* records(): AsyncGenerator<RecordItem, void, undefined> {
    try {
      for (;;) {
        const m = await next();
        if (m.type === 'end') {
          summary = m.outcome;
          return;
        }
        if (m.type !== 'batch') throw new Error('internal: unexpected message from the reading thread');
        worker.postMessage('credit');
        for (const e of m.errors) readErrors.push(e);
        for (const l of m.layouts) layouts[l.id] = { make: maker(l.names), size: l.names.length };
        const { lengths, meta, extras } = m;
        const text = typeof m.text === 'string' ? m.text : decoder.decode(m.text);
        let extra = 0;
        let at = 0;
        let v = 0;
        const count = meta.length / 3;
        const texts: string[] = [];
        for (let r = 0; r < count; r++) {
          const { make, size: n } = layouts[meta[r * 3 + 2]!]!;
          texts.length = n;
          for (let i = 0; i < n; i++) {
            const end = at + lengths[v++]!;
            texts[i] = text.slice(at, end);
            at = end;
          }
          const x = extras[extra]?.at === r ? extras[extra++] : undefined;
          yield {
            type: 'record',
            index: meta[r * 3]!,
            line: meta[r * 3 + 1]!,
            edition,
            values: make(texts),
            unknown: x ? x.unknown : [],
            issues: x ? (x.issues as ModelIssue[]) : [],
            structural: x ? x.structural : false,
          };
        }
      }
    } finally {
      void worker.terminate();
    }
  }
  const stream = records();
  Object.defineProperty(stream, 'summary', { get: () => summary, enumerable: true });
  return {
    edition,
    fileEdition: first.fileEdition,
    exportDate: first.exportDate,
    records: stream as SummarisedStream<RecordItem, ReadingOutcome>,
    readErrors,
    fileName: file,
  };
}
