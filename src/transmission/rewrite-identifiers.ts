/**
 * Rewrites the identifiers (NUMANONYM, NUMANONYMANT) of a transmission text, every other byte of each record
 * kept as received: what `olinpe rehash` does at the observatory. The file's own reader
 * ({@link readTransmission}) decides what is a record and what its identifiers are; a second, positional pass
 * finds where each identifier is written, and the two must agree record by record. Anything the reader would
 * not place the same way (a duplicated identifier element, an attribute, a comment or processing instruction
 * inside a record, text between the elements of a record, an identifier written with entities or CDATA, a
 * record the reader cannot read) refuses the record, with its line: it is never passed through. A run of 40
 * hexadecimal characters anywhere else in the output (another element, a comment, an attribute, the header)
 * refuses its record, or the whole file when it lies outside any record, so that a level-1 identifier cannot
 * reach the level-2 file by a path the reader does not see.
 *
 * Streaming (issue 16): the text comes in chunks and the output goes out in chunks, memory bounded by a chunk
 * and the record being read, not by the file. Each chunk is given to the positional pass (saxes for XML, a row
 * scanner for CSV) and to the reader, which runs beside it on the same chunks; once the reader waits for the
 * next chunk, every record the positional pass has completed has been seen (or skipped) by the reader, so the
 * two are matched and the output written up to the last record decided. A fatal refusal can come after output
 * has been handed out: the caller writes to a temporary file and drops it (`olinpe rehash` renames it over the
 * target only once the stream ends without `fatal`). Which fatal refusal is reported is as the whole-text
 * rewriting reported it: the reader's, else malformed XML, else the first found by the positional pass (the
 * rest of the input is still read to decide).
 *
 * CSV fast path (default; `plain: true` turns it off): a row in the usual form (no quote, no CR but before its
 * LF, at most 65,536 characters) is split by the row scanner exactly as the reader splits it, and its record is
 * its cells (NUMANONYM and NUMANONYMANT being variables of both editions, no cell of theirs is dropped), so the
 * reader need not read it: the reader is fed the header (it decides whether the header is one), then nothing
 * until the first row that is not in the usual form, from which it reads everything beside the row scanner as on
 * the plain path, its lines shifted by the rows it did not see. A fatal refusal of the positional pass hands the
 * rest to the reader too (its own fatal error wins). The reader beside every row cost about as much as the
 * re-hashing itself (`olinpe rehash` on 1,000,000 rows: 4.27 s CPU before, 2.46 s after).
 *
 * @module
 */
import { SaxesParser } from 'saxes';
import type { SaxesTagPlain } from 'saxes';
import { HEX_DIGIT } from '../_lib/hex.js';
import { summarised } from '../_lib/stream.js';
import type { SummarisedStream } from '../_lib/stream.js';
import { editionNameSets } from './edition.js';
import { guessFormat, readTransmission } from './read.js';
import type { TransmissionFormat, TransmissionItem } from './types.js';

/** The variables rewritten. */
export type IdentifierVariable = 'NUMANONYM' | 'NUMANONYMANT';

/** The identifier variables, in the order they are rewritten. */
export const IDENTIFIER_VARIABLES: readonly IdentifierVariable[] = ['NUMANONYM', 'NUMANONYMANT'];

/** Why a value or a record is refused: French and English, never quoting a value. */
export interface RefusalReason {
  fr: string;
  en: string;
}

/** A record (or, with `fatal`, the whole file) left out of the output. */
export interface IdentifierRefusal {
  /** 1-based line of the element or row concerned. */
  line: number;
  /** The variable or element concerned, when there is one. */
  variable?: string;
  fr: string;
  en: string;
}

/** The outcome of {@link rewriteIdentifiers}. With `fatal`, `output` is empty and nothing must be written. */
export interface IdentifierRewrite {
  format: TransmissionFormat;
  output: string;
  /** Records met (XML: every `<DONNEE>`; CSV: every non-blank row after the header). */
  read: number;
  written: number;
  /** Records refused: `read = written + refused`. */
  refused: number;
  /**
   * The first refused records, one each, in file order: at most `maxRefusalsKept` (1,000 by default), so that
   * memory does not grow with the file; `refused - refusals.length` more were refused and not listed.
   */
  refusals: IdentifierRefusal[];
  /** Set when the whole file is refused (unreadable, or an identifier outside any record). */
  fatal?: IdentifierRefusal;
}

/** Turns one identifier into its replacement, or says why it cannot. */
export type IdentifierReplacer = (value: string, variable: IdentifierVariable) => string | RefusalReason;

/** What {@link rewriteIdentifierStream} says once read to the end: {@link IdentifierRewrite} but the output. */
export type IdentifierRewriteSummary = Omit<IdentifierRewrite, 'output'>;

/**
 * The output of {@link rewriteIdentifierStream}, in chunks, with its summary once read to the end. With
 * `summary.fatal`, every chunk handed out must be thrown away.
 */
export type IdentifierRewriteStream = SummarisedStream<string, IdentifierRewriteSummary>;

/** Options of {@link rewriteIdentifiers} and {@link rewriteIdentifierStream}. */
export interface RewriteIdentifiersOptions {
  /** `auto` (default) looks at `fileName`, then at the first character. */
  format?: TransmissionFormat | 'auto';
  fileName?: string;
  /**
   * Have the file's reader read every record beside the positional pass (the plain path). By default (false) a CSV
   * row in the usual form (no quote, no CR but before its LF, at most 65,536 characters) is read by the positional
   * pass alone, as the reader reads it, and the reader reads from the first row that is not in that form: the same
   * output and refusals (test/pseudonymisation/rehash-streaming.test.ts compares the two), in less time.
   */
  plain?: boolean;
  /** How many refused records are listed in `refusals` (default 1,000; every one is counted in `refused`). */
  maxRefusalsKept?: number;
  /**
   * The most text held in memory waiting for a record to be decided (default 16 Mi characters): text outside any
   * record (held until the next record) or one record. Past it the whole file is refused with the line where that
   * text starts, rather than memory growing with the file.
   */
  maxHeldText?: number;
}

