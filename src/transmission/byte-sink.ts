/**
 * A growable output buffer of UTF-8 bytes for the byte-level writer: values are written by char codes
 * straight into a preallocated `Uint8Array` (no intermediate string, no `TextEncoder` call per value),
 * and the filled part is handed out as a chunk when it reaches the chunk size. No Node built-in: the
 * browser build uses it too.
 *
 * @module
 */

/** Bytes of `&amp;`, `&lt;`, `&gt;`, `&#13;` (XML escapes of `&`, `<`, `>`, carriage return). */
import { encodeUtf8Into } from '../_lib/utf8.js';

const AMP = [38, 97, 109, 112, 59];
const LT = [38, 108, 116, 59];
const GT = [38, 103, 116, 59];
const CR = [38, 35, 49, 51, 59];

const encoder = new TextEncoder();

/**
 * An output buffer of bytes. Write with {@link ByteSink.ascii}, {@link ByteSink.text},
 * {@link ByteSink.copy}; hand out the filled part with {@link ByteSink.take} (which starts a fresh buffer,
 * so a chunk handed out is never written again).
 *
 * @example
 * const sink = new ByteSink(1024);
 * sink.ascii('<A>'); sink.text('é & b', 'xml'); sink.ascii('</A>');
 * new TextDecoder().decode(sink.take()); // "<A>é &amp; b</A>"
 */
export class ByteSink {
  /** The current buffer; bytes `0..pos` are filled. */
  buf: Uint8Array;
  pos = 0;

  /** `size`: the capacity of each fresh buffer (the chunk size plus room for one record). */
  constructor(readonly size: number) {
    this.buf = new Uint8Array(size);
  }

  /** Makes room for `n` more bytes (grows the buffer, keeping its content, when needed). */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    bigger.set(this.buf.subarray(0, this.pos));
    this.buf = bigger;
  }

  /** Writes a text known to be ASCII (codes, dates, pseudonyms, counts), one byte per character. */
  ascii(text: string): void {
    const n = text.length;
    this.ensure(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) buf[pos++] = text.charCodeAt(i);
    this.pos = pos;
  }

  /** Copies `length` bytes of `from` starting at `start` (a loop: faster than `set` for short runs). */
  copy(from: Uint8Array, start: number, length: number): void {
    this.ensure(length);
    const buf = this.buf;
    let pos = this.pos;
    const end = start + length;
    for (let i = start; i < end; i++) buf[pos++] = from[i]!;
    this.pos = pos;
  }

  /** Copies a whole byte array with `set` (for long runs). */
  bytes(from: Uint8Array): void {
    this.ensure(from.length);
    this.buf.set(from, this.pos);
    this.pos += from.length;
  }

  /**
   * Writes any text as UTF-8 (exactly what `TextEncoder` gives, lone surrogates as U+FFFD), escaped for
   * XML element content (`xml`: `&`, `<`, `>`, carriage return, as {@link escapeXml}), with its quotes
   * doubled for a quoted CSV field (`csv`), or as it is (`raw`).
   */
  text(text: string, mode: 'xml' | 'csv' | 'raw'): void {
    const n = text.length;
    this.ensure(n * 5);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (mode === 'xml' && (c === 38 || c === 60 || c === 62 || c === 13)) {
          const e = c === 38 ? AMP : c === 60 ? LT : c === 62 ? GT : CR;
          for (let k = 0; k < e.length; k++) buf[pos++] = e[k]!;
        } else {
          if (mode === 'csv' && c === 34) buf[pos++] = 34;
          buf[pos++] = c;
        }
      } else {
        // A run of non-ASCII code units (a surrogate pair is never cut: both halves are ≥ 0x80).
        let end = i + 1;
        while (end < n && text.charCodeAt(end) >= 0x80) end++;
        pos = encodeUtf8Into(text, i, end, buf, pos);
        i = end - 1;
      }
    }
    this.pos = pos;
  }

  /** Writes a long text as UTF-8 with `TextEncoder.encodeInto` (headers, records of the reference path). */
  encode(text: string): void {
    this.ensure(text.length * 3);
    this.pos += encoder.encodeInto(text, this.buf.subarray(this.pos)).written;
  }

  /** Hands out the filled part and starts a fresh buffer. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.buf = new Uint8Array(this.size);
    this.pos = 0;
    return out;
  }
}
