/**
 * Streaming writer of the transmission file, XML (`<DECRET>`) or CSV (`;`): records in, text chunks out.
 * Every record is checked against the model first; a record that does not fit is refused and reported,
 * never written half-way.
 *
 * @module
 */
import type { ModelIssue } from '../model/index.js';
import { parseRecord } from '../model/index.js';
import type { EditionId } from '../nomenclature/index.js';
import { editionData } from '../nomenclature/index.js';
import { compiledVariables, fitsModel } from './fits.js';
import type { CompiledVariable } from './fits.js';
import { elementOrder, toStrictXsd } from './strict.js';
import type { StrictLoss } from './strict.js';
import type { TransmissionFormat } from './types.js';

/** A record given to the writer: variable name → value (`''` not applicable, absent/undefined not given). */
export type WritableRecord = Readonly<Record<string, string | undefined>>;

/** A record the writer refused, with the reasons. */
export interface Refusal {
  /** 0-based position among the records received. */
  index: number;
  issues: ModelIssue[];
  message: string;
  messageEn: string;
}

/** A value changed or left out to satisfy the official schema (`strictXsd`). */
export interface WriteLoss extends StrictLoss {
  index: number;
}

/** Options of {@link writeTransmission}. */
export interface WriteOptions {
  /** `xml` (default) or `csv`. */
  format?: TransmissionFormat;
  /** Edition of the records (default 2016). */
  edition?: EditionId;
  /**
   * Writes a file valid against the official schema (ONPE's XSD 2.0, ONED's XSD 1.22): unknown dates as
   * `0000-00-00` (2016), partly known dates as unknown, UTDP and empty NUMANONYMANT left out, records
   * without NUMANONYM refused. Default false: the guide's conventions, as the model holds them.
   */
  strictXsd?: boolean;
  /** VERSIONXSD written in `<INTRO>` (default: the edition's schema version, 2.0 or 1.22). */
  versionXsd?: string;
  /** DATEXPORT written in `<INTRO>` (default: today, AAAA-MM-JJ, UTC). */
  dateExport?: string;
  /** Writes an empty element (XML) for variables absent from a record. CSV always has every column. */
  allVariables?: boolean;
  /** CSV columns (default: every variable of the edition, in schema order). */
  columns?: string[];
  /** Approximate size of the text chunks produced (default 1,048,576 characters). */
  chunkSize?: number;
  /** Called for each refused record. */
  onRefused?: (refusal: Refusal) => void;
  /** Called for each value changed or left out by `strictXsd`. */
  onLoss?: (loss: WriteLoss) => void;
}

/** Counts of a writing, filled as the output is consumed. `received = written + refused`. */
export interface WriteSummary {
  received: number;
  written: number;
  refused: number;
  /** Records written with at least one loss (strict mode). */
  withLosses: number;
  losses: number;
}

/** The writer's output: an async iterable of text chunks (wrap it in `Readable.from` or {@link toReadableStream}), and its `summary`. */
export interface TransmissionWriter extends AsyncIterable<string> {
  /** The writing's counts, current as the output is consumed (final once it has been read to the end). */
  readonly summary: WriteSummary;
}

/** Whether a text holds `&`, `<`, `>` or a carriage return (a loop: cheaper than a regex on short values). */
function needsEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 38 || c === 60 || c === 62 || c === 13) return true;
  }
  return false;
}

/**
 * Escapes a text for XML element content: `&`, `<`, `>`, and carriage returns (as `&#13;`, which XML
 * parsers would otherwise turn into line feeds).
 *
 * @internal Exported through the door for `olinpe synth` (src/cli); not in the published types.
 * @example
 * escapeXml('a & b < c'); // "a &amp; b &lt; c"
 */
