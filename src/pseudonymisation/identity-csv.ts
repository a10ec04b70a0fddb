/**
 * Pseudonymisation of an identity file: a `;`-separated CSV whose header names PRENOM, NOMMERE, MNAIS, ANAIS (and
 * JNAIS for oned-2011), read whole or piece by piece. Written out: NUMANONYM first, the identity columns dropped,
 * every other column as it was. What `olinpe pseudonymise` and `olinpe demo` run; moved here from the CLI so that
 * a program can do the same without the command line.
 *
 * @module
 */
import {
  columnIndex,
  csvPieces,
  isBlank,
  parseCsv,
  parseCsvPiece,
  type CsvPiece,
  type CsvRecord,
} from '../_lib/csv-text.js';
import { invalidUtf8At } from '../_lib/encoding.js';
import { createIdentityDecoder, decodeIdentityBytes, type DecodeProblem, type IdentityEncoding } from './decode.js';
import { PseudonymisationError } from './errors.js';
import type { Key } from './key.js';
import type { Identity, Scheme } from './identity.js';
import type { Sha1Hex, Sha1Utf8 } from './sha1.js';
import { keyBytes } from './key.js';
import { ByteNameTable, NameTable } from './name-table.js';
import { birthDigits, hashHalves, type Halves } from './pseudonymise.js';
import { sha1Hex } from './sha1.js';

/**
 * A header that does not allow pseudonymising the file (a column needed is missing, or NUMANONYM is already
 * there). Its message is bilingual and names columns only. The CLI shows it as a usage error (exit code 2).
 */
export class IdentityCsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityCsvError';
  }
}

/** One rejected row, named by its line and field (never its content). */
export function rejectionLine(line: number, column: string, error: unknown): string {
  if (error instanceof PseudonymisationError) {
    const fr = error.messageFr.slice(error.messageFr.indexOf(':') + 2);
    const en = error.messageEn.slice(error.messageEn.indexOf(':') + 2);
    return `ligne ${line} : ${column} : ${fr} (line ${line}: ${column}: ${en})\n`;
  }
  return `ligne ${line} : ${column} : rejetée (line ${line}: ${column}: rejected)\n`;
}

/** A row whose number of fields is not the header's, named by its line (never its content). */
function widthRejection(line: number, count: number, width: number): string {
  return `ligne ${line} : ${count} champs au lieu de ${width} (line ${line}: ${count} fields instead of ${width})\n`;
}

/** Identity columns: never written out. */
export const IDENTITY_COLUMNS = ['PRENOM', 'NOMMERE', 'JNAIS', 'NOMUSAGE', 'PRENOMS'] as const;

const FIELD_COLUMN: Record<string, string> = {
  prenom: 'PRENOM',
  nomMere: 'NOMMERE',
  jourNaissance: 'JNAIS',
  moisNaissance: 'MNAIS',
  anneeNaissance: 'ANAIS',
};

/** The outcome of pseudonymising a CSV text. */
export interface PseudonymiseCsvResult {
  output: string;
  read: number;
  written: number;
  /** One line per rejected row, ready for stderr. */
  rejections: string[];
}

/** Distinct names whose normalised form and phonetic code a run remembers (see `memo` of createPseudonymiser). */
const NAME_MEMO = 1 << 16;

/** The same for the byte path, whose table keeps names as bytes in one arena (no string per name kept). */
const BYTE_NAME_MEMO = 1 << 17;

/** A piece of output: text (string path) or UTF-8 bytes (byte path), and the rejection lines of its rows. */
export interface CsvOutputPiece {
  output: string | Uint8Array;
  rejections: string[];
}

const EMPTY = new Uint8Array(0);

/** The message of a file refused for its bytes (`line` in the whole file). */
function decodeMessage(problem: DecodeProblem, line: number): string {
  const { fr, en } = problem;
  return `fichier d'identités refusé, ligne ${line} : ${fr} (identity file refused, line ${line}: ${en})`;
}

/**
 * Line breaks of a quote-free, row-aligned byte piece: LFs (what the decoder counts) and row endings (what
 * parseCsv counts: LF, CRLF, or a CR alone).
 */