/** Default of {@link RewriteIdentifiersOptions.maxRefusalsKept}. */
const REFUSALS_KEPT = 1000;
/** Default of {@link RewriteIdentifiersOptions.maxHeldText}. */
const HELD_TEXT = 16 * 1024 * 1024;

/**
 * Where the first run of 40 hexadecimal characters (the shape of an identifier, whatever its case) starts in
 * `text` between `from` and `to`, or -1: what `/[0-9a-fA-F]{40}/` finds, in one pass without slicing. Each window
 * of 40 characters is read from its end: a character that is not hexadecimal rules out every run through it, so
 * the next window starts after it (in text with few long hexadecimal runs, about one character read in forty).
 */
function hex40At(text: string, from: number, to: number): number {
  let i = from;
  while (i + 40 <= to) {
    let k = i + 39;
    while (k >= i && HEX_DIGIT[text.charCodeAt(k)] === 1) k--;
    if (k < i) return i;
    i = k + 1;
  }
  return -1;
}

const NOT_PLACED: Record<string, RefusalReason> = {
  attribute: {
    fr: 'attribut inattendu : le lecteur ne sait pas le placer, enregistrement écarté',
    en: 'unexpected attribute: the reader cannot place it, record left out',
  },
  duplicate: {
    fr: 'élément présent deux fois dans l’enregistrement : enregistrement écarté',
    en: 'element present twice in the record: record left out',
  },
  comment: {
    fr: 'commentaire ou instruction dans un enregistrement : enregistrement écarté',
    en: 'comment or processing instruction inside a record: record left out',
  },
  text: {
    fr: 'texte entre les éléments d’un enregistrement : enregistrement écarté',
    en: 'text between the elements of a record: record left out',
  },
  notPlain: {
    fr: 'identifiant écrit avec des entités, une section CDATA ou un commentaire : enregistrement écarté',
    en: 'identifier written with entities, a CDATA section or a comment: record left out',
  },
  missing: { fr: 'valeur absente', en: 'missing value' },
  unreadable: {
    fr: 'enregistrement illisible pour le lecteur : écarté',
    en: 'record the reader cannot read: left out',
  },
  mismatch: {
    fr: 'fichier refusé : le lecteur et la réécriture ne voient pas les mêmes enregistrements',
    en: 'file refused: the reader and the rewriting do not see the same records',
  },
  malformed: { fr: 'fichier refusé : XML mal formé', en: 'file refused: malformed XML' },
  empty: { fr: 'fichier refusé : fichier vide', en: 'file refused: empty file' },
  outside: {
    fr: 'fichier refusé : 40 caractères hexadécimaux hors de tout enregistrement (un identifiant ?)',
    en: 'file refused: 40 hexadecimal characters outside any record (an identifier?)',
  },
  header: {
    fr: "fichier refusé : 40 caractères hexadécimaux dans l'en-tête (un identifiant ?)",
    en: 'file refused: 40 hexadecimal characters in the header (an identifier?)',
  },
  held: {
    fr: 'fichier refusé : trop de texte sans enregistrement à placer à partir de cette ligne (texte hors de tout enregistrement, ou enregistrement trop long) ; olinpe rehash ne le garde pas en mémoire',
    en: 'file refused: too much text without a record to place from this line (text outside any record, or a record too long); olinpe rehash does not hold it in memory',
  },
  hex: {
    fr: '40 caractères hexadécimaux hors de NUMANONYM et NUMANONYMANT (un identifiant ?) : enregistrement écarté',
    en: '40 hexadecimal characters outside NUMANONYM and NUMANONYMANT (an identifier?): record left out',
  },
};

function refusal(line: number, variable: string | undefined, reason: RefusalReason): IdentifierRefusal {
  return variable === undefined ? { line, ...reason } : { line, variable, ...reason };
}

/** What the reader saw of one record. */
interface Seen {
  line: number;
  values: Partial<Record<IdentifierVariable, string>>;
}

/** A placed identifier: where its raw text lies, on which line. */
interface Placed {
  start: number;
  end: number;
  line: number;
}

/** One record as the positional pass sees it. */
interface Found {
  start: number;
  end: number;
  line: number;
  /** The reader does not make a record of it (nested element, too many fields). */
  broken: boolean;
  problem?: IdentifierRefusal;
  ids: Partial<Record<IdentifierVariable, Placed>>;
}

/** Replaces the identifiers of one record's text, or says why the record is refused. */
function rewriteRecord(
  text: string,
  found: Found,
  seen: Seen,
  replace: IdentifierReplacer,
): { text: string } | { refusal: IdentifierRefusal } {
  if (found.problem) return { refusal: found.problem };
  const edits: Array<{ start: number; end: number; value: string }> = [];
  for (const name of IDENTIFIER_VARIABLES) {
    const placed = found.ids[name];
    const value = seen.values[name];
    if (placed === undefined || value === undefined) {
      if (placed === undefined && value === undefined && name === 'NUMANONYMANT') continue;
      if (placed === undefined && value === undefined)
        return { refusal: refusal(found.line, name, NOT_PLACED.missing!) };
      return { refusal: refusal(placed?.line ?? found.line, name, NOT_PLACED.notPlain!) };
    }
    if (text.slice(placed.start, placed.end) !== value)
      return { refusal: refusal(placed.line, name, NOT_PLACED.notPlain!) };
    const replaced = replace(value, name);
    if (typeof replaced !== 'string') return { refusal: refusal(placed.line, name, replaced) };
    edits.push({ start: placed.start, end: placed.end, value: replaced });
  }
  if (edits.length > 1) edits.sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = found.start;
  for (const e of edits) {
    if (hex40At(text, cursor, e.start) >= 0) return { refusal: refusal(found.line, undefined, NOT_PLACED.hex!) };
    out += text.slice(cursor, e.start) + e.value;
    cursor = e.end;
  }
  if (hex40At(text, cursor, found.end) >= 0) return { refusal: refusal(found.line, undefined, NOT_PLACED.hex!) };
  return { text: out + text.slice(cursor, found.end) };
}