export function escapeXml(text: string): string {
  if (!needsEscape(text)) return text;
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

const CSV_QUOTE = /[;"\r\n]/;

/**
 * Quotes a CSV field when it holds `;`, `"` or a line break (RFC 4180 style, doubled quotes).
 *
 * @internal Exported through the door for `olinpe synth` and src/synth; not in the published types.
 * @example
 * csvField('a;b'); // "\"a;b\""
 * csvField('12'); // "12"
 */
export function csvField(text: string): string {
  return CSV_QUOTE.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The text of one `<DONNEE>` element (with its indentation and final line feed), children in schema order.
 *
 * @internal Exported through the door for `olinpe synth` (src/cli); not in the published types.
 * @example
 * donneeXml({ SEXE: '1', AUTREDA: '' }, ['AUTREDA', 'SEXE']);
 * // "  <DONNEE>\n    <AUTREDA />\n    <SEXE>1</SEXE>\n  </DONNEE>\n"
 */
export function donneeXml(
  values: Readonly<Record<string, string | undefined>>,
  order: readonly string[],
  allVariables = false,
): string {
  let s = '  <DONNEE>\n';
  for (const name of order) {
    const v = values[name];
    if (v === undefined) {
      if (allVariables) s += `    <${name} />\n`;
    } else if (v === '') s += `    <${name} />\n`;
    else s += `    <${name}>${escapeXml(v)}</${name}>\n`;
  }
  return `${s}  </DONNEE>\n`;
}

/**
 * What the text and byte writers share: the layout (edition, format, order), the header and trailer of
 * the file, and the reference path of one record (model check, refusal reported and counted, strict
 * form) giving its text or undefined when refused. Internal to `olinpe/transmission`.
 */
export interface WriterCore {
  edition: EditionId;
  format: TransmissionFormat;
  order: readonly string[];
  strict: boolean;
  allVariables: boolean;
  chunkSize: number;
  /** The text before the first record (XML declaration and INTRO, or the CSV header). */
  head(): string;
  /** The text after the last record. */
  tail: string;
  /** The text of one record by the reference path, or undefined when it is refused (counted, reported). */
  slow(record: WritableRecord, index: number): string | undefined;
  /**
   * The reference path's first half: the values to write (the model's, in strict form with `strictXsd`),
   * or undefined when the record is refused (counted, reported).
   */
  accept(record: WritableRecord, index: number): Readonly<Record<string, string | undefined>> | undefined;
  /** The reference path's second half: the text of accepted values. */
  text(values: Readonly<Record<string, string | undefined>>): string;
}

/** Builds the {@link WriterCore} of a writing (see {@link writeTransmission} for the options). */
export function writerCore(options: WriteOptions, stats: WriteSummary): WriterCore {
  const edition = options.edition ?? '2016';
  const format = options.format ?? 'xml';
  const strict = options.strictXsd === true;
  const chunkSize = options.chunkSize ?? 1 << 20;
  const order = format === 'csv' && options.columns ? options.columns : elementOrder(edition, { strict });
  const allVariables = options.allVariables === true;

  const accept = (record: WritableRecord, index: number): Readonly<Record<string, string | undefined>> | undefined => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      stats.refused++;
      const parsed = parseRecord(record, { edition });
      options.onRefused?.({
        index,
        issues: parsed.issues,
        message: `Enregistrement ${index + 1} refusé : ${parsed.issues[0]?.message ?? ''}`,
        messageEn: `Record ${index + 1} refused: ${parsed.issues[0]?.messageEn ?? ''}`,
      });
      return undefined;
    }
    let fits = false;
    try {
      fits = fitsModel(record, edition);
    } catch {
      fits = false; // parseRecord reads it without throwing and says what is wrong
    }
    const parsed = fits ? undefined : parseRecord(record, { edition });
    if (parsed && !parsed.ok) {
      stats.refused++;
      const first = parsed.issues[0];
      options.onRefused?.({
        index,
        issues: parsed.issues,
        message: `Enregistrement ${index + 1} refusé : ${first?.message ?? 'hors modèle'}${parsed.issues.length > 1 ? ` (+${parsed.issues.length - 1})` : ''}`,
        messageEn: `Record ${index + 1} refused: ${first?.messageEn ?? 'does not fit the model'}${parsed.issues.length > 1 ? ` (+${parsed.issues.length - 1})` : ''}`,
      });
      return undefined;
    }
    let values: Readonly<Record<string, string | undefined>> = parsed ? parsed.record : record;
    if (strict) {
      const s = toStrictXsd(values, edition);
      if (s.refused) {
        stats.refused++;
        options.onRefused?.({
          index,
          issues: [],
          message: `Enregistrement ${index + 1} refusé : ${s.refused.message}`,
          messageEn: `Record ${index + 1} refused: ${s.refused.messageEn}`,
        });
        return undefined;
      }
      if (s.losses.length > 0) {
        stats.withLosses++;
        stats.losses += s.losses.length;
        if (options.onLoss) for (const loss of s.losses) options.onLoss({ index, ...loss });
      }
      values = s.values;
    }
    return values;
  };

  const text = (values: Readonly<Record<string, string | undefined>>): string => {
    if (format === 'xml') return donneeXml(values, order, allVariables);
    let row = '';
    for (let i = 0; i < order.length; i++) {
      const v = values[order[i]!];
      if (i > 0) row += ';';
      if (v !== undefined && v !== '') row += csvField(v);
    }
    return `${row}\n`;
  };

  const slow = (record: WritableRecord, index: number): string | undefined => {
    const values = accept(record, index);
    return values === undefined ? undefined : text(values);
  };

  const head = (): string => {
    if (format !== 'xml') return `${order.map(csvField).join(';')}\n`;
    const version = options.versionXsd ?? editionData(edition).xsdVersion;
    const date = options.dateExport ?? new Date().toISOString().slice(0, 10);
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n<DECRET>\n  <INTRO>\n' +
      `    <VERSIONXSD>${escapeXml(version)}</VERSIONXSD>\n    <DATEXPORT>${escapeXml(date)}</DATEXPORT>\n  </INTRO>\n`
    );
  };

  return {
    edition,
    format,
    order,
    strict,
    allVariables,
    chunkSize,
    head,
    tail: format === 'xml' ? '</DECRET>\n' : '',
    slow,
    accept,
    text,
  };
}

