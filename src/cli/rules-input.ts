/**
 * Reads a transmission file for the `validate` and `audit` commands: peeks at the header (edition, export
 * date), then streams the records as `{ record, line, index }`, counting read errors. A file that cannot be read
 * at all (fatal error before any record) is a {@link UsageError} with exit code 2 and a located message.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import type { EditionId } from '../nomenclature/index.js';
import type { RecordItem as RuleRecordItem } from '../rules/index.js';
import { readTransmission, type ErrorItem } from '../transmission/index.js';
import { UsageError, type CliIO } from './command.js';
import { displayName, openInput } from './io.js';

export interface OpenedRecords {
  edition: EditionId;
  exportDate: string | undefined;
  records: AsyncGenerator<RuleRecordItem>;
  /** Read errors met so far (grows while `records` is consumed). */
  readErrors: ErrorItem[];
}

/** Opens a transmission file (or `-`) and returns its edition and a stream of records for the rules. */
export async function openRecords(file: string, io: CliIO, forcedEdition?: EditionId): Promise<OpenedRecords> {
  const name = displayName(file, 'input');
  const items = readTransmission(openInput(file, io), { fileName: file === '-' ? 'stdin' : file, checkModel: false, ...(forcedEdition ? { edition: forcedEdition } : {}) })[Symbol.asyncIterator]();
  const readErrors: ErrorItem[] = [];
  let edition: EditionId | undefined = forcedEdition;
  let exportDate: string | undefined;
  const buffered: RuleRecordItem[] = [];
  let done = false;
  // Peek until the header or the first record.
  for (;;) {
    const next = await items.next();
    if (next.done) {
      done = true;
      break;
    }
    const item = next.value;
    if (item.type === 'header') {
      edition ??= item.edition;
      exportDate = item.dateExport;
      break;
    }
    if (item.type === 'record') {
      edition ??= item.edition;
      buffered.push({ record: item.values, line: item.line, index: item.index });
      break;
    }
    if (item.type === 'error') {
      if (item.severity === 'fatal') {
        throw new UsageError(`${name}:${item.line}${item.column ? `:${item.column}` : ''}: lecture impossible : ${item.message} (${item.messageEn})`, 2);
      }
      readErrors.push(item);
    }
  }
  async function* records(): AsyncGenerator<RuleRecordItem> {
    yield* buffered;
    if (done) return;
    for (;;) {
      const next = await items.next();
      if (next.done) return;
      const item = next.value;
      if (item.type === 'record') yield { record: item.values, line: item.line, index: item.index };
      else if (item.type === 'error') readErrors.push(item);
    }
  }
  return { edition: edition ?? '2016', exportDate, records: records(), readErrors };
}

/** Parses `--year`, or undefined. */
export function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(`--year doit être une année AAAA (reçu « ${value} ») (--year must be a year)`);
  return year;
}

/** Parses `--lang`. */
export function parseLang(value: string | undefined): 'fr' | 'en' {
  if (value === undefined || value === 'fr' || value === 'en') return value ?? 'fr';
  throw new UsageError(`--lang doit valoir fr ou en (reçu « ${value} ») (--lang must be fr or en)`);
}

/** The arguments shared by `validate` and `audit`: one file, `--year`, `--format text|json|html`, `--lang`. */
export interface FileCheckArgs {
  file: string;
  year: number | undefined;
  format: 'text' | 'json' | 'html';
  lang: 'fr' | 'en';
}

/** Parses the arguments shared by `validate` and `audit`, with French-first usage errors. */
export function parseFileCheckArgs(args: string[]): FileCheckArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { year: { type: 'string' }, format: { type: 'string', default: 'text' }, lang: { type: 'string' } },
  });
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'html') {
    throw new UsageError(`--format doit valoir text, json ou html (reçu « ${format} »)`);
  }
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) throw new UsageError('un fichier est attendu (exactly one file is expected)');
  return { file, format, year: parseYear(values.year), lang: parseLang(values.lang) };
}

/**
 * Passes records through unchanged while feeding each one to `see` (e.g. a fill-rate counter for the HTML
 * report), so the stream is still read once.
 */
export async function* tapRecords(
  records: AsyncIterable<RuleRecordItem>,
  see: (values: Readonly<Record<string, string | undefined>>) => void,
): AsyncGenerator<RuleRecordItem> {
  for await (const item of records) {
    const wrapped = item as { record?: Record<string, string | undefined> };
    see(wrapped.record && typeof wrapped.record === 'object' ? wrapped.record : (item as Record<string, string | undefined>));
    yield item;
  }
}
