/**
 * Turns any reader input (text, bytes, sync or async chunks) into a stream of UTF-8-decoded text chunks,
 * without the byte-order mark. Invalid UTF-8 stops the stream with a {@link DecodeError} that carries the
 * text decoded before the bad bytes, so the reader can say on which line it happened.
 *
 * @module
 */
import { createDecoder, DecodeError, type StreamDecoder, type TextEncodingName } from './decode.js';
import type { TransmissionInput } from './types.js';

export { detach } from '../_lib/detach.js';

export { DecodeError } from './decode.js';

function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return typeof x === 'object' && x !== null && Symbol.asyncIterator in x;
}

/**
 * Where an input offers it, the reader's promise that it keeps no view on a chunk once it asks for the next one (it
 * copies what it keeps: an unfinished token, a character cut in two, the first bytes it sniffs), so that the input
 * may read its next chunk into the same memory. A method under a registered symbol (the command line's file input,
 * src/cli/io.ts, has one; no import either way). Given after the first chunks are sniffed (`peekRaw` in read.ts
 * holds those), from which point every path of the reader copies what it keeps; test/transmission/fast-scan.test.ts
 * overwrites each chunk once the next is asked for and checks that the items do not change.
 */
export function allowChunkReuse(input: unknown): void {
  const allow = (input as { [REUSE_PIECES]?: unknown } | null)?.[REUSE_PIECES];
  if (typeof allow === 'function') (allow as () => void).call(input);
}
const REUSE_PIECES = Symbol.for('olinpe.reusePieces');

/** The chunks of an input as they come (strings or bytes), whatever its shape. */
export async function* rawChunks(input: TransmissionInput): AsyncGenerator<string | Uint8Array> {
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
 * Decodes an input into text chunks: UTF-8 by default (strict: invalid bytes stop the stream with a
 * {@link DecodeError} holding the text before them), or windows-1252 / ISO-8859-1; BOM removed; chunk boundaries
 * inside a multi-byte character handled. Text chunks pass as they are.
 *
 * @example
 * for await (const text of textChunks(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c]))) text; // "<"
 */
export async function* textChunks(
  input: TransmissionInput,
  encoding: TextEncodingName = 'utf-8',
): AsyncGenerator<string> {
  let decoder: StreamDecoder | undefined;
  let first = true;
  const dropBom = (text: string): string => {
    if (!first || text.length === 0) return text;
    first = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  const decode = (run: () => string): string => {
    try {
      return run();
    } catch (error) {
      if (error instanceof DecodeError && first) throw new DecodeError(dropBom(error.before), error.encoding);
      throw error;
    }
  };
  for await (const c of rawChunks(input)) {
    checkChunk(c);
    let text: string;
    if (typeof c === 'string') text = c;
    else {
      const d = (decoder ??= createDecoder(encoding));
      text = decode(() => d.decode(c));
    }
    text = dropBom(text);
    if (text.length > 0) yield text;
  }
  if (decoder) {
    const d = decoder;
    const tail = dropBom(decode(() => d.end()));
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
