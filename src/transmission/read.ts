/**
 * The reader's front door: one function for both forms (XML and CSV) and every input shape.
 *
 * @module
 */
import { peek, textChunks } from './chunks.js';
import { readCsv } from './read-csv.js';
import { readXml } from './read-xml.js';
import type { ReadOptions, RecordItem, SummaryItem, TransmissionFormat, TransmissionInput, TransmissionItem } from './types.js';

/**
 * Guesses the format from a file name (`.xml`, `.csv`), then from the first character that is not
 * blank (`<` means XML, anything else CSV).
 *
 * @example
 * guessFormat('export.CSV', ''); // "csv"
 * guessFormat(undefined, '  <?xml version="1.0"?>'); // "xml"
 */
export function guessFormat(fileName: string | undefined, head: string): TransmissionFormat {
  const ext = /\.([a-z]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'xml') return 'xml';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  const first = /\S/.exec(head.replace(/^\uFEFF/, ''))?.[0];
  return first === '<' ? 'xml' : 'csv';
}

/**
 * Reads a transmission file (XML or CSV, 2016 or 2011 edition, or a mix) as a stream of items:
 * one `header`, then `record`s in file order with `error`s (fatal, error or warning) where they occur, and
 * always a final `summary` whose counts add up (`read = valid + withFindings`; `unreadable` counts the
 * fragments that could not be read). Never throws on bad input; never holds more than one record.
 *
 * @example
 * const xml = '<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2024-01-31</DATEXPORT></INTRO>'
 *   + '<DONNEE><TYPEV>1</TYPEV><SEXE>2</SEXE></DONNEE></DECRET>';
 * for await (const item of readTransmission(xml)) {
 *   if (item.type === 'record') item.values; // { TYPEV: "1", SEXE: "2" }
 *   if (item.type === 'summary') item.read; // 1
 * }
 */
export async function* readTransmission(
  input: TransmissionInput,
  options: ReadOptions = {},
): AsyncGenerator<TransmissionItem, void, undefined> {
  let chunks = textChunks(input);
  let format = options.format === 'xml' || options.format === 'csv' ? options.format : undefined;
  if (format === undefined) {
    const peeked = await peek(chunks, 64);
    chunks = peeked.chunks;
    format = guessFormat(options.fileName, peeked.head);
  }
  yield* format === 'xml' ? readXml(chunks, options) : readCsv(chunks, options);
}

/**
 * Reads a whole input into memory: the records, the errors and the summary. For tests and small files;
 * use {@link readTransmission} for anything large.
 *
 * @example
 * const { records, summary } = await readAll('SEXE;TYPEV\n1;2\n');
 * records[0]?.values.TYPEV; // "2"
 */
export async function readAll(
  input: TransmissionInput,
  options: ReadOptions = {},
): Promise<{ records: RecordItem[]; items: TransmissionItem[]; summary: SummaryItem }> {
  const records: RecordItem[] = [];
  const items: TransmissionItem[] = [];
  let summary: SummaryItem | undefined;
  for await (const item of readTransmission(input, options)) {
    items.push(item);
    if (item.type === 'record') records.push(item);
    if (item.type === 'summary') summary = item;
  }
  if (!summary) throw new Error('internal: reader ended without a summary');
  return { records, items, summary };
}