function lineBreaks(bytes: Uint8Array): { lf: number; rows: number } {
  let lf = 0;
  let rows = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      lf++;
      rows++;
    } else if (b === 0x0d && (i + 1 >= n || bytes[i + 1] !== 0x0a)) rows++;
  }
  return { lf, rows };
}

/** How many bytes of a UTF-8 text end with a whole character (a character cut by the end is left out). */
function completeUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = bytes[n - k]!;
    if ((b & 0xc0) === 0x80) continue;
    const size = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 1;
    return size > k ? n - k : n;
  }
  return n;
}

/** Bytes of a piece pseudonymised at once by the byte path (at least; cut after a LF). */
const PIECE = 1 << 16;

/** A date part written as 1 to `digits` ASCII digits, as a number; -1 otherwise. */
function digitsAt(bytes: Uint8Array, start: number, end: number, digits: number): number {
  if (end <= start || end - start > digits) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i]! - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** ASCII codes of the hexadecimal digits. */
const HEX_DIGIT = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Where a row's fields are, and which runs of consecutive kept columns it writes after NUMANONYM. */
interface Layout {
  width: number;
  kept: number[];
  /** [first, last] column of each run of consecutive kept columns: written as one slice of the row. */
  runs: Array<readonly [number, number]>;
  prenom: number;
  nomMere: number;
  mnais: number;
  anais: number;
  jnais: number;
}

/**
 * Pseudonymisation of a `;`-separated CSV, piece by piece (pieces cut at row boundaries by `csvPieces`, or the
 * whole text as one piece): NUMANONYM first, identity columns dropped, every other column kept as written, same
 * rows in the same order; rows that cannot be pseudonymised are left out and reported by line. The result does
 * not depend on where the pieces are cut (test/pseudonymisation/streaming.test.ts).
 */
export class CsvPseudonymisation {
  read = 0;
  written = 0;
  private readonly halves: Halves;
  private readonly names: NameTable;
  private layout: Layout | undefined;
  private first = true;
  /** Byte path only: names by their bytes, date digits by month, year (and day), field bounds of a row. */
  private byteNames: ByteNameTable | undefined;
  private digits: Array<string | undefined> | undefined;
  private bounds = new Int32Array(0);

  private readonly keyBytes: Uint8Array;
  private readonly sha1Bytes: Sha1Hex;
  private readonly sha1Digest: ((data: Uint8Array) => string) | undefined;

  private readonly byteNameMemo: number;
  private readonly pieceBytes: number;

  /**
   * `sha1Utf8`: a faster SHA-1 of texts, e.g. `node:crypto`'s (see `createPseudonymiser`); `options.sha1Bytes`: a
   * faster SHA-1 of bytes, for the byte path ({@link pseudonymiseBytes}); `options.sha1Digest`: better still, a
   * SHA-1 of bytes giving the 20 digest bytes as the char codes of a string (`node:crypto`'s `hash` with
   * `latin1` output: half the characters to read). Same output with or without them.
   * `options.names`: how many names the byte path remembers (default 131,072), `options.piece`: the size of its
   * pieces in bytes (default 64 KiB); tests make them small.
   */
  constructor(
    key: Key,
    private readonly scheme: Scheme,
    sha1Utf8?: Sha1Utf8,
    options: { sha1Bytes?: Sha1Hex; sha1Digest?: (data: Uint8Array) => string; names?: number; piece?: number } = {},
  ) {
    if (scheme !== 'olinpe-2016' && scheme !== 'oned-2011') throw new PseudonymisationError('scheme', 'invalid');
    // What createPseudonymiser({ key, scheme, memo, sha1Utf8 }) does, the names looked up in place (NameTable).
    this.keyBytes = keyBytes(key);
    this.sha1Bytes = options.sha1Bytes ?? sha1Hex;
    this.sha1Digest = options.sha1Digest;
    this.byteNameMemo = Math.max(1, options.names ?? BYTE_NAME_MEMO);
    this.pieceBytes = Math.max(1, options.piece ?? PIECE);
    this.halves = hashHalves(this.keyBytes, sha1Hex, sha1Utf8);
    this.names = new NameTable(NAME_MEMO);
  }