/**
 * Text chunks handed to the reader as the rewriting gets them. `whenHungry` resolves once the reader waits for a
 * chunk that has not come: it has then handed out every item it could from the text so far.
 */
class Feed {
  private readonly queue: string[] = [];
  private ended = false;
  private waiting = false;
  private wake: (() => void) | undefined;
  private hungry: (() => void) | undefined;

  push(chunk: string): void {
    this.queue.push(chunk);
    this.wakeUp();
  }

  end(): void {
    this.ended = true;
    this.wakeUp();
  }

  whenHungry(): Promise<void> {
    if (this.waiting) return Promise.resolve();
    return new Promise((resolve) => {
      this.hungry = resolve;
    });
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    this.waiting = false;
    wake?.();
  }

  async *chunks(): AsyncGenerator<string> {
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk !== undefined) {
        yield chunk;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.waiting = true;
        const hungry = this.hungry;
        this.hungry = undefined;
        hungry?.();
      });
    }
  }
}

const SEMI = 0x3b;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Where the fields of the row being scanned lie (reused from row to row). */
interface RowFields {
  count: number;
  start: number[];
  end: number[];
  quoted: boolean[];
}

/**
 * Scans one `;`-separated row of `text` from `i` as `parseCsv` (src/_lib/csv-text.ts) reads it: fields (where
 * they lie), the end before the line ending, the line ending and the line after it. Undefined when the row
 * is not complete in `text` and more text may come (not `final`): no line ending seen yet, a quoted field not
 * closed, a quote or a CR whose meaning the next character decides.
 */
function scanCsvRow(
  text: string,
  i: number,
  line: number,
  final: boolean,
  fields: RowFields,
): { end: number; newline: string; next: number; line: number } | undefined {
  const n = text.length;
  fields.count = 0;
  for (;;) {
    const start = i;
    const quoted = text.charCodeAt(i) === QUOTE;
    if (quoted) {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          if (!final) return undefined;
          for (let k = text.indexOf('\n', i); k >= 0; k = text.indexOf('\n', k + 1)) line++;
          i = n;
          break;
        }
        if (q + 1 >= n && !final) return undefined;
        for (let k = text.indexOf('\n', i); k >= 0 && k < q; k = text.indexOf('\n', k + 1)) line++;
        i = text.charCodeAt(q + 1) === QUOTE ? q + 2 : q + 1;
        if (i === q + 1) break;
      }
    }
    for (;;) {
      const c = text.charCodeAt(i);
      if (i >= n || c === SEMI || c === LF || c === CR) break;
      i++;
    }
    const k = fields.count++;
    fields.start[k] = start;
    fields.end[k] = i;
    fields.quoted[k] = quoted;
    if (i < n && text.charCodeAt(i) === SEMI) {
      i++;
      continue;
    }
    break;
  }
  const end = i;
  if (i >= n) return final ? { end, newline: '', next: i, line } : undefined;
  const c = text.charCodeAt(i);
  if (c === CR && i + 1 >= n && !final) return undefined;
  const newline = c === CR && text.charCodeAt(i + 1) === LF ? '\r\n' : c === CR ? '\r' : '\n';
  return { end, newline, next: i + newline.length, line: line + 1 };
}

/** The value of a field as `parseCsv` gives it: unquoted, doubled quotes as one, any text after the closing quote kept. */
function csvValue(text: string, start: number, end: number, quoted: boolean): string {
  if (!quoted) return text.slice(start, end);
  let value = '';
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0 || q >= end) return value + text.slice(i, end);
    value += text.slice(i, q);
    if (q + 1 < end && text.charCodeAt(q + 1) === QUOTE) i = q + 2;
    else return value + text.slice(q + 1, end);
    value += '"';
  }
}

/**
 * Fast path: the longest row read without the reader, the reader's default `maxTokenLength`: in a row no longer
 * than this no field is too long, and the reader splits it as the positional pass does.
 */
const USUAL_ROW = 65_536;

/**
 * Text is taken (a longer chunk as slices of itself), kept and handed out in pieces of about this many characters.
 * A string of more than 128 KB (64 Ki characters once one of them is beyond U+00FF, such as the ’ of a label)
 * lives in V8's large-object space: each one is given fresh pages of its own (page faults, cleared memory) and
 * returned at the next collection. With 64 Ki-character pieces, the held text and the output were such strings at
 * every chunk: `olinpe rehash` of a 50,000-event XML file took 9.3 s CPU, 3.0 s of it in the kernel; with 16 Ki,
 * 4.5 s (issue 16, session 10).
 */
const TEXT_PIECE = 1 << 14;
const OUT_PIECE = TEXT_PIECE;

