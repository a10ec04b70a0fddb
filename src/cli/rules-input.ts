/**
 * Reads a transmission file for the `validate` and `audit` commands: decides the file's edition from its
 * records (VERSIONXSD is a hint; `--edition` forces it), then streams the reader's record items, collecting
 * read errors. Whether part of the file could not be read is said by the records' `summary` once they are
 * consumed: the commands then put it first in every report and exit with 2.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import type { EditionId } from '../nomenclature/index.js';
import { isEdition } from '../nomenclature/index.js';
import {
  encodingOf,
  incompleteMessage,
  openRecordsForRules,
  type ReadingOutcome,
  type RecordItem,
  type RecordsForRules,
} from '../transmission/index.js';
import { AUDIT_SECTIONS, type AuditReport } from '../rules/index.js';
import { UsageError, type CliIO } from './command.js';
import type { AuditResult, ReportReading } from '../report/index.js';
import { displayName, openInput } from './io.js';

export { incompleteMessage, readErrorJson, readingJson } from '../transmission/index.js';
export type { ReadingOutcome } from '../transmission/index.js';

/** A file opened for `validate` and `audit`: the library's {@link RecordsForRules} and the name as given. */
export interface OpenedRecords extends RecordsForRules {
  /** The file as given (`-` for stdin). */
  fileName: string;
}

/**
 * Opens a transmission file (or `-`), decides its edition from its records (unless forced) and returns a stream
 * of records for the rules. Never throws on a read error: they are collected in `readErrors` and summed up by
 * the `summary` of `records`.
 */
export async function openRecords(
  file: string,
  io: CliIO,
  forcedEdition?: EditionId,
  encoding?: string,
): Promise<OpenedRecords> {
  const opened = await openRecordsForRules(openInput(file, io), {
    fileName: file === '-' ? 'stdin' : file,
    ...(encoding ? { encoding } : {}),
    ...(forcedEdition ? { edition: forcedEdition } : {}),
  });
  return { ...opened, fileName: file };
}

/** Parses `--encoding` (`utf-8`, `latin1` / `iso-8859-1`, `windows-1252`), or undefined. */
export function parseEncoding(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!encodingOf(value)) {
    throw new UsageError(
      `--encoding doit valoir utf-8, latin1 (ISO-8859-1) ou windows-1252 (reçu « ${value.slice(0, 40)} ») (--encoding must be utf-8, latin1 or windows-1252)`,
    );
  }
  return value;
}

/** Parses `--edition`, or undefined. */
export function parseEdition(value: string | undefined): EditionId | undefined {
  if (value === undefined) return undefined;
  if (!isEdition(value))
    throw new UsageError(`--edition doit valoir 2016 ou 2011 (reçu « ${value} ») (--edition must be 2016 or 2011)`);
  return value;
}

/** Parses `--year`, or undefined. */
export function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new UsageError(`--year doit être une année AAAA (reçu « ${value} ») (--year must be a year)`);
  return year;
}

/** Parses `--lang`. */
export function parseLang(value: string | undefined): 'fr' | 'en' {
  if (value === undefined || value === 'fr' || value === 'en') return value ?? 'fr';
  throw new UsageError(`--lang doit valoir fr ou en (reçu « ${value} ») (--lang must be fr or en)`);
}

/** The arguments shared by `validate` and `audit`: one file, `--year`, `--format text|json|html`, `--lang`, `--edition`, `--out`. */
export interface FileCheckArgs {
  file: string;
  year: number | undefined;
  format: 'text' | 'json' | 'html';
  lang: 'fr' | 'en';
  /** `--edition`: forces the edition instead of the records'. */
  edition: EditionId | undefined;
  /** `--out`: where the report goes (`-`, the default, is stdout). */
  out: string;
  /** `--encoding`: of a CSV file (an XML file's declaration wins). */
  encoding: string | undefined;
  /** `--destination` (validate only): who receives the file; `onpe` forbids UTDP (G18 p16). */
  destination: 'onpe' | 'odpe' | undefined;
  /** `--quiet`: no progress line. */
  quiet: boolean;
}

/** Parses the arguments shared by `validate` and `audit`, with French-first usage errors. */
export function parseFileCheckArgs(args: string[], extra: { destination?: boolean } = {}): FileCheckArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      year: { type: 'string' },
      format: { type: 'string', default: 'text' },
      lang: { type: 'string' },
      edition: { type: 'string' },
      out: { type: 'string', default: '-' },
      encoding: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      ...(extra.destination ? { destination: { type: 'string' } } : {}),
    },
  });
  const destination = (values as { destination?: string }).destination;
  if (destination !== undefined && destination !== 'onpe' && destination !== 'odpe') {
    throw new UsageError(
      `--destination doit valoir onpe ou odpe (reçu « ${destination.slice(0, 40)} ») (--destination must be onpe or odpe)`,
    );
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'html') {
    throw new UsageError(`--format doit valoir text, json ou html (reçu « ${format} »)`);
  }
  const file = positionals[0];
  if (file === undefined || positionals.length > 1)
    throw new UsageError('un fichier est attendu (exactly one file is expected)');
  return {
    file,
    format,
    year: parseYear(values.year),
    lang: parseLang(values.lang),
    edition: parseEdition(values.edition),
    out: values.out,
    encoding: parseEncoding(values.encoding),
    destination,
    quiet: values.quiet === true,
  };
}

