/**
 * Streaming writer of the transmission file, XML (`<DECRET>`) or CSV (`;`): records in, text chunks out.
 * Every record is checked against the model first; a record that does not fit is refused and reported,
 * never written half-way.
 *
 * @module
 */
import type { ModelIssue } from '../model/parse.js';
import { parseRecord } from '../model/parse.js';
import type { EditionId } from '../nomenclature/data-schema.js';
import { editionData } from '../nomenclature/lookup.js';
import { fitsModel } from './fits.js';
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
  /** Approximate size of the text chunks produced (default 65,536 characters). */
  chunkSize?: number;
  /** Called for each refused record. */
  onRefused?: (refusal: Refusal) => void;
  /** Called for each value changed or left out by `strictXsd`. */
  onLoss?: (loss: WriteLoss) => void;
}

/** Counts of a writing, filled as the output is consumed. `received = written + refused`. */
export interface WriteStats {
  received: number;
  written: number;
  refused: number;
  /** Records written with at least one loss (strict mode). */
  withLosses: number;
  losses: number;
}

/** The writer's output: an async iterable of text chunks (wrap it in `Readable.from` or {@link toReadableStream}), and its counts. */
export interface TransmissionWriter extends AsyncIterable<string> {
  readonly stats: WriteStats;
}

const ESCAPE = /[&<>\r]/;

/**
 * Escapes a text for XML element content: `&`, `<`, `>`, and carriage returns (as `&#13;`, which XML
 * parsers would otherwise turn into line feeds).
 *
 * @example
 * escapeXml('a & b < c'); // "a &amp; b &lt; c"
 */
export function escapeXml(text: string): string {
  if (!ESCAPE.test(text)) return text;
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

const CSV_QUOTE = /[;"\r\n]/;

/**
 * Quotes a CSV field when it holds `;`, `"` or a line break (RFC 4180 style, doubled quotes).
 *
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
 * @example
 * donneeXml({ SEXE: '1', AUTREDA: '' }, ['AUTREDA', 'SEXE']);
 * // "  <DONNEE>\n    <AUTREDA />\n    <SEXE>1</SEXE>\n  </DONNEE>\n"
 */
export function donneeXml(values: Readonly<Record<string, string | undefined>>, order: readonly string[], allVariables = false): string {
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
 * out.stats; // { received: 1, written: 1, refused: 0, withLosses: 0, losses: 0 }
 */
export function writeTransmission(
  records: Iterable<WritableRecord> | AsyncIterable<WritableRecord>,
  options: WriteOptions = {},
): TransmissionWriter {
  const stats: WriteStats = { received: 0, written: 0, refused: 0, withLosses: 0, losses: 0 };
  const edition = options.edition ?? '2016';
  const format = options.format ?? 'xml';
  const strict = options.strictXsd === true;
  const chunkSize = options.chunkSize ?? 65_536;
  const order = format === 'csv' && options.columns ? options.columns : elementOrder(edition, { strict });
  let started = false;

  async function* generate(): AsyncGenerator<string> {
    if (started) throw new Error('a TransmissionWriter can be iterated only once');
    started = true;
    let buffer: string;
    if (format === 'xml') {
      const version = options.versionXsd ?? editionData(edition).xsdVersion;
      const date = options.dateExport ?? new Date().toISOString().slice(0, 10);
      buffer =
        '<?xml version="1.0" encoding="UTF-8"?>\n<DECRET>\n  <INTRO>\n' +
        `    <VERSIONXSD>${escapeXml(version)}</VERSIONXSD>\n    <DATEXPORT>${escapeXml(date)}</DATEXPORT>\n  </INTRO>\n`;
    } else {
      buffer = `${order.map(csvField).join(';')}\n`;
    }
    for await (const record of records as AsyncIterable<WritableRecord>) {
      const index = stats.received++;
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        stats.refused++;
        const parsed = parseRecord(record, { edition });
        options.onRefused?.({ index, issues: parsed.issues, message: `Enregistrement ${index + 1} refusé : ${parsed.issues[0]?.message ?? ''}`, messageEn: `Record ${index + 1} refused: ${parsed.issues[0]?.messageEn ?? ''}` });
        continue;
      }
      const parsed = fitsModel(record, edition) ? undefined : parseRecord(record, { edition });
      if (parsed && !parsed.ok) {
        stats.refused++;
        const first = parsed.issues[0];
        options.onRefused?.({
          index,
          issues: parsed.issues,
          message: `Enregistrement ${index + 1} refusé : ${first?.message ?? 'hors modèle'}${parsed.issues.length > 1 ? ` (+${parsed.issues.length - 1})` : ''}`,
          messageEn: `Record ${index + 1} refused: ${first?.messageEn ?? 'does not fit the model'}${parsed.issues.length > 1 ? ` (+${parsed.issues.length - 1})` : ''}`,
        });
        continue;
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
          continue;
        }
        if (s.losses.length > 0) {
          stats.withLosses++;
          stats.losses += s.losses.length;
          if (options.onLoss) for (const loss of s.losses) options.onLoss({ index, ...loss });
        }
        values = s.values;
      }
      stats.written++;
      if (format === 'xml') buffer += donneeXml(values, order, options.allVariables);
      else {
        let row = '';
        for (let i = 0; i < order.length; i++) {
          const v = values[order[i]!];
          if (i > 0) row += ';';
          if (v !== undefined && v !== '') row += csvField(v);
        }
        buffer += `${row}\n`;
      }
      if (buffer.length >= chunkSize) {
        yield buffer;
        buffer = '';
      }
    }
    if (format === 'xml') buffer += '</DECRET>\n';
    yield buffer;
  }

  return {
    stats,
    [Symbol.asyncIterator]: () => generate(),
  };
}

/**
 * Wraps an async iterable of text chunks (a {@link TransmissionWriter}) in a Web `ReadableStream` of
 * UTF-8 bytes, for browsers and `fetch` bodies. In Node, `Readable.from(writer)` does the same for Node
 * streams.
 *
 * @example
 * const stream = toReadableStream(writeTransmission(records));
 * await new Response(stream).text();
 */
export function toReadableStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<string> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      iterator ??= chunks[Symbol.asyncIterator]();
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}

/**
 * Collects a writer's output into one string (tests, small files).
 *
 * @example
 * const xml = await writeToString([{ TYPEV: '1' }], { dateExport: '2024-01-31' });
 */
export async function writeToString(
  records: Iterable<WritableRecord> | AsyncIterable<WritableRecord>,
  options: WriteOptions = {},
): Promise<{ text: string; stats: WriteStats }> {
  const writer = writeTransmission(records, options);
  let text = '';
  for await (const chunk of writer) text += chunk;
  return { text, stats: writer.stats };
}