/** The positional pass and the reader over one text, and the output written so far. */
class Rewriting {
  readonly summary: IdentifierRewriteSummary;
  /** The text not yet written out or passed over, from offset `base` (line `baseLine`) of the whole text. */
  private buf = '';
  private base = 0;
  private baseLine = 1;
  /** Offset (whole text) up to which the output is decided. */
  private cursor = 0;
  private out: string[] = [];
  private outSize = 0;
  /** Records the reader has read and the rewriting has not yet matched. */
  private seen: Seen[] = [];
  private readerDone = false;
  private readerFatal: IdentifierRefusal | undefined;
  private readerError: unknown;
  private readonly feed = new Feed();
  private readonly consumer: Promise<void>;
  /** The first fatal refusal of the positional pass: from then on the rest is read only to decide which fatal wins. */
  private placeFatal: IdentifierRefusal | undefined;
  private malformed = false;
  // XML
  private parser: SaxesParser | undefined;
  private found: Found[] = [];
  // CSV
  private readonly row: RowFields = { count: 0, start: [], end: [], quoted: [] };
  private rowAt = 0;
  private rowLine = 1;
  private columns: Partial<Record<IdentifierVariable, number>> | undefined;
  /** Number of header columns. */
  private width = 0;
  /** Whether the reader reads beside the positional pass (always for XML and with `plain`; CSV: once handed over). */
  private following: boolean;
  private headerFed = false;
  /** The line the reader is at: 1 before it has read the header, the line after the header once it has. */
  private readerLine = 1;
  /** Added to the lines of the reader's items: the rows the positional pass read alone were never fed to it. */
  private lineShift = 0;
  /** Fast path: offset (whole text) up to which the text passed over has been copied out. */
  private copied = 0;

  constructor(
    readonly format: TransmissionFormat,
    private readonly replace: IdentifierReplacer,
    fileName: string | undefined,
    plain: boolean,
    private readonly maxRefusals: number,
    private readonly maxHeld: number,
  ) {
    this.summary = { format, read: 0, written: 0, refused: 0, refusals: [] };
    const { in2016, in2011 } = editionNameSets();
    this.following =
      format === 'xml' || plain || !IDENTIFIER_VARIABLES.every((name) => in2016.has(name) && in2011.has(name));
    const options = fileName === undefined ? { format, checkModel: false } : { format, fileName, checkModel: false };
    const reading = readTransmission(this.feed.chunks(), options);
    this.consumer = (async () => {
      try {
        for await (const item of reading) this.onItem(item);
      } catch (error) {
        this.readerError = error;
      }
      this.readerDone = true;
    })();
    if (format === 'xml') this.parser = this.xmlParser();
  }

  /** Whether the outcome is known to be a fatal refusal. */
  get failed(): boolean {
    return this.readerFatal !== undefined || this.malformed || this.placeFatal !== undefined;
  }

  /** Whether more input can change the outcome (not once the reader has refused the file). */
  get settledFatal(): boolean {
    return this.readerFatal !== undefined;
  }

  private onItem(item: TransmissionItem): void {
    if (item.type === 'record') {
      const values: Seen['values'] = {};
      const v1 = item.values.NUMANONYM;
      if (v1 !== undefined) values.NUMANONYM = v1;
      const v2 = item.values.NUMANONYMANT;
      if (v2 !== undefined) values.NUMANONYMANT = v2;
      if (!this.failed) this.seen.push({ line: item.line + this.lineShift, values });
    } else if (item.type === 'error' && item.severity === 'fatal' && this.readerFatal === undefined) {
      this.readerFatal = refusal(item.line + this.lineShift, item.variable, {
        fr: `fichier refusé : ${item.message}`,
        en: `file refused: ${item.messageEn}`,
      });
    }
  }

  /** Takes the next chunk of text: to the positional pass, to the reader; then matches what both have seen. */
  async push(chunk: string): Promise<void> {
    if (chunk.length === 0) return;
    if (!this.failed) this.buf += chunk;
    if (this.parser && !this.malformed) {
      try {
        this.parser.write(chunk);
      } catch {
        this.malformed = true;
      }
    }
    if (this.following && !this.readerDone) {
      this.feed.push(chunk);
      await this.readerIdle();
    }
    if (!this.failed) {
      if (this.format === 'xml') this.placeXml(false);
      else
        while (this.placeCsv(false)) {
          await this.readerIdle();
          if (this.failed) break;
        }
      this.drop();
      if (!this.failed && this.base + this.buf.length - this.cursor > this.maxHeld) {
        this.fail(refusal(this.lineOf(this.cursor), undefined, NOT_PLACED.held!));
        // Its text would be held too (a text node grows until the next tag): not read further. The reader still
        // reads the rest, and a fatal error of its own wins.
        this.parser = undefined;
      }
    }
  }

  /** Waits until the reader has handed out every item it can from the text fed to it. */
  private async readerIdle(): Promise<void> {
    if (!this.readerDone) await Promise.race([this.feed.whenHungry(), this.consumer]);
    if (this.readerError !== undefined) throw this.readerError;
  }

  /** Ends the input: the last records, then the outcome. */
  async finish(): Promise<void> {
    if (this.parser && !this.malformed) {
      try {
        this.parser.close();
      } catch {
        this.malformed = true;
      }
    }
    // Fast path: the last rows; the reader is handed the rest (at least the last row, which has no line end).
    while (this.format === 'csv' && !this.failed && !this.following && this.placeCsv(true) && !this.following)
      await this.readerIdle();
    this.feed.end();
    await this.consumer;
    if (this.readerError !== undefined) throw this.readerError;
    if (!this.failed) {
      if (this.format === 'xml') this.placeXml(true);
      else this.placeCsv(true);
    }
    const fatal =
      this.readerFatal ??
      (this.malformed ? refusal(1, undefined, NOT_PLACED.malformed!) : undefined) ??
      this.placeFatal;
    if (fatal) {
      this.summary.fatal = fatal;
      this.out = [];
      this.outSize = 0;
      if (fatal !== this.placeFatal) {
        // Refused before any record is placed: no counts (as the whole-text rewriting said).
        this.summary.read = 0;
        this.summary.written = 0;
        this.summary.refused = 0;
        this.summary.refusals = [];
      }
    }
  }