/**
 * Passes records through unchanged while feeding each one to `see` (e.g. a fill-rate counter for the HTML
 * report), so the stream is still read once. An iterator written by hand, not an async generator: a generator's
 * `for await` and `yield` cost promise turns per record (measured on 400,000 records passed through: ~205 ms as a
 * generator, ~115 ms so, ~105 ms without the stage).
 */
export function tapRecords(
  records: AsyncIterable<RecordItem>,
  see: (values: Readonly<Record<string, string | undefined>>) => void,
): AsyncIterableIterator<RecordItem> {
  const source = records[Symbol.asyncIterator]();
  const close = (): Promise<unknown> => source.return?.() ?? Promise.resolve();
  const seen = (result: IteratorResult<RecordItem>): IteratorResult<RecordItem> | Promise<never> => {
    if (result.done === true) return result;
    try {
      see(result.value.values);
    } catch (error) {
      // As a generator's `for await` would: the records are closed before the error goes on.
      const fail = (): never => {
        throw error;
      };
      return close().then(fail, fail);
    }
    return result;
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => source.next().then(seen),
    return: async (value?: unknown) => {
      await close();
      return { done: true, value: value as undefined };
    },
  };
}

/** The text lines that say how the edition was decided, when it is worth saying (mixed file, forced edition). */
export function editionLines(input: OpenedRecords, outcome: ReadingOutcome, lang: 'fr' | 'en'): string[] {
  const en = lang === 'en';
  const lines: string[] = [];
  if (outcome.mixed) {
    const at =
      outcome.mixed.lines.length > 0
        ? ` (${en ? 'lines' : 'lignes'} ${outcome.mixed.lines.join(', ')}${outcome.mixed.otherCount > outcome.mixed.lines.length ? '…' : ''})`
        : '';
    lines.push(`${en ? outcome.mixed.messageEn : outcome.mixed.message}${at}`);
  }
  if (input.fileEdition.source === 'forced')
    lines.push(
      en ? `Edition ${input.edition} forced by --edition.` : `Édition ${input.edition} imposée par --edition.`,
    );
  return lines;
}

/**
 * The first lines of the text report of `validate` and `audit`: what left the reading incomplete (then a blank
 * line), how the edition was decided, a note (`validate`'s year), then each read error located in the file.
 */
export function textReportHead(
  input: OpenedRecords,
  outcome: ReadingOutcome,
  name: string,
  lang: 'fr' | 'en',
  note?: string,
): string[] {
  const en = lang === 'en';
  const lines: string[] = [];
  const incomplete = incompleteMessage(outcome, name);
  if (incomplete) lines.push(en ? incomplete.en : incomplete.fr, '');
  lines.push(...editionLines(input, outcome, lang));
  if (note) lines.push(note);
  for (const e of input.readErrors)
    lines.push(
      `${name}:${e.line}${e.column ? `:${e.column}` : ''}: ${e.severity} ${en ? 'reading' : 'lecture'} ${en ? e.messageEn : e.message}`,
    );
  return lines;
}

/**
 * The audit as the HTML report takes it: each section's title in both languages (the audit's JSON has the
 * requested one only), so that the page's language switch translates them too.
 */
export function auditForReport(report: AuditReport): AuditResult {
  return {
    ...report,
    sections: report.sections.map((s) => {
      const def = AUDIT_SECTIONS.find((d) => d.id === s.id);
      return { ...s, title: { fr: def?.title.fr ?? s.title, en: def?.title.en ?? def?.title.fr ?? s.title } };
    }),
  };
}

/** The `reading` part of the HTML report: shown before everything else. */
export function readingForReport(input: OpenedRecords, outcome: ReadingOutcome, lang: 'fr' | 'en'): ReportReading {
  const incomplete = incompleteMessage(outcome, displayName(input.fileName, 'input'));
  void lang;
  return {
    records: outcome.read,
    unreadable: outcome.unreadable,
    complete: !outcome.incomplete,
    ...(incomplete ? { message: incomplete } : {}),
    ...(outcome.mixed ? { mixed: { fr: outcome.mixed.message, en: outcome.mixed.messageEn } } : {}),
    editions: outcome.editions,
    errors: input.readErrors.map((e) => ({
      line: e.line,
      severity: e.severity,
      message: { fr: e.message, en: e.messageEn },
    })),
  };
}
