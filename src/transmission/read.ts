/**
 * The reader's front door: one function for both forms (XML and CSV) and every input shape.
 *
 * @module
 */
import { allowChunkReuse, peek, rawChunks, textChunks } from './chunks.js';
import { DecodeError, encodingOf, type TextEncodingName } from './decode.js';
import { readCsvBatches } from './read-csv.js';
import { readXmlBatches, readXmlInput } from './read-xml.js';
import type {
  ReadOptions,
  ReadSummary,
  RecordItem,
  TransmissionFormat,
  TransmissionInput,
  TransmissionItem,
  TransmissionStream,
} from './types.js';
import { summarised, type SummarisedStream, unbatched } from '../_lib/stream.js';

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
 * one `header`, then `record`s in file order with `error`s (fatal, error or warning) where they occur. Once
 * the stream has been read to the end, its `summary` (also after a fatal error) has counts that add up
 * (`read = valid + withFindings`; `unreadable` counts the fragments that could not be read). Never throws on
 * bad input; never holds more than one record.
 *
 * @example
 * const xml = '<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2024-01-31</DATEXPORT></INTRO>'
 *   + '<DONNEE><TYPEV>1</TYPEV><SEXE>2</SEXE></DONNEE></DECRET>';
 * const reading = readTransmission(xml);
 * for await (const item of reading) {
 *   if (item.type === 'record') item.values; // { TYPEV: "1", SEXE: "2" }
 * }
 * reading.summary?.read; // 1
 */
export function readTransmission(input: TransmissionInput, options: ReadOptions = {}): TransmissionStream {
  return unbatched(readTransmissionBatches(input, options));
}

/** {@link readTransmission} in batches: the items of each slice of input (see `unbatched` in _lib/stream.ts). */
export function readTransmissionBatches(
  input: TransmissionInput,
  options: ReadOptions = {},
): SummarisedStream<TransmissionItem[], ReadSummary> {
  return summarised((end) => transmissionBatches(input, options, end));
}

async function* transmissionBatches(
  input: TransmissionInput,
  options: ReadOptions,
  end: (summary: ReadSummary) => void,
): AsyncGenerator<TransmissionItem[], void, undefined> {
  const requested = options.encoding === undefined ? 'utf-8' : encodingOf(options.encoding);
  if (requested === undefined)
    throw new RangeError(`unsupported encoding ${String(options.encoding)} (utf-8, latin1 or windows-1252)`);
  const raw = await peekRaw(input, 512);
  // The chunks sniffed are held (replayed below); from here every path copies what it keeps of a chunk.
  allowChunkReuse(input);
  let format = options.format === 'xml' || options.format === 'csv' ? options.format : undefined;
  let chunks: AsyncGenerator<string>;
  if (raw.bytes) {
    // Bytes: the format and the XML declaration are read from the first bytes, which are ASCII in every
    // encoding olinpe reads. A UTF-8 byte-order mark means UTF-8 whatever is declared.
    format ??= guessFormat(options.fileName, raw.head.replace(/^\u00ef\u00bb\u00bf/, ''));
    let encoding: TextEncodingName = requested;
    let refused: string | undefined;
    const declared = format === 'xml' ? declaredEncoding(raw.head) : undefined;
    if (declared !== undefined) {
      const known = encodingOf(declared);
      if (known) encoding = known;
      else refused = declared;
    }
    if (raw.head.startsWith('\u00ef\u00bb\u00bf')) {
      encoding = 'utf-8';
      refused = undefined;
    }
    // UTF-8 XML is read from its bytes (fast-scan.ts, "Bytes"), unless saxes alone is asked for.
    if (format === 'xml' && encoding === 'utf-8' && refused === undefined && options.parser !== 'saxes') {
      const reading = readXmlInput(raw.chunks, options);
      yield* reading;
      if (reading.summary) end(reading.summary);
      return;
    }
    chunks = refused !== undefined ? refusedEncoding(refused) : textChunks(raw.chunks, encoding);
  } else {
    chunks = textChunks(raw.chunks);
    if (format === undefined) {
      const peeked = await peek(chunks, 64);
      chunks = peeked.chunks;
      format = guessFormat(options.fileName, peeked.head);
    }
  }
  const reading = format === 'xml' ? readXmlBatches(chunks, options) : readCsvBatches(chunks, options);
  yield* reading;
  if (reading.summary) end(reading.summary);
}

/** The encoding an XML declaration names (`<?xml version="1.0" encoding="ISO-8859-1"?>`), if any. */
export function declaredEncoding(head: string): string | undefined {
  return /^(?:\u00ef\u00bb\u00bf|\uFEFF)?\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']*)["']/.exec(head)?.[1];
}

async function* refusedEncoding(name: string): AsyncGenerator<string> {
  yield* [];
  throw new DecodeError('', 'utf-8', name.slice(0, 40));
}

/**
 * The first chunks of an input, up to `min` bytes (or characters), and a stream that replays them then the rest.
 * `head` is their text, bytes read one byte per character (enough for the ASCII of a format and a declaration);
 * `bytes` says whether the input is bytes.
 */
async function peekRaw(
  input: TransmissionInput,
  min: number,
): Promise<{ head: string; bytes: boolean; chunks: AsyncGenerator<string | Uint8Array> }> {
  const source = rawChunks(input);
  const buffered: (string | Uint8Array)[] = [];
  let head = '';
  let bytes = false;
  let done = false;
  // Enough once the first character that is not blank is known and, for an XML declaration, its end: the rest
  // of the input is not pulled before the reader needs it (records come out while the input is still coming).
  const enough = (): boolean => {
    if ('\u00ef\u00bb\u00bf'.startsWith(head)) return false; // nothing yet, or a byte-order mark not read whole
    const h = head.replace(/^(\u00ef\u00bb\u00bf|\uFEFF)/, '').trimStart();
    return h.length > 0 && (!'<?xml'.startsWith(h.slice(0, 5)) || h.includes('?>'));
  };
  while (head.length < min && !enough()) {
    const next = await source.next();
    if (next.done) {
      done = true;
      break;
    }
    const c = next.value;
    buffered.push(c);
    if (typeof c === 'string') head += c;
    else if (c instanceof Uint8Array) {
      bytes = true;
      const part = c.subarray(0, min - head.length);
      for (let i = 0; i < part.length; i++) head += String.fromCharCode(part[i]!);
    } else break; // not a chunk: textChunks reports it
  }
  async function* replay(): AsyncGenerator<string | Uint8Array> {
    yield* buffered;
    if (!done) yield* source;
  }
  return { head, bytes, chunks: replay() };
}

/**
 * Reads a whole input into memory: the items, the records among them and the summary (the collecting helper
 * of {@link readTransmission}, as `validateAll` and `writeAll` are of the validator and the writer). For
 * tests and small files; use {@link readTransmission} for anything large.
 *
 * @example
 * const { records, summary } = await readAll('SEXE;TYPEV\n1;2\n');
 * records[0]?.values.TYPEV; // "2"
 */
export async function readAll(
  input: TransmissionInput,
  options: ReadOptions = {},
): Promise<{ records: RecordItem[]; items: TransmissionItem[]; summary: ReadSummary }> {
  const records: RecordItem[] = [];
  const items: TransmissionItem[] = [];
  const reading = readTransmission(input, options);
  for await (const item of reading) {
    items.push(item);
    if (item.type === 'record') records.push(item);
  }
  if (!reading.summary) throw new Error('internal: reader ended without a summary');
  return { records, items, summary: reading.summary };
}