  /** The output decided so far, once there is enough of it (or all of it with `all`); '' when the file is refused. */
  take(all: boolean): string {
    if (this.failed || this.outSize === 0 || (!all && this.outSize < OUT_PIECE)) return '';
    const text = this.out.join('');
    this.out = [];
    this.outSize = 0;
    return text;
  }

  private emit(text: string): void {
    if (text.length === 0) return;
    this.out.push(text);
    this.outSize += text.length;
  }

  /** Counts a refused record. */
  private refuse(why: IdentifierRefusal): void {
    if (this.summary.refused++ < this.maxRefusals) this.summary.refusals.push(why);
  }

  private fail(f: IdentifierRefusal): void {
    // Fast path: the reader still reads the rest, for a fatal error of its own (which wins).
    if (!this.following) {
      if (this.headerFed) this.handOver(this.rowAt, this.rowLine);
      else this.handOver(0, 1);
    }
    this.placeFatal ??= f;
    this.buf = '';
    this.found = [];
    this.seen = [];
  }

  /** Forgets the text before the cursor. */
  private drop(): void {
    const k = this.cursor - this.base;
    if (k < OUT_PIECE) return;
    const buf = this.buf;
    let lines = 0;
    for (let i = buf.indexOf('\n'); i >= 0 && i < k; i = buf.indexOf('\n', i + 1)) lines++;
    this.baseLine += lines;
    this.buf = buf.slice(k);
    this.base = this.cursor;
  }

  /** 1-based line of an offset of the whole text still in the buffer. */
  private lineOf(offset: number): number {
    let line = this.baseLine;
    const to = offset - this.base;
    for (let i = this.buf.indexOf('\n'); i >= 0 && i < to; i = this.buf.indexOf('\n', i + 1)) line++;
    return line;
  }

  /** Checks that no identifier lies in [from, to) outside the records (offsets of the whole text). */
  private outside(from: number, to: number): boolean {
    const at = hex40At(this.buf, from - this.base, to - this.base);
    if (at < 0) return true;
    this.fail(refusal(this.lineOf(this.base + at), undefined, NOT_PLACED.outside!));
    return false;
  }

  /** Offset (whole text) of the last `<` before `pos`. */
  private lastLt(pos: number): number {
    return this.base + this.buf.lastIndexOf('<', pos - 1 - this.base);
  }

  /** The `<DONNEE>` elements, where their identifiers are and what keeps them from being placed. */
  private xmlParser(): SaxesParser {
    const parser = new SaxesParser({ position: true, xmlns: false });
    let depth = 0;
    let record: Found | undefined;
    let fields = 0;
    let field: { name: string; openEnd: number; line: number } | undefined;
    let seenNames = new Set<string>();
    const problem = (line: number, variable: string | undefined, reason: RefusalReason): void => {
      if (record && !record.problem) record.problem = refusal(line, variable, reason);
    };
    parser.on('opentag', (tag: SaxesTagPlain) => {
      depth++;
      if (this.failed) return;
      const pos = parser.position;
      let hasAttributes = false;
      for (const _ in tag.attributes) {
        hasAttributes = true;
        break;
      }
      if (depth === 2 && tag.name === 'DONNEE') {
        record = { start: this.lastLt(pos), end: pos, line: parser.line, broken: false, ids: {} };
        fields = 0;
        seenNames = new Set();
        if (hasAttributes) problem(parser.line, 'DONNEE', NOT_PLACED.attribute!);
        return;
      }
      if (!record) return;
      if (depth === 3) {
        fields++;
        if (fields > 1000) record.broken = true; // the reader's default bound (maxFieldsPerRecord)
        field = { name: tag.name, openEnd: pos, line: parser.line };
        if (hasAttributes) problem(parser.line, tag.name, NOT_PLACED.attribute!);
        if (tag.name === 'NUMANONYM' || tag.name === 'NUMANONYMANT') {
          if (seenNames.has(tag.name)) problem(parser.line, tag.name, NOT_PLACED.duplicate!);
          seenNames.add(tag.name);
        }
      } else if (depth > 3) {
        record.broken = true;
      }
    });
    parser.on('text', (t) => {
      if (record && depth === 2 && t.trim() !== '') problem(parser.line, undefined, NOT_PLACED.text!);
    });
    parser.on('cdata', () => {
      if (record && depth === 2) problem(parser.line, undefined, NOT_PLACED.text!);
    });
    const inside = (): void => {
      if (record) problem(parser.line, field?.name, NOT_PLACED.comment!);
    };
    parser.on('comment', inside);
    parser.on('processinginstruction', inside);
    parser.on('closetag', (tag: SaxesTagPlain) => {
      const pos = parser.position;
      if (this.failed) {
        record = undefined;
      } else if (record && depth === 3 && field) {
        const name = field.name as IdentifierVariable;
        if ((IDENTIFIER_VARIABLES as readonly string[]).includes(name) && record.ids[name] === undefined) {
          record.ids[name] = tag.isSelfClosing
            ? { start: pos, end: pos, line: field.line }
            : { start: field.openEnd, end: this.lastLt(pos), line: field.line };
        }
        field = undefined;
      } else if (record && depth === 2) {
        record.end = pos;
        this.found.push(record);
        record = undefined;
      }
      depth--;
    });
    return parser;
  }