/**
 * Writes records as a transmission file, streaming: the output is an async iterable of text chunks.
 * XML: declaration, `<DECRET>`, `<INTRO>` (VERSIONXSD, DATEXPORT), one `<DONNEE>` per record with its
 * children in the schema's order, `<X />` for an empty (not applicable) variable, UTF-8, `\n`. CSV: a
 * header of variable names, `;`, quoted fields when needed, every column on every row (absent = empty).
 * Records that do not fit the model (`parseRecord`) are refused through `onRefused` and counted.
 *
 * @example
 * const out = writeTransmission([{ TYPEV: '1', SEXE: '2' }], { dateExport: '2024-01-31' });
 * let xml = '';
 * for await (const chunk of out) xml += chunk;
 * out.summary; // { received: 1, written: 1, refused: 0, withLosses: 0, losses: 0 }
 */
export function writeTransmission(
  records: Iterable<WritableRecord> | AsyncIterable<WritableRecord>,
  options: WriteOptions = {},
): TransmissionWriter {
  const stats: WriteSummary = { received: 0, written: 0, refused: 0, withLosses: 0, losses: 0 };
  const core = writerCore(options, stats);
  const { chunkSize } = core;
  const fast = core.strict ? undefined : fastWriter(core.order, core.edition, core.format, core.allVariables);
  let started = false;

  /** The text of one record, or '' when it is refused. */
  const one = (record: WritableRecord): string => {
    const index = stats.received++;
    let quick: string | undefined;
    try {
      quick = fast ? fast(record) : undefined;
    } catch {
      quick = undefined; // a record whose reading throws (a getter): the reference path refuses it
    }
    const text = quick ?? core.slow(record, index);
    if (text === undefined) return '';
    stats.written++;
    return text;
  };

  async function* generate(): AsyncGenerator<string> {
    if (started) throw new Error('a TransmissionWriter can be iterated only once');
    started = true;
    let buffer = core.head();
    // A synchronous source is walked without a promise per record.
    const sync = !(Symbol.asyncIterator in records) && Symbol.iterator in records;
    if (sync) {
      for (const record of records as Iterable<WritableRecord>) {
        buffer += one(record);
        if (buffer.length >= chunkSize) {
          yield buffer;
          buffer = '';
        }
      }
    } else {
      for await (const record of records as AsyncIterable<WritableRecord>) {
        buffer += one(record);
        if (buffer.length >= chunkSize) {
          yield buffer;
          buffer = '';
        }
      }
    }
    buffer += core.tail;
    yield buffer;
  }

  return {
    summary: stats,
    [Symbol.asyncIterator]: () => generate(),
  };
}

