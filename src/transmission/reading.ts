/**
 * A transmission file read for the rules, as `olinpe validate`, `olinpe audit` and `olinpe serve` read it: the
 * file's edition is decided from its records (VERSIONXSD is a hint; a forced edition wins), then the records of
 * that edition stream as the reader's own record items (`{ values, line, index, … }`, which `validateRecords` and
 * `audit` take as they are) while read errors are collected, never thrown. Once the records have been read to the
 * end, their stream's `summary` (a {@link ReadingOutcome}) says whether part of the file could not be read, so that every report can say it
 * first. One definition for the command line and the HTTP service.
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { mixedEditions, openTransmissionBatches, type FileEdition } from './file-edition.js';
import type { ErrorItem, ReadOptions, RecordItem, TransmissionInput } from './types.js';
import { summarised, type SummarisedStream } from '../_lib/stream.js';

/** What is known of the reading once the records have been consumed. */
export interface ReadingOutcome {
  /** Records the reader yielded (all editions). */
  read: number;
  /** Fragments that could not be read (a broken record, the rest of the file after a fatal error). */
  unreadable: number;
  /** The first fatal error, when the reader stopped early. */
  fatal: ErrorItem | undefined;
  /** Records per detected edition, over the whole file. */
  editions: Record<EditionId, number>;
  /** Whether part of the file could not be read (a fatal error or an unreadable fragment). */
  incomplete: boolean;
  /** When the file mixes both editions: the message and how many records of the other edition were left out. */
  mixed: { message: string; messageEn: string; other: EditionId; otherCount: number; lines: number[] } | undefined;
}

/** A file opened for the rules. */
export interface RecordsForRules {
  /** The edition the rules use: the records' (most of them), or the forced one. */
  edition: EditionId;
  /** How the edition was decided, with the header's hint. */
  fileEdition: FileEdition;
  exportDate: string | undefined;
  /**
   * The records of `edition` (a record of the other edition in a mixed file is left out and counted); the
   * stream's `summary` is the reading's outcome, once the records have been read to the end.
   */
  records: SummarisedStream<RecordItem, ReadingOutcome>;
  /** Read errors met so far (grows while `records` is consumed). */
  readErrors: ErrorItem[];
}

/**
 * Opens a transmission file for the rules. Never throws on a read error: they are collected in `readErrors` and
 * summed up by the `summary` of `records`.
 *
 * @example
 * const xml = '<DECRET><INTRO><VERSIONXSD>1.22</VERSIONXSD></INTRO><DONNEE><TYPEV>1</TYPEV></DONNEE></DECRET>';
 * const opened = await openRecordsForRules(xml);
 * for await (const item of opened.records) item.values.TYPEV; // "1"
 * opened.records.summary?.incomplete; // false
 */
export async function openRecordsForRules(
  input: TransmissionInput,
  options: ReadOptions = {},
): Promise<RecordsForRules> {
  // The reader's batches, not its items one by one: the records cross one stage of async generators instead of five.
  const opened = await openTransmissionBatches(input, { ...options, checkModel: false });
  const edition = opened.edition;
  const readErrors: ErrorItem[] = [];
  const otherLines: number[] = [];
  async function* records(end: (outcome: ReadingOutcome) => void): AsyncGenerator<RecordItem, void, undefined> {
    for await (const batch of opened.batches)
      for (const item of batch) {
        if (item.type === 'record') {
          if (item.edition === edition.edition) yield item;
          else if (otherLines.length < 20) otherLines.push(item.line);
        } else if (item.type === 'error') readErrors.push(item);
      }
    end(outcome());
  }
  function outcome(): ReadingOutcome {
    const summary = opened.batches.summary;
    const editions = summary?.editions ?? edition.counts;
    const fatal = readErrors.find((e) => e.severity === 'fatal');
    const unreadable = summary?.unreadable ?? 0;
    const mixed = mixedEditions(editions, edition.edition);
    return {
      read: summary?.read ?? editions['2016'] + editions['2011'],
      unreadable,
      fatal,
      editions,
      incomplete: fatal !== undefined || unreadable > 0,
      mixed: mixed ? { ...mixed, lines: otherLines } : undefined,
    };
  }
  return {
    edition: edition.edition,
    fileEdition: edition,
    exportDate: opened.header?.dateExport,
    records: summarised(records),
    readErrors,
  };
}

/**
 * The message of a reading that stopped or skipped fragments, French then English, with the records read;
 * undefined when the reading was complete. `name` prefixes the fatal error's line.
 */
export function incompleteMessage(outcome: ReadingOutcome, name = ''): { fr: string; en: string } | undefined {
  if (!outcome.incomplete) return undefined;
  const where = outcome.fatal
    ? `${name}:${outcome.fatal.line}${outcome.fatal.column ? `:${outcome.fatal.column}` : ''}`
    : name;
  const fatalFr = outcome.fatal ? ` ${where}: lecture impossible : ${outcome.fatal.message}` : '';
  const fatalEn = outcome.fatal ? ` ${where}: cannot read: ${outcome.fatal.messageEn}` : '';
  return {
    fr: `LECTURE INCOMPLÈTE : ${outcome.read} enregistrement(s) lu(s), ${outcome.unreadable} fragment(s) illisible(s).${fatalFr} Le fichier ne peut pas être transmis tel quel ; les constats ne portent que sur les enregistrements lus.`,
    en: `INCOMPLETE READING: ${outcome.read} record(s) read, ${outcome.unreadable} unreadable fragment(s).${fatalEn} The file cannot be sent as it is; the findings cover the records read only.`,
  };
}

/** One read error as the JSON reports give it. */
export function readErrorJson(e: ErrorItem, lang: 'fr' | 'en'): Record<string, unknown> {
  return {
    line: e.line,
    column: e.column,
    severity: e.severity,
    kind: e.kind,
    variable: e.variable,
    message: lang === 'en' ? e.messageEn : e.message,
  };
}

/** The `reading` block of the JSON reports (their first key): complete or not, counts, the edition and how it was decided. */
export function readingJson(
  input: Pick<RecordsForRules, 'edition' | 'fileEdition'>,
  outcome: ReadingOutcome,
  lang: 'fr' | 'en',
): Record<string, unknown> {
  const incomplete = incompleteMessage(outcome);
  return {
    complete: !outcome.incomplete,
    records: outcome.read,
    unreadable: outcome.unreadable,
    fatal: outcome.fatal ? readErrorJson(outcome.fatal, lang) : null,
    message: incomplete ? (lang === 'en' ? incomplete.en : incomplete.fr) : null,
    edition: input.edition,
    editionSource: input.fileEdition.source,
    headerEdition: input.fileEdition.headerEdition ?? null,
    versionXsd: input.fileEdition.versionXsd ?? null,
    editions: outcome.editions,
    mixed: outcome.mixed
      ? {
          message: lang === 'en' ? outcome.mixed.messageEn : outcome.mixed.message,
          notChecked: outcome.mixed.otherCount,
          edition: outcome.mixed.other,
          firstLines: outcome.mixed.lines,
        }
      : null,
  };
}
