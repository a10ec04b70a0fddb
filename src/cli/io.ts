/**
 * Node-only file helpers of the CLI: open an input (file or `-` for stdin) as a stream of byte chunks,
 * open an output (file or `-` for stdout) that respects back-pressure, and a progress line on stderr.
 * The library itself never imports these (it runs in a browser); commands do.
 *
 * @module
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { CliIO } from './command.js';
import { UsageError } from './command.js';

/** Where an input or output goes, for messages. `-` is shown as stdin/stdout. */
export function displayName(pathOrDash: string, kind: 'input' | 'output'): string {
  return pathOrDash === '-' ? (kind === 'input' ? '<stdin>' : '<stdout>') : pathOrDash;
}

function errnoMessage(error: unknown, path: string): { fr: string; en: string } {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return { fr: `fichier introuvable : ${path}`, en: `file not found: ${path}` };
    case 'EACCES':
    case 'EPERM':
      return { fr: `accès refusé : ${path}`, en: `permission denied: ${path}` };
    case 'EISDIR':
      return { fr: `c'est un dossier, pas un fichier : ${path}`, en: `is a directory, not a file: ${path}` };
    default:
      return { fr: `impossible d'ouvrir ${path} (${code ?? 'erreur'})`, en: `cannot open ${path} (${code ?? 'error'})` };
  }
}

/**
 * Opens an input: a file path (relative to `io.cwd`) or `-` for stdin. Returns an async iterable of byte
 * chunks (the readers of `olinpe/transmission` take it as is). A missing or unreadable file is a
 * {@link UsageError} (exit code 2) with a French message.
 *
 * @example
 * for await (const chunk of openInput('export.xml', io)) total += chunk.length;
 */
export function openInput(pathOrDash: string, io: CliIO): AsyncIterable<Uint8Array> {
  if (pathOrDash === '-') {
    const stdin = io.stdin;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const chunk of stdin) {
          yield typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
        }
      },
    };
  }
  const path = resolve(io.cwd, pathOrDash);
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
  } catch (error) {
    const m = errnoMessage(error, pathOrDash);
    throw new UsageError(`${m.fr} (${m.en})`, 2);
  }
  return {
    async *[Symbol.asyncIterator]() {
      const stream = createReadStream(path, { highWaterMark: 1 << 16 });
      try {
        for await (const chunk of stream) yield chunk as Uint8Array;
      } catch (error) {
        const m = errnoMessage(error, pathOrDash);
        throw new UsageError(`${m.fr} (${m.en})`, 2);
      }
    },
  };
}

/** An opened output: write text or bytes (waits when the destination is full), then close. */
export interface Output {
  readonly name: string;
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes and closes a file; leaves stdout open. */
  close(): Promise<void>;
}

function writeTo(stream: Writable, chunk: string | Uint8Array): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const onError = (error: unknown): void => reject(error);
    stream.once('error', onError);
    const ok = stream.write(chunk, (error) => {
      if (error) return;
    });
    const done = (): void => {
      stream.off('error', onError);
      resolvePromise();
    };
    if (ok) done();
    else stream.once('drain', done);
  });
}

/**
 * Opens an output: a file path (relative to `io.cwd`, created or truncated) or `-` for stdout.
 *
 * @example
 * const out = await openOutput('out.xml', io);
 * for await (const bytes of writeTransmissionBytes(records)) await out.write(bytes);
 * await out.close();
 */
export async function openOutput(pathOrDash: string, io: CliIO): Promise<Output> {
  if (pathOrDash === '-') {
    return {
      name: displayName('-', 'output'),
      write: (chunk) => writeTo(io.stdout, chunk),
      close: async () => {},
    };
  }
  const path = resolve(io.cwd, pathOrDash);
  const stream = createWriteStream(path);
  await new Promise<void>((ok, ko) => {
    stream.once('open', () => ok());
    stream.once('error', (error) => {
      const m = errnoMessage(error, pathOrDash);
      ko(new UsageError(`${m.fr} (${m.en})`, 2));
    });
  });
  return {
    name: pathOrDash,
    write: (chunk) => writeTo(stream, chunk),
    close: () =>
      new Promise<void>((ok, ko) => {
        stream.once('error', ko);
        stream.end(() => ok());
      }),
  };
}

/** Writes every chunk of an (async) iterable to an output, in order. */
export async function pipeTo(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, out: Output): Promise<void> {
  for await (const chunk of chunks) await out.write(chunk);
}

/** A progress line on stderr: shown only when stderr is a terminal and not `quiet`; otherwise silent. */
export interface Progress {
  /** Counts one more record (cheap; redraws at most 5 times a second). */
  tick(count?: number): void;
  /** Erases the line. */
  done(): void;
}

/**
 * Creates a progress line ("12 345 enregistrements lus, 48 000/s") on stderr when it is a terminal.
 *
 * @example
 * const progress = createProgress(io, { quiet: values.quiet, label: 'lus' });
 * progress.tick(); progress.done();
 */
export function createProgress(io: CliIO, options: { quiet?: boolean; label?: string } = {}): Progress {
  const stderr = io.stderr as Writable & { isTTY?: boolean };
  if (options.quiet || !stderr.isTTY) return { tick: () => {}, done: () => {} };
  const label = options.label ?? 'enregistrements lus';
  const start = Date.now();
  let count = 0;
  let last = 0;
  let shown = false;
  return {
    tick(n = 1) {
      count += n;
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const rate = Math.round(count / Math.max((now - start) / 1000, 0.001));
      stderr.write(`\r${count.toLocaleString('fr-FR')} ${label}, ${rate.toLocaleString('fr-FR')}/s   `);
      shown = true;
    },
    done() {
      if (shown) stderr.write('\r\x1b[2K');
    },
  };
}
