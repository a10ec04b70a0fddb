/**
 * Turns any reader input (text, bytes, sync or async chunks) into a stream of UTF-8-decoded text chunks,
 * without the byte-order mark. Invalid UTF-8 stops the stream with a {@link DecodeError} that carries the
 * text decoded before the bad bytes, so the reader can say on which line it happened.
 *
 * @module
 */
import type { TransmissionInput } from './types.js';

/** Invalid UTF-8 met in the input. `before` is the text decoded up to the bad bytes (same chunk). */
export class DecodeError extends Error {
  constructor(readonly before: string) {
    super('invalid UTF-8');
    this.name = 'DecodeError';
  }
}

/**
 * A copy of a value cut from a chunk that no longer keeps the chunk alive. JavaScript engines may represent a
 * substring of 13 characters or more as a view on its parent string: a pseudonym kept in a finding would then
 * hold the whole chunk (64–256 KB) it was read from. Shorter strings are copies already.
 *
 * @example
 * detach(chunk.slice(100, 140)); // the same 40 characters, without the chunk behind them
 */
export function detach(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return typeof x === 'object' && x !== null && Symbol.asyncIterator in x;
}

/** The chunks of an input as they come (strings or bytes), whatever its shape. */
async function* rawChunks(input: TransmissionInput): AsyncGenerator<string | Uint8Array> {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    yield input;
    return;
  }
  if (isAsyncIterable(input)) {
    for await (const c of input) yield c;
    return;
  }
  for (const c of input) yield c;
}

/** Whether a value is a chunk of text or bytes. */
function checkChunk(c: unknown): asserts c is string | Uint8Array {
  if (typeof c !== 'string' && !(c instanceof Uint8Array)) {
    throw new TypeError('transmission input chunks must be strings or Uint8Array');
  }
}

/**
 * Decodes an input into text chunks: UTF-8 (fatal on invalid bytes), BOM removed, chunk boundaries
 * inside a multi-byte character handled.
 *
 * @example
 * for await (const text of textChunks(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c]))) text; // "<"
 */
export async function* textChunks(input: TransmissionInput): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let first = true;
  let pendingBytes = false;
  for await (const c of rawChunks(input)) {
    checkChunk(c);
    let text: string;
    if (typeof c === 'string') {
      text = c;
    } else {
      try {
        text = decoder.decode(c, { stream: true });
        pendingBytes = true;
      } catch {
        const loose = new TextDecoder('utf-8', { fatal: false }).decode(c);
        const bad = loose.indexOf('\uFFFD');
        let before = bad >= 0 ? loose.slice(0, bad) : loose;
        if (first && before.charCodeAt(0) === 0xfeff) before = before.slice(1);
        throw new DecodeError(before);
      }
    }
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  if (pendingBytes) {
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw new DecodeError('');
    }
    if (tail.length > 0) yield tail;
  }
}

/**
 * Reads the beginning of an input (at least `min` characters when available) to sniff its format, and
 * returns a stream that replays it followed by the rest.
 *
 * @example
 * const { head, chunks } = await peek(textChunks('<DECRET/>'), 1);
 * head; // "<DECRET/>"
 */
export async function peek(
  chunks: AsyncGenerator<string>,
  min: number,
): Promise<{ head: string; chunks: AsyncGenerator<string> }> {
  const buffered: string[] = [];
  let head = '';
  let error: unknown;
  let done = false;
  try {
    while (head.length < min) {
      const next = await chunks.next();
      if (next.done) {
        done = true;
        break;
      }
      buffered.push(next.value);
      head += next.value;
    }
  } catch (e) {
    error = e;
    if (e instanceof DecodeError) head += e.before;
  }
  async function* replay(): AsyncGenerator<string> {
    for (const b of buffered) yield b;
    if (error !== undefined) throw error;
    if (!done) yield* chunks;
  }
  return { head, chunks: replay() };
}