  /** Matches the records both passes have seen, in order, and writes them out (or leaves them out). */
  private placeXml(final: boolean): void {
    while (this.found.length > 0 && !this.failed) {
      const f = this.found[0]!;
      let s: Seen | undefined;
      if (!f.broken) {
        if (this.seen.length === 0 && !final) return; // the reader has not read it yet
        s = this.seen.shift();
        if (!s || s.line !== f.line) {
          this.summary.read++;
          this.fail(refusal(f.line, undefined, NOT_PLACED.mismatch!));
          return;
        }
      }
      this.found.shift();
      this.summary.read++;
      let kept: string | undefined;
      if (!s) {
        this.refuse(f.problem ?? refusal(f.line, undefined, NOT_PLACED.unreadable!));
      } else {
        const r = rewriteRecord(this.buf, this.local(f), s, this.replace);
        if ('text' in r) kept = r.text;
        else this.refuse(r.refusal);
      }
      if (kept !== undefined) {
        if (!this.outside(this.cursor, f.start)) return;
        this.emit(this.buf.slice(this.cursor - this.base, f.start - this.base));
        this.emit(kept);
        this.summary.written++;
      } else {
        // Leave out the record and the blank text (line end, indentation) before it.
        let blank = f.start;
        while (blank > this.cursor && /\s/.test(this.buf[blank - 1 - this.base]!)) blank--;
        if (!this.outside(this.cursor, blank)) return;
        this.emit(this.buf.slice(this.cursor - this.base, blank - this.base));
      }
      this.cursor = f.end;
    }
    if (!final || this.failed) return;
    if (this.seen.length > 0) {
      this.fail(refusal(1, undefined, NOT_PLACED.mismatch!));
      return;
    }
    if (!this.outside(this.cursor, this.base + this.buf.length)) return;
    this.emit(this.buf.slice(this.cursor - this.base));
    this.cursor = this.base + this.buf.length;
  }

  /** A found record with its offsets in the buffer. */
  private local(f: Found): Found {
    const b = this.base;
    const ids: Found['ids'] = {};
    for (const name of IDENTIFIER_VARIABLES) {
      const p = f.ids[name];
      if (p) ids[name] = { start: p.start - b, end: p.end - b, line: p.line };
    }
    return { ...f, start: f.start - b, end: f.end - b, ids };
  }

  /**
   * The rows complete in the buffer: the header first, then each row matched with the reader's record of its line.
   * On the fast path (CSV, not `plain`, before the hand-over) a row in the usual form is read here alone, as the
   * reader reads it; the header, and every row from the first one that is not in that form, go to the reader.
   * Returns true when the reader has been handed text and must be waited for before calling again.
   */
  private placeCsv(final: boolean): boolean {
    const text = this.buf;
    const b = this.base;
    const fields = this.row;
    if (this.rowAt === 0 && b === 0 && text.charCodeAt(0) === 0xfeff) this.rowAt = 1; // as parseCsv
    // Next `"`, CR and `;` at or after the row being read, looked for again only once passed (none: 2^32 - 1).
    let nextQuote = -1;
    let nextCr = -1;
    let nextSemi = -1;
    for (;;) {
      const at = this.rowAt - b;
      if (at >= text.length) break;
      let r: ReturnType<typeof scanCsvRow>;
      let usual = false;
      // A row with no quote and no CR but one before its LF is split with indexOf (what scanCsvRow gives it).
      const nl = text.indexOf('\n', at);
      if (nextQuote < at) nextQuote = text.indexOf('"', at) >>> 0;
      if (nextCr < at) nextCr = text.indexOf('\r', at) >>> 0;
      if (nl >= 0 && nextQuote > nl && nextCr >= nl - 1) {
        const end = nextCr === nl - 1 ? nl - 1 : nl;
        let a = at;
        let k = 0;
        for (;;) {
          if (nextSemi < a) nextSemi = text.indexOf(';', a) >>> 0;
          if (nextSemi >= end) break;
          fields.start[k] = a;
          fields.end[k] = nextSemi;
          fields.quoted[k++] = false;
          a = nextSemi + 1;
        }
        fields.start[k] = a;
        fields.end[k] = end;
        fields.quoted[k++] = false;
        fields.count = k;
        r = { end, newline: end === nl ? '\n' : '\r\n', next: nl + 1, line: this.rowLine + 1 };
        usual = nl - at <= USUAL_ROW;
      } else r = scanCsvRow(text, at, this.rowLine, final, fields);
      if (!r) break;
      const line = this.rowLine;
      const blank = fields.count === 1 && fields.start[0] === r.end;
      if (this.columns === undefined) {
        if (blank) {
          this.rowAt = b + r.next;
          this.rowLine = r.line;
          continue;
        }
        if (!this.following && !this.headerFed) {
          // The reader decides whether the header is one (its text from the start: blank lines included).
          this.headerFed = true;
          this.readerLine = r.line;
          this.feed.push(text.slice(0, r.next));
          this.flush();
          return true;
        }
        this.rowAt = b + r.next;
        this.rowLine = r.line;
        // The header: nothing before its end may look like an identifier.
        const hex = hex40At(text, 0, r.end);
        if (hex >= 0) {
          this.fail(refusal(this.lineOf(hex), undefined, NOT_PLACED.header!));
          return false;
        }
        const names: string[] = [];
        for (let k = 0; k < fields.count; k++)
          names.push(csvValue(text, fields.start[k]!, fields.end[k]!, fields.quoted[k]!).trim());
        this.columns = {};
        this.width = names.length;
        for (const name of IDENTIFIER_VARIABLES) if (names.includes(name)) this.columns[name] = names.indexOf(name);
        if (this.following) this.emit(text.slice(0, r.next));
        this.cursor = this.rowAt;
        continue;
      }
      if (!this.following) {
        if (!usual) {
          // From this row on, the reader reads beside (the plain path), from the exact position.
          this.flush();
          this.handOver(this.rowAt, line);
          return true;
        }
        this.rowAt = b + r.next;
        this.rowLine = r.line;
        this.cursor = this.rowAt;
        if (!blank) this.usualRow(text, at, r.end, r.next, line);
        continue;
      }
      this.rowAt = b + r.next;
      this.rowLine = r.line;
      this.cursor = this.rowAt;
      if (blank) {
        this.emit(r.newline);
        continue;
      }
      this.summary.read++;
      while (this.seen.length > 0 && this.seen[0]!.line < line) this.seen.shift();
      const s = this.seen[0]?.line === line ? this.seen.shift() : undefined;
      if (!s) {
        this.refuse(refusal(line, undefined, NOT_PLACED.unreadable!));
        continue;
      }
      const ids: Found['ids'] = {};
      for (const name of IDENTIFIER_VARIABLES) {
        const i = this.columns[name];
        if (i === undefined || i >= fields.count) continue;
        const cellStart = fields.start[i]!;
        const cellEnd = fields.end[i]!;
        if (!fields.quoted[i]) {
          ids[name] = { start: cellStart, end: cellEnd, line };
          continue;
        }
        // The value as the reader has it: the cell without its quotes, when it is written as it reads.
        const value = csvValue(text, cellStart, cellEnd, true);
        const start = cellStart + 1;
        const end = start + value.length;
        ids[name] =
          text.slice(start, end) === value ? { start, end, line } : { start: cellStart, end: cellStart, line };
      }
      // A CSV row has no element that can be empty-and-absent: an empty cell is the reader's '' (refused by the replacer).
      const rewritten = rewriteRecord(text, { start: at, end: r.end, line, broken: false, ids }, s, this.replace);
      if ('text' in rewritten) {
        this.emit(rewritten.text);
        this.emit(r.newline);
        this.summary.written++;
      } else {
        this.refuse(rewritten.refusal);
      }
    }
    if (final && this.columns === undefined && !this.failed) this.fail(refusal(1, undefined, NOT_PLACED.empty!));
    this.flush();
    return false;
  }