/**
 * The writer's hot path for records that are plain objects of strings, every key a column of `order`,
 * every value accepted by the compiled checks: the record's text, from precomputed tags, values escaped
 * only for the variables whose values may need it. Returns undefined as soon as a record needs the
 * reference path (unknown key, bad value, non-string), which then refuses or writes it. Undefined when
 * `order` holds a name that is not a variable.
 */
function fastWriter(
  order: readonly string[],
  edition: EditionId,
  format: TransmissionFormat,
  allVariables: boolean,
): ((record: WritableRecord) => string | undefined) | undefined {
  const map = compiledVariables(edition);
  const compiled: CompiledVariable[] = [];
  for (const name of order) {
    const c = map.get(name);
    if (!c) return undefined;
    compiled.push(c);
  }
  const n = order.length;
  const names = [...order];
  if (format === 'csv') {
    return (record) => {
      if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
      let row = '';
      let defined = 0;
      for (let i = 0; i < n; i++) {
        const v = record[names[i]!];
        if (i > 0) row += ';';
        if (v === undefined) continue;
        defined++;
        if (typeof v !== 'string' || !compiled[i]!.check(v)) return undefined;
        if (v !== '') row += csvField(v);
      }
      let keys = 0;
      for (const _ in record) keys++;
      return keys === defined ? `${row}\n` : undefined;
    };
  }
  const opens = names.map((name) => `    <${name}>`);
  const closes = names.map((name) => `</${name}>\n`);
  const empties = names.map((name) => `    <${name} />\n`);
  // Coded variables: the whole element line of each code, so that a lookup both checks and writes.
  const lines = names.map((_name, i) => {
    const c = compiled[i]!;
    if (!c.codes || c.mayNeedEscape) return undefined;
    return new Map([...c.codes].map((code) => [code, code === '' ? empties[i]! : `${opens[i]!}${code}${closes[i]!}`]));
  });
  return (record) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
    let s = '  <DONNEE>\n';
    let defined = 0;
    for (let i = 0; i < n; i++) {
      const v = record[names[i]!];
      if (v === undefined) {
        if (allVariables) s += empties[i]!;
        continue;
      }
      defined++;
      const coded = lines[i];
      if (coded !== undefined) {
        const line = coded.get(v as string);
        if (line === undefined) return undefined;
        s += line;
        continue;
      }
      const c = compiled[i]!;
      if (typeof v !== 'string' || !c.check(v)) return undefined;
      if (v === '') s += empties[i]!;
      else s += opens[i]! + (c.mayNeedEscape ? escapeXml(v) : v) + closes[i]!;
    }
    let keys = 0;
    for (const _ in record) keys++;
    return keys === defined ? `${s}  </DONNEE>\n` : undefined;
  };
}

/**
 * Wraps an async iterable of text or byte chunks (a {@link TransmissionWriter}, or the byte writer
 * `writeTransmissionBytes`, whose chunks pass as they are) in a Web `ReadableStream` of UTF-8 bytes, for
 * browsers and `fetch` bodies. In Node, `Readable.from(writer)` does the same for Node
 * streams.
 *
 * @example
 * const stream = toReadableStream(writeTransmission([{ TYPEV: '1' }], { dateExport: '2024-01-31' }));
 * await new Response(stream).text();
 */
export function toReadableStream(chunks: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<string | Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      iterator ??= chunks[Symbol.asyncIterator]();
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}

/**
 * Collects a writer's output into one string with its summary (the collecting helper, as `readAll` and
 * `validateAll` are of the reader and the validator; tests, small files).
 *
 * @example
 * const xml = await writeAll([{ TYPEV: '1' }], { dateExport: '2024-01-31' });
 */
export async function writeAll(
  records: Iterable<WritableRecord> | AsyncIterable<WritableRecord>,
  options: WriteOptions = {},
): Promise<{ text: string; summary: WriteSummary }> {
  const writer = writeTransmission(records, options);
  let text = '';
  for await (const chunk of writer) text += chunk;
  return { text, summary: writer.summary };
}
