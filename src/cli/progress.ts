/**
 * The one progress line of the CLI, shared by every command that reads or writes a large file (validate, audit,
 * report, synth, convert, export). Rules:
 * - shown only when stderr is a terminal (`isTTY`), never when it is piped or redirected, never with `--quiet`;
 * - always on stderr, so the JSON, CSV or HTML on stdout is never touched;
 * - one line redrawn in place (`\r`, erased with `ESC[2K`), at most every 200 ms, erased by `done()` so that the
 *   messages after it start on a clean line.
 *
 * @module
 */

/** The stream the progress line is written to: stderr, or a fake terminal in the tests. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** A progress line; every method is a no-op when the line is not shown. */
export interface Progress {
  /** Whether anything is drawn (stderr is a terminal and not `--quiet`). */
  readonly shown: boolean;
  /** Counts `n` more items (cheap; redraws at most every `interval` ms). */
  tick(n?: number): void;
  /** Shows a phase after the count ("rattachement des parcours…"), redrawn at once. */
  phase(text: string): void;
  /** Erases the line. */
  done(): void;
}

export interface ProgressOptions {
  quiet?: boolean;
  /** What is counted, in French ("enregistrements lus"). */
  label?: string;
  /** Milliseconds between redraws (200). */
  interval?: number;
  /** The clock (for tests). */
  now?: () => number;
}

const SILENT: Progress = { shown: false, tick: () => {}, phase: () => {}, done: () => {} };

const count = (n: number): string => n.toLocaleString('fr-FR');

/**
 * Creates the progress line on `stream` (stderr) when it is a terminal and `quiet` is not set.
 *
 * @example
 * const progress = createProgress(io.stderr, { quiet: values.quiet, label: 'enregistrements lus' });
 * for await (const r of records) progress.tick();
 * progress.done();
 */
export function createProgress(stream: ProgressStream, options: ProgressOptions = {}): Progress {
  if (options.quiet || stream.isTTY !== true) return SILENT;
  const now = options.now ?? Date.now;
  const interval = options.interval ?? 200;
  const label = options.label ?? 'enregistrements lus';
  const start = now();
  let n = 0;
  let last = -Infinity;
  let phaseText = '';
  let drawn = false;
  const draw = (): void => {
    const t = now();
    last = t;
    const seconds = (t - start) / 1000;
    const rate = seconds > 0.5 ? ` (${count(Math.round(n / seconds))}/s)` : '';
    stream.write(`\r\x1b[2K${count(n)} ${label}${rate}${phaseText ? ` — ${phaseText}` : ''}`);
    drawn = true;
  };
  return {
    shown: true,
    tick(k = 1) {
      n += k;
      if (now() - last >= interval) draw();
    },
    phase(text) {
      phaseText = text;
      draw();
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

/**
 * Passes the items of a stream through unchanged, counting each one on the progress line.
 *
 * @example
 * for await (const item of counted(records, progress)) …
 */
export async function* counted<T>(items: AsyncIterable<T> | Iterable<T>, progress: Progress): AsyncGenerator<T> {
  if (!progress.shown) {
    yield* items as AsyncIterable<T>;
    return;
  }
  for await (const item of items) {
    progress.tick();
    yield item;
  }
}

/** {@link counted} for a synchronous stream (the synthetic generator). */
export function* countedSync<T>(items: Iterable<T>, progress: Progress): Generator<T> {
  for (const item of items) {
    progress.tick();
    yield item;
  }
}