  /**
   * Fast path, one non-blank row in the usual form, `[at, end)` of the buffer before its line ending (ending at
   * `next`), its fields in {@link row}: what the plain path does with the reader's record of it, which is the
   * row's cells (the reader splits such a row the same way; NUMANONYM and NUMANONYMANT are variables of both
   * editions, so an empty cell is kept as '').
   */
  private usualRow(text: string, at: number, end: number, next: number, line: number): void {
    this.summary.read++;
    const fields = this.row;
    if (fields.count !== this.width) {
      // The reader reports the row (fields and header columns differ) and makes no record of it.
      this.skipRow(at, next, refusal(line, undefined, NOT_PLACED.unreadable!));
      return;
    }
    const columns = this.columns!;
    let s1 = -1;
    let e1 = -1;
    let v1 = '';
    let s2 = -1;
    let e2 = -1;
    let v2 = '';
    const c1 = columns.NUMANONYM;
    if (c1 === undefined) {
      this.skipRow(at, next, refusal(line, 'NUMANONYM', NOT_PLACED.missing!));
      return;
    }
    s1 = fields.start[c1]!;
    e1 = fields.end[c1]!;
    const r1 = this.replace(text.slice(s1, e1), 'NUMANONYM');
    if (typeof r1 !== 'string') {
      this.skipRow(at, next, refusal(line, 'NUMANONYM', r1));
      return;
    }
    v1 = r1;
    const c2 = columns.NUMANONYMANT;
    if (c2 !== undefined) {
      s2 = fields.start[c2]!;
      e2 = fields.end[c2]!;
      const r2 = this.replace(text.slice(s2, e2), 'NUMANONYMANT');
      if (typeof r2 !== 'string') {
        this.skipRow(at, next, refusal(line, 'NUMANONYMANT', r2));
        return;
      }
      v2 = r2;
      if (s2 < s1) {
        [s1, s2] = [s2, s1];
        [e1, e2] = [e2, e1];
        [v1, v2] = [v2, v1];
      }
    }
    const hex =
      hex40At(text, at, s1) >= 0 ||
      (s2 >= 0 ? hex40At(text, e1, s2) >= 0 || hex40At(text, e2, end) >= 0 : hex40At(text, e1, end) >= 0);
    if (hex) {
      this.skipRow(at, next, refusal(line, undefined, NOT_PLACED.hex!));
      return;
    }
    const b = this.base;
    this.emit(text.slice(this.copied - b, s1));
    this.emit(v1);
    this.copied = b + e1;
    if (s2 >= 0) {
      this.emit(text.slice(e1, s2));
      this.emit(v2);
      this.copied = b + e2;
    }
    this.summary.written++;
  }

  /** Fast path: a row left out with its line ending (`[at, next)` of the buffer), the text before it copied out. */
  private skipRow(at: number, next: number, why: IdentifierRefusal): void {
    this.emit(this.buf.slice(this.copied - this.base, at));
    this.copied = this.base + next;
    this.refuse(why);
  }

  /** Fast path: the text passed over and not yet copied out (up to the cursor), copied out. */
  private flush(): void {
    if (!this.following && this.copied < this.cursor)
      this.emit(this.buf.slice(this.copied - this.base, this.cursor - this.base));
    this.copied = this.cursor;
  }

  /**
   * The reader reads from `from` (offset of the whole text, start of a row, on `line`) beside the positional
   * pass, as on the plain path: fed the text held from there and every chunk after. The rows read by the
   * positional pass alone were never fed to it: its lines are shifted by what it did not see.
   */
  private handOver(from: number, line: number): void {
    this.following = true;
    this.lineShift = line - this.readerLine;
    const rest = this.buf.slice(from - this.base);
    if (rest) this.feed.push(rest);
  }
}