  /** NUMANONYM of a row whose names are `a.slice(as, ae)` and `b.slice(bs, be)`; throws a PseudonymisationError. */
  private numanonym(
    a: string,
    as: number,
    ae: number,
    b: string,
    bs: number,
    be: number,
    dates: Pick<Identity, 'moisNaissance' | 'anneeNaissance' | 'jourNaissance'>,
  ): string {
    const p = this.names.lookup(a, as, ae, 'prenom');
    const m = this.names.lookup(b, bs, be, 'nomMere');
    const d = birthDigits(dates as Identity, this.scheme);
    return this.halves(p[0], m[0], d, p[1], m[1]);
  }

  /** Output text and rejection lines of the next piece. Throws an IdentityCsvError on a header without the columns needed. */
  piece(piece: CsvPiece): { output: string; rejections: string[] } {
    const text = piece.text;
    if (this.layout !== undefined && !piece.first && text.indexOf('"') < 0 && text.indexOf('\r') < 0) {
      return this.plainPiece(text, piece.line, this.layout);
    }
    const records = piece.records;
    const out: string[] = [];
    const rejections: string[] = [];
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) out.push('\ufeff');
    }
    for (const record of records) {
      if (isBlank(record)) continue;
      const layout = this.layout;
      if (layout === undefined) {
        this.header(record, text, out);
        continue;
      }
      this.read++;
      const fields = record.fields;
      if (fields.length !== layout.width) {
        rejections.push(widthRejection(record.line, fields.length, layout.width));
        continue;
      }
      const prenom = fields[layout.prenom]!.value;
      const nomMere = fields[layout.nomMere]!.value;
      let row: string;
      try {
        row = this.numanonym(prenom, 0, prenom.length, nomMere, 0, nomMere.length, {
          moisNaissance: fields[layout.mnais]!.value,
          anneeNaissance: fields[layout.anais]!.value,
          jourNaissance: layout.jnais >= 0 ? fields[layout.jnais]!.value : undefined,
        });
      } catch (error) {
        if (!(error instanceof PseudonymisationError)) throw error;
        rejections.push(rejectionLine(record.line, FIELD_COLUMN[error.field] ?? error.field, error));
        continue;
      }
      this.written++;
      for (const i of layout.kept) {
        const f = fields[i]!;
        row += ';' + text.slice(f.start, f.end);
      }
      out.push(row, record.newline || '\n');
    }
    return { output: out.join(''), rejections };
  }

  /**
   * A piece without quotes or CR, split with indexOf: the same rows, fields and lines as `parseCsv` gives (every
   * row ends with LF, except perhaps the last; an empty line is a blank row), without a record object per row.
   */
  private plainPiece(text: string, firstLine: number, layout: Layout): { output: string; rejections: string[] } {
    const out: string[] = [];
    const rejections: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const { width, runs, prenom, nomMere, mnais, anais, jnais } = layout;
    const n = text.length;
    let line = firstLine;
    for (let pos = 0; pos < n; line++) {
      const nl = text.indexOf('\n', pos);
      const end = nl < 0 ? n : nl;
      if (end === pos) {
        pos = end + 1;
        continue;
      }
      let count = 0;
      for (let a = pos; ; ) {
        const semi = text.indexOf(';', a);
        starts[count] = a;
        if (semi < 0 || semi > end) {
          ends[count++] = end;
          break;
        }
        ends[count++] = semi;
        a = semi + 1;
      }
      pos = end + 1;
      this.read++;
      if (count !== width) {
        rejections.push(widthRejection(line, count, width));
        continue;
      }
      let row: string;
      try {
        row = this.numanonym(text, starts[prenom]!, ends[prenom]!, text, starts[nomMere]!, ends[nomMere]!, {
          moisNaissance: text.slice(starts[mnais], ends[mnais]),
          anneeNaissance: text.slice(starts[anais], ends[anais]),
          jourNaissance: jnais >= 0 ? text.slice(starts[jnais], ends[jnais]) : undefined,
        });
      } catch (error) {
        if (!(error instanceof PseudonymisationError)) throw error;
        rejections.push(rejectionLine(line, FIELD_COLUMN[error.field] ?? error.field, error));
        continue;
      }
      this.written++;
      // Consecutive kept fields are one slice: in a plain row, exactly one ';' lies between two fields.
      for (const [first, last] of runs) row += ';' + text.slice(starts[first], ends[last]);
      out.push(row, '\n');
    }
    return { output: out.join(''), rejections };
  }

  /**
   * Pseudonymises a file given as byte chunks (what `olinpe pseudonymise` reads), in its encoding: the same
   * output, counts, rejection lines and refusals as decoding it (`createIdentityDecoder`), cutting the text with
   * `csvPieces` and giving each piece to {@link piece}; the output pieces are text or UTF-8 bytes. A UTF-8 file
   * is cut at its last LF chunk by chunk; a piece without quote nor CR, in well-formed UTF-8, after the header,
   * is pseudonymised on its bytes (`bytePiece`: no string per row but the hashed texts); any other quote-free
   * piece is decoded and given to {@link piece}; from the first quote on (a quoted field may hold a line break,
   * so LFs no longer cut rows), the rest of the file takes the text path. Other encodings take the text path.
   * Throws an IdentityCsvError for a header without the columns needed or bytes not in the encoding; calls
   * {@link finish} at the end. Guarded by test/pseudonymisation/byte-path.test.ts.
   */
  async *pseudonymiseBytes(
    input: AsyncIterable<Uint8Array>,
    encoding: IdentityEncoding = 'utf-8',
  ): AsyncGenerator<CsvOutputPiece> {
    const chunks = input[Symbol.asyncIterator]();
    if (encoding !== 'utf-8') {
      yield* this.textPieces(EMPTY, EMPTY, chunks, encoding, 1, 1, true);
      this.finish();
      return;
    }
    const text = new TextDecoder('utf-8', { ignoreBOM: true });
    let line = 1; // the CSV line (parseCsv's count) of pending[0]
    let lfLine = 1; // the decoder's line (LFs only) of pending[0]
    let first = true;
    // Bytes received and not yet pseudonymised; the first `checked` are well-formed UTF-8 (the rest: a
    // character cut by the end of the last chunk). Each chunk is checked when it arrives, as the decoder did.
    let pending = EMPTY;
    let checked = 0;
    let done = false;
    while (!done) {
      const next = await chunks.next();
      done = next.done === true;
      if (!done) {
        const chunk = next.value;
        if (chunk.length === 0) continue;
        if (pending.length === 0) pending = chunk;
        else {
          const joined = new Uint8Array(pending.length + chunk.length);
          joined.set(pending);
          joined.set(chunk, pending.length);
          pending = joined;
        }
      }
      const end = done ? pending.length : completeUtf8(pending);
      const bad = end > checked ? invalidUtf8At(pending.subarray(checked, end)) : -1;
      if (bad >= 0) {
        // The decoder's problem (its reason), on the line of the whole file.
        const r = decodeIdentityBytes(pending.subarray(0, end), 'utf-8');
        if ('problem' in r) throw new IdentityCsvError(decodeMessage(r.problem, r.problem.line + lfLine - 1));
      }
      checked = end;
      // Rows are pseudonymised by pieces cut at the first LF after `pieceBytes` bytes (at the end, what is left).
      for (;;) {
        const limit = done ? pending.length : checked;
        if (limit === 0) break;
        const lf = limit >= this.pieceBytes ? pending.indexOf(0x0a, this.pieceBytes - 1) : -1;
        let cut: number;
        if (lf >= 0 && lf < limit) cut = lf + 1;
        else if (done) cut = pending.length;
        else break;
        const piece = pending.subarray(0, cut);
        pending = pending.subarray(cut);
        checked = Math.max(0, checked - cut);
        if (this.layout !== undefined && !first && piece.indexOf(0x22) < 0 && piece.indexOf(0x0d) < 0) {
          const r = this.bytePiece(piece, line);
          yield { output: r.output, rejections: r.rejections };
          line += r.lf;
          lfLine += r.lf;
          continue;
        }
        if (piece.indexOf(0x22) >= 0) {
          // Quotes: the rest of the file, from this piece on, takes the text path.
          const rest = pending;
          pending = EMPTY;
          yield* this.textPieces(piece, rest, done ? undefined : chunks, encoding, line, lfLine, first);
          this.finish();
          return;
        }
        const decoded = text.decode(piece);
        const { records, line: after } = parseCsvPiece(decoded, line, first);
        yield this.piece({ text: decoded, line, first, records });
        first = false;
        line = after;
        lfLine += lineBreaks(piece).lf;
      }
    }
    this.finish();
  }

  /** The text path from a row boundary on: `head`, then `rest`, then what is left of `chunks`. */
  private async *textPieces(
    head: Uint8Array,
    rest: Uint8Array,
    chunks: AsyncIterator<Uint8Array> | undefined,
    encoding: IdentityEncoding,
    line: number,
    lfLine: number,
    first: boolean,
  ): AsyncGenerator<CsvOutputPiece> {
    const decoder = createIdentityDecoder(encoding);
    async function* decoded(): AsyncGenerator<string> {
      const decode = (chunk: Uint8Array, final: boolean): string => {
        const r = decoder.decode(chunk, final);
        if ('problem' in r) throw new IdentityCsvError(decodeMessage(r.problem, r.problem.line + lfLine - 1));
        return r.text;
      };
      yield decode(head, false);
      yield decode(rest, false);
      if (chunks !== undefined) {
        for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) {
          yield decode(next.value, false);
        }
      }
      yield decode(EMPTY, true);
    }
    for await (const piece of csvPieces(decoded(), { pieceLength: 1 << 16, from: { line, first } })) {
      yield this.piece(piece);
    }
  }

  /**
   * The rows of a piece of whole lines in well-formed UTF-8 without quote nor CR, after the header: what
   * {@link plainPiece} gives for its decoded text, as UTF-8 bytes.
   */
  private bytePiece(bytes: Uint8Array, firstLine: number): { output: Uint8Array; rejections: string[]; lf: number } {
    const layout = this.layout!;
    const { width, runs, prenom, nomMere, mnais, anais, jnais } = layout;
    const names = (this.byteNames ??= new ByteNameTable(this.byteNameMemo));
    // Filled up front (no holes): a sparse array would be a slow dictionary.
    const digitsOf = (this.digits ??= new Array<string | undefined>(201 * 13 * 32).fill(undefined));
    if (this.bounds.length !== width * 2) this.bounds = new Int32Array(width * 2);
    const bounds = this.bounds;
    const n = bytes.length;
    // A row's output is at most its own bytes, 40 for NUMANONYM and a line break.
    let rows = 1;
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) rows++;
    const out = new Uint8Array(n + rows * 42);
    let o = 0;
    const rejections: string[] = [];
    const oned = this.scheme === 'oned-2011';
    let line = firstLine;
    for (let pos = 0; pos < n; line++) {
      let count = 0;
      let from = pos;
      let i = pos;
      for (; i < n; i++) {
        const b = bytes[i]!;
        if (b === 0x0a) break;
        if (b === 0x3b) {
          if (count < width) {
            bounds[count * 2] = from;
            bounds[count * 2 + 1] = i;
          }
          count++;
          from = i + 1;
        }
      }
      const end = i;
      if (end === pos) {
        pos = end + 1;
        continue;
      }
      if (count < width) {
        bounds[count * 2] = from;
        bounds[count * 2 + 1] = end;
      }
      count++;
      pos = end + 1;
      this.read++;
      if (count !== width) {
        rejections.push(widthRejection(line, count, width));
        continue;
      }
      // The two hashed byte strings: normalised names, date digits, key; phonex12 of both names, key.
      let n1 = 0;
      let n2 = 0;
      try {
        names.lookup(bytes, bounds[prenom * 2]!, bounds[prenom * 2 + 1]!, 'prenom');
        n1 = this.put(1, n1, names.bytes, names.at, names.normalised);
        n2 = this.put(2, n2, names.bytes, names.at + names.normalised, names.phonex);
        names.lookup(bytes, bounds[nomMere * 2]!, bounds[nomMere * 2 + 1]!, 'nomMere');
        n1 = this.put(1, n1, names.bytes, names.at, names.normalised);
        n2 = this.put(2, n2, names.bytes, names.at + names.normalised, names.phonex);
        const month = digitsAt(bytes, bounds[mnais * 2]!, bounds[mnais * 2 + 1]!, 2);
        const year = digitsAt(bytes, bounds[anais * 2]!, bounds[anais * 2 + 1]!, 4);
        const day = oned ? digitsAt(bytes, bounds[jnais * 2]!, bounds[jnais * 2 + 1]!, 2) : 0;
        let d: string | undefined;
        if (month >= 1 && month <= 12 && year >= 1900 && year <= 2100 && (oned ? day >= 1 && day <= 28 : day === 0)) {
          const at = ((year - 1900) * 13 + month) * 32 + day;
          d = digitsOf[at];
          if (d === undefined) {
            d = `${oned ? pad2(day) : ''}${pad2(month)}${year}`;
            digitsOf[at] = d;
          }
        } else {
          // Anything else (days 29 to 31, spaces, out of range…): birthDigits on the texts, as in the text path.
          const field = (k: number): string => this.textOf(bytes, bounds[k * 2]!, bounds[k * 2 + 1]!);
          d = birthDigits(
            {
              prenom: '',
              nomMere: '',
              moisNaissance: field(mnais),
              anneeNaissance: field(anais),
              jourNaissance: jnais >= 0 ? field(jnais) : undefined,
            },
            this.scheme,
          );
        }
        n1 = this.putText(n1, d);
      } catch (error) {
        if (!(error instanceof PseudonymisationError)) throw error;
        rejections.push(rejectionLine(line, FIELD_COLUMN[error.field] ?? error.field, error));
        continue;
      }
      const key = this.keyBytes;
      n1 = this.put(1, n1, key, 0, key.length);
      n2 = this.put(2, n2, key, 0, key.length);
      this.written++;
      const digest = this.sha1Digest;
      if (digest !== undefined) {
        // The digests' first 10 bytes, written as 20 hexadecimal digits.
        const first = digest(this.view(1, n1));
        for (let k = 0; k < 10; k++) {
          const b = first.charCodeAt(k);
          out[o++] = HEX_DIGIT[b >> 4]!;
          out[o++] = HEX_DIGIT[b & 15]!;
        }
        const second = digest(this.view(2, n2));
        for (let k = 0; k < 10; k++) {
          const b = second.charCodeAt(k);
          out[o++] = HEX_DIGIT[b >> 4]!;
          out[o++] = HEX_DIGIT[b & 15]!;
        }
      } else {
        const first = this.sha1Bytes(this.view(1, n1));
        for (let k = 0; k < 20; k++) out[o++] = first.charCodeAt(k);
        const second = this.sha1Bytes(this.view(2, n2));
        for (let k = 0; k < 20; k++) out[o++] = second.charCodeAt(k);
      }
      for (const [a, b] of runs) {
        out[o++] = 0x3b;
        for (let k = bounds[a * 2]!, e = bounds[b * 2 + 1]!; k < e; k++) out[o++] = bytes[k]!;
      }
      out[o++] = 0x0a;
    }
    return { output: out.subarray(0, o), rejections, lf: rows - 1 };
  }

  private readonly utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

  private textOf(bytes: Uint8Array, start: number, end: number): string {
    return this.utf8.decode(bytes.subarray(start, end));
  }

  /** The two byte strings being built for hashing (`which` 1 or 2), grown when needed, and views of them by length. */
  private hashed1 = new Uint8Array(256);
  private hashed2 = new Uint8Array(256);
  private views1: Array<Uint8Array | undefined> = [];
  private views2: Array<Uint8Array | undefined> = [];

  /** Byte string `which`, grown to hold `needed` bytes (its first `at` bytes kept). */
  private room(which: 1 | 2, at: number, needed: number): Uint8Array {
    const into = which === 1 ? this.hashed1 : this.hashed2;
    if (needed <= into.length) return into;
    const grown = new Uint8Array(Math.max(into.length * 2, needed));
    grown.set(into.subarray(0, at));
    if (which === 1) {
      this.hashed1 = grown;
      this.views1 = [];
    } else {
      this.hashed2 = grown;
      this.views2 = [];
    }
    return grown;
  }

  /** Copies `from[start, start + length)` to byte string `which` at `at`; returns the end. */
  private put(which: 1 | 2, at: number, from: Uint8Array, start: number, length: number): number {
    const into = this.room(which, at, at + length);
    for (let i = 0; i < length; i++) into[at + i] = from[start + i]!;
    return at + length;
  }

  /** Appends the date digits (ASCII) to byte string 1; returns the end. */
  private putText(at: number, digits: string): number {
    const into = this.room(1, at, at + digits.length);
    for (let i = 0; i < digits.length; i++) into[at + i] = digits.charCodeAt(i);
    return at + digits.length;
  }

  /** The first `length` bytes of byte string `which` (a view kept per length: no new view per row). */
  private view(which: 1 | 2, length: number): Uint8Array {
    const views = which === 1 ? this.views1 : this.views2;
    let v = views[length];
    if (v === undefined) {
      v = (which === 1 ? this.hashed1 : this.hashed2).subarray(0, length);
      views[length] = v;
    }
    return v;
  }

  /** After the last piece: a file without a header row is refused. */
  finish(): void {
    if (this.layout === undefined) throw new IdentityCsvError("le fichier d'entrée est vide (the input is empty)");
  }

  private header(header: CsvRecord, text: string, out: string[]): void {
    const required = ['PRENOM', 'NOMMERE', 'MNAIS', 'ANAIS', ...(this.scheme === 'oned-2011' ? ['JNAIS'] : [])];
    const missing = required.filter((c) => columnIndex(header, c) < 0);
    if (missing.length > 0) {
      throw new IdentityCsvError(`colonnes absentes de l'en-tête : ${missing.join(', ')} (missing header columns)`);
    }
    if (columnIndex(header, 'NUMANONYM') >= 0) {
      throw new IdentityCsvError("l'entrée a déjà une colonne NUMANONYM (the input already has a NUMANONYM column)");
    }
    const at = (name: string): number => columnIndex(header, name);
    const identityIndexes = new Set(IDENTITY_COLUMNS.map(at).filter((i) => i >= 0));
    const kept = header.fields.map((_, i) => i).filter((i) => !identityIndexes.has(i));
    const runs: Array<readonly [number, number]> = [];
    for (const i of kept) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === i - 1) runs[runs.length - 1] = [last[0], i];
      else runs.push([i, i]);
    }
    this.layout = {
      width: header.fields.length,
      kept,
      runs,
      prenom: at('PRENOM'),
      nomMere: at('NOMMERE'),
      mnais: at('MNAIS'),
      anais: at('ANAIS'),
      jnais: at('JNAIS'),
    };
    const raw = (i: number): string => text.slice(header.fields[i]!.start, header.fields[i]!.end);
    out.push(['NUMANONYM', ...kept.map(raw)].join(';'), header.newline || '\n');
  }
}

/**
 * Pseudonymises a `;`-separated CSV text: NUMANONYM first, identity columns dropped, every other column kept as
 * written, same rows in the same order; rows that cannot be pseudonymised are left out and reported.
 *
 * @example
 * pseudonymiseCsv('PRENOM;NOMMERE;MNAIS;ANAIS;SEXE\nZoé;Dupont;11;2012;2\n', 'exemple-cle-departementale', 'olinpe-2016');
 * // { output: 'NUMANONYM;MNAIS;ANAIS;SEXE\n3e33…a30a;11;2012;2\n', read: 1, written: 1, rejections: [] }
 */
export function pseudonymiseCsv(text: string, key: Key, scheme: Scheme): PseudonymiseCsvResult {
  const run = new CsvPseudonymisation(key, scheme);
  const { output, rejections } = run.piece({ text, line: 1, first: true, records: parseCsv(text) });
  run.finish();
  return { output, read: run.read, written: run.written, rejections };
}
