/**
 * Node-only file helpers of the CLI: open an input (file or `-` for stdin) as a stream of byte chunks,
 * open an output (file or `-` for stdout) that respects back-pressure (the progress line is in progress.ts).
 * The library itself never imports these (it runs in a browser); commands do.
 *
 * @module
 */
import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { rename } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import process from 'node:process';
import type { Writable } from 'node:stream';
import type { CliIO } from './command.js';
import { UsageError } from './command.js';

/** The size of the pieces an input file is read in. */
const PIECE = 1 << 16;

/**
 * The transmission reader's signal that it copies whatever it keeps of a piece before it asks for the next one
 * (src/transmission/chunks.ts, `allowChunkReuse`): a registered symbol, so that neither side imports the other.
 */
const REUSE_PIECES = Symbol.for('olinpe.reusePieces');

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
    case 'ENOSPC':
    case 'EDQUOT':
      return { fr: `disque plein : ${path} non écrit`, en: `disk full: ${path} not written` };
    case 'EFBIG':
      return {
        fr: `taille de fichier maximale atteinte : ${path} non écrit`,
        en: `file size limit reached: ${path} not written`,
      };
    case 'EROFS':
      return {
        fr: `système de fichiers en lecture seule : ${path} non écrit`,
        en: `read-only file system: ${path} not written`,
      };
    default:
      return {
        fr: `impossible d'ouvrir ${path} (${code ?? 'erreur'})`,
        en: `cannot open ${path} (${code ?? 'error'})`,
      };
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
  let regular = false;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    regular = stat.isFile();
    registerInput(path);
  } catch (error) {
    const m = errnoMessage(error, pathOrDash);
    throw new UsageError(`${m.fr} (${m.en})`, 2);
  }
  const failed = (error: unknown): UsageError => {
    const m = errnoMessage(error, pathOrDash);
    return new UsageError(`${m.fr} (${m.en})`, 2);
  };
  // Whether the consumer of the iteration under way said it keeps no view on a piece once it asks for the next one
  // (see REUSE_PIECES); each iteration starts with fresh pieces.
  let reuse = false;
  const pieces = {
    [REUSE_PIECES]: () => {
      reuse = true;
    },
    async *[Symbol.asyncIterator]() {
      reuse = false;
      if (regular) {
        // A regular file is read by `readSync` in 64 KB pieces, each a buffer of its own, unless the consumer said it
        // keeps no view on a piece (the transmission reader, which copies what it keeps): then one buffer is read into
        // again and again. A fresh buffer a piece was ~2 % of `validate`'s CPU (perf: the kernel faulting in the new
        // pages as it copies the file into them, and malloc growing its heap), and its cold pages made the copy and
        // the UTF-8 check slower. `validate` on 200k events: 7.19 -> 6.56 s CPU, system time 0.94 -> 0.75 s (medians
        // of 6 interleaved rounds on a loaded machine); the reading alone: 2.45 -> 2.34 s.
        // An asynchronous read hands each piece to libuv's thread pool and back: measured ~25 µs of
        // the main thread per piece on a loaded machine (~0.2 s on 470 MB), and `validate`'s reading alone on
        // 200k events 0.925 of its CPU with `readSync` (median of 6 interleaved rounds); a file in the page cache
        // is copied at once, so nothing waits long. Larger pieces were measured slower (issue 16: the scanner
        // reads a piece that is still in the processor's cache). Anything else (a pipe, a device) is streamed.
        let fd: number;
        try {
          fd = openSync(path, 'r');
        } catch (error) {
          throw failed(error);
        }
        try {
          let shared: Buffer | undefined;
          for (;;) {
            const piece = reuse ? (shared ??= Buffer.allocUnsafeSlow(PIECE)) : Buffer.allocUnsafeSlow(PIECE);
            let n: number;
            try {
              n = readSync(fd, piece, 0, PIECE, null);
            } catch (error) {
              throw failed(error);
            }
            if (n === 0) return;
            yield n < PIECE ? piece.subarray(0, n) : piece;
          }
        } finally {
          closeSync(fd);
        }
      }
      // A stream of 64 KB pieces. Measured against `fs.read` into 1 MB (or 64 KB) buffers, with and without a
      // read ahead (issue 16, 50,000 events): no CPU gain beyond noise, a higher peak and a longer wall time. A
      // piece larger than the XML reader's slice (256 KB) is scanned as slices of itself, which the scanner reads
      // more slowly than whole strings.
      const stream = createReadStream(path, { highWaterMark: PIECE });
      try {
        for await (const chunk of stream) yield chunk as Uint8Array;
      } catch (error) {
        throw failed(error);
      }
    },
  };
  return pieces;
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
export async function openOutput(pathOrDash: string, io: CliIO, options: { spool?: boolean } = {}): Promise<Output> {
  if (pathOrDash === '-' && options.spool) return spooledStdout(io);
  if (pathOrDash === '-') {
    return {
      name: displayName('-', 'output'),
      write: (chunk) => writeTo(io.stdout, chunk),
      close: async () => {},
    };
  }
  const path = resolve(io.cwd, pathOrDash);
  const fail = (error: unknown): UsageError => {
    if (error instanceof UsageError) return error;
    const m = errnoMessage(error, pathOrDash);
    return new UsageError(`${m.fr} (${m.en})`, 2);
  };
  let mode = 0o666;
  try {
    const existing = statSync(path);
    if (existing.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    if (inputs.some((i) => i.dev === existing.dev && i.ino === existing.ino)) {
      throw new UsageError(
        `l'entrée et la sortie sont le même fichier (${pathOrDash}) : refusé, le fichier serait détruit ` +
          `(the input and the output are the same file: refused, it would be destroyed)`,
      );
    }
    mode = existing.mode & 0o777;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw fail(error);
  }
  // Written beside the target under a temporary name, renamed over it only once complete (see commitOutput).
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.olinpe-tmp`);
  // Created synchronously and tracked at once: a signal can no longer land between the file's creation and its
  // tracking (it did, with an asynchronous open: the temporary file stayed behind).
  let fd: number;
  try {
    fd = openSync(temp, 'wx', mode);
  } catch (error) {
    throw fail(error);
  }
  const stream = createWriteStream(temp, { fd });
  const entry: Pending = { temp, stream };
  pending.add(entry);
  watchSignals();
  let failed: unknown;
  stream.on('error', (error) => {
    failed ??= error;
  });
  return {
    name: pathOrDash,
    write: async (chunk) => {
      if (failed) throw fail(failed);
      try {
        await writeTo(stream, chunk);
      } catch (error) {
        throw fail(error);
      }
    },
    close: async () => {
      if (failed) throw fail(failed);
      await new Promise<void>((ok, ko) => {
        stream.once('error', (error) => ko(fail(error)));
        stream.end(() => ok());
      });
      if (failed) throw fail(failed);
      try {
        await rename(temp, path);
      } catch (error) {
        throw fail(error);
      }
      pending.delete(entry);
      watchSignals();
    },
  };
}

/**
 * Standard output written only once complete: the text goes to a temporary file (owner-only) in the system's
 * temporary directory, copied to stdout by `close()`. A command that streams its input yet must write nothing
 * when it refuses the input half-way (pseudonymise, rehash) writes there; the temporary file is removed like
 * any pending output on failure or signal.
 */
async function spooledStdout(io: CliIO): Promise<Output> {
  const temp = join(tmpdir(), `.olinpe-stdout.${randomBytes(6).toString('hex')}.olinpe-tmp`);
  const stream = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
  const entry: Pending = { temp, stream };
  await new Promise<void>((ok, ko) => {
    stream.once('open', () => ok());
    stream.once('error', (error) => ko(error));
  });
  pending.add(entry);
  watchSignals();
  return {
    name: displayName('-', 'output'),
    write: (chunk) => writeTo(stream, chunk),
    close: async () => {
      await new Promise<void>((ok, ko) => {
        stream.once('error', ko);
        stream.end(() => ok());
      });
      for await (const chunk of createReadStream(temp, { highWaterMark: 1 << 16 }))
        await writeTo(io.stdout, chunk as Uint8Array);
      pending.delete(entry);
      watchSignals();
      unlinkSync(temp);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Atomic outputs. Every file output is written to a temporary file beside its target and renamed over it only
// when complete. A command that fails (an exception, or an output it never closed) leaves no temporary file
// and the target as it was: `runCli` calls `discardPendingOutputs`, and so do SIGINT, SIGTERM and exit.

interface Pending {
  temp: string;
  /** The temporary file's stream; absent for a temporary directory (removed with its content). */
  stream?: Writable;
}

const pending = new Set<Pending>();

/** The files read by the current run (device and inode), so that an output over one of them is refused. */
let inputs: Array<{ dev: number; ino: number }> = [];

/** Starts a run: forgets the inputs of the previous one (in-process runs in tests). */
export function beginRun(): void {
  inputs = [];
}

/**
 * Notes that the current run reads a file: opening it as an output is then refused (same file in and out).
 *
 * @example
 * registerInput(resolve(io.cwd, 'cle.txt'));
 */
export function registerInput(path: string): void {
  try {
    const s = statSync(path);
    inputs.push({ dev: s.dev, ino: s.ino });
  } catch {
    // not there: nothing to protect
  }
}

/** Removes every temporary output not yet renamed over its target (synchronous: safe in a signal or exit handler). */
export function discardPendingOutputs(): void {
  for (const p of pending) {
    try {
      if (p.stream) {
        p.stream.destroy();
        unlinkSync(p.temp);
      } else rmSync(p.temp, { recursive: true, force: true });
    } catch {
      // already gone
    }
  }
  pending.clear();
  watchSignals();
}

/**
 * A temporary directory beside the outputs it will hold (same file system, so that each file can be renamed into
 * place): created now, removed on failure or signal like a temporary file; `settle()` stops tracking it once its
 * files have been moved and it is removed.
 *
 * @example
 * const stage = stagingDirectory(outDir);
 * // … write into stage.path, rename each file into outDir …
 * stage.settle();
 */
export function stagingDirectory(parent: string): { path: string; settle(): void } {
  const path = mkdtempSync(join(parent, '.olinpe-tmp-'));
  const entry: Pending = { temp: path };
  pending.add(entry);
  watchSignals();
  return {
    path,
    settle() {
      rmSync(path, { recursive: true, force: true });
      pending.delete(entry);
      watchSignals();
    },
  };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let watching = false;
function onSignal(signal: NodeJS.Signals): void {
  discardPendingOutputs();
  // Die of the signal as if not caught, so that the shell sees it (exit status 128 + n).
  process.kill(process.pid, signal);
}
function onExit(): void {
  discardPendingOutputs();
}
function watchSignals(): void {
  if (pending.size > 0 && !watching) {
    for (const s of SIGNALS) process.on(s, onSignal);
    process.on('exit', onExit);
    watching = true;
  } else if (pending.size === 0 && watching) {
    for (const s of SIGNALS) process.off(s, onSignal);
    process.off('exit', onExit);
    watching = false;
  }
}

/** Writes every chunk of an (async) iterable to an output, in order. */
export async function pipeTo(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  out: Output,
): Promise<void> {
  for await (const chunk of chunks) await out.write(chunk);
}