/**
 * Rewrites NUMANONYM and NUMANONYMANT of a transmission text (XML or CSV) given in chunks, chunk by chunk: the
 * output comes out in chunks as the records are decided, every other character unchanged (a leading byte-order
 * mark included), and the stream's `summary` (counts, refusals, `fatal`) is set once it has been read to the end.
 * Memory does not grow with the text. With `summary.fatal` the chunks already handed out must be thrown away:
 * write them to a temporary file, renamed over the target only once the stream has ended without `fatal`.
 *
 * @example
 * const toLevel2 = createRehasher({ key: 'exemple-cle-observatoire' });
 * const chunks = ['<DECRET><DONNEE><NUMANONYM>', `${'a'.repeat(40)}</NUMANONYM></DONNEE></DECRET>`];
 * const stream = rewriteIdentifierStream(chunks, (value) => toLevel2(value), { format: 'xml' });
 * let output = '';
 * for await (const chunk of stream) output += chunk;
 * stream.summary?.written; // 1
 */
export function rewriteIdentifierStream(
  input: AsyncIterable<string> | Iterable<string>,
  replace: IdentifierReplacer,
  options: RewriteIdentifiersOptions = {},
): IdentifierRewriteStream {
  return summarised((end) => rewritten(input, replace, options, end));
}

/** Characters looked at to guess the format when neither the option nor the file name tells it. */
const HEAD = 64;

async function* rewritten(
  input: AsyncIterable<string> | Iterable<string>,
  replace: IdentifierReplacer,
  options: RewriteIdentifiersOptions,
  end: (summary: IdentifierRewriteSummary) => void,
): AsyncGenerator<string, void, undefined> {
  let head = '';
  let run: Rewriting | undefined;
  let bom = '';
  const start = (): Rewriting => {
    if (head.charCodeAt(0) === 0xfeff) {
      bom = '\ufeff';
      head = head.slice(1);
    }
    const format =
      options.format === 'xml' || options.format === 'csv'
        ? options.format
        : guessFormat(options.fileName, head.slice(0, HEAD));
    return new Rewriting(
      format,
      replace,
      options.fileName,
      options.plain === true,
      options.maxRefusalsKept ?? REFUSALS_KEPT,
      options.maxHeldText ?? HELD_TEXT,
    );
  };
  for await (const whole of input) {
    if (typeof whole !== 'string') throw new TypeError('rewriteIdentifierStream takes text chunks');
    for (const chunk of pieces(whole)) {
      if (!run) {
        head += chunk;
        if (head.length <= HEAD) continue;
        run = start();
        await run.push(head);
        head = '';
      } else await run.push(chunk);
      if (run.settledFatal) break;
      const out = run.take(false);
      if (out) {
        yield bom + out;
        bom = '';
      }
    }
    if (run?.settledFatal) break;
  }
  run ??= start();
  if (head) await run.push(head);
  await run.finish();
  const out = run.take(true);
  if (!run.summary.fatal && (out || bom)) yield bom + out;
  end(run.summary);
}

/**
 * A chunk as slices of at most {@link TEXT_PIECE} characters (a slice of a flat string is not a copy). A slice may
 * end between the two halves of a surrogate pair: both passes take text cut anywhere (the streaming property of
 * test/pseudonymisation/rehash-streaming.test.ts puts astral characters across the slices' ends).
 */
function* pieces(text: string): Generator<string> {
  if (text.length <= TEXT_PIECE) yield text;
  else for (let at = 0; at < text.length; at += TEXT_PIECE) yield text.slice(at, at + TEXT_PIECE);
}

/**
 * Rewrites NUMANONYM and NUMANONYMANT of a transmission text (XML or CSV) with `replace`, through the file's
 * reader, every other byte of each written record unchanged. Records that cannot be placed exactly as the
 * reader reads them are refused with their line; nothing that looks like an identifier is passed through. The
 * whole text at once: see {@link rewriteIdentifierStream} for a file of any size.
 *
 * @example
 * const toLevel2 = createRehasher({ key: 'exemple-cle-observatoire' });
 * const text = `<DECRET><DONNEE><NUMANONYM>${'a'.repeat(40)}</NUMANONYM><TYPEV>1</TYPEV></DONNEE></DECRET>`;
 * const r = await rewriteIdentifiers(text, (value) => toLevel2(value));
 * r.read === r.written + r.refusals.length; // true
 */
export async function rewriteIdentifiers(
  input: string | Uint8Array,
  replace: IdentifierReplacer,
  options: RewriteIdentifiersOptions = {},
): Promise<IdentifierRewrite> {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
    } catch {
      // Not UTF-8: the reader says where, and the file is refused.
      const head = new TextDecoder('utf-8').decode(input.subarray(0, HEAD)).replace(/^\uFEFF/, '');
      const format =
        options.format === 'xml' || options.format === 'csv' ? options.format : guessFormat(options.fileName, head);
      const fatal =
        (await readerFatal(input, format, options.fileName)) ??
        refusal(1, undefined, {
          fr: "fichier refusé : octets qui ne sont pas de l'UTF-8",
          en: 'file refused: bytes that are not UTF-8',
        });
      return { format, output: '', read: 0, written: 0, refused: 0, refusals: [], fatal };
    }
  }
  const stream = rewriteIdentifierStream([text], replace, options);
  const parts: string[] = [];
  for await (const chunk of stream) parts.push(chunk);
  const summary = stream.summary!;
  return { ...summary, output: summary.fatal ? '' : parts.join('') };
}

/** The reader's first fatal error on some bytes, as a refusal of the file. */
async function readerFatal(
  bytes: Uint8Array,
  format: TransmissionFormat,
  fileName: string | undefined,
): Promise<IdentifierRefusal | undefined> {
  const options = fileName === undefined ? { format, checkModel: false } : { format, fileName, checkModel: false };
  for await (const item of readTransmission(bytes, options)) {
    if (item.type === 'error' && item.severity === 'fatal') {
      return refusal(item.line, item.variable, {
        fr: `fichier refusé : ${item.message}`,
        en: `file refused: ${item.messageEn}`,
      });
    }
  }
  return undefined;
}
