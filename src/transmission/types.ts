/**
 * The items a transmission reader yields and the options it takes. Shared by the XML and CSV readers.
 *
 * @module
 */
import type { ModelIssue } from '../model/index.js';
import type { EditionId } from '../nomenclature/index.js';
import type { SummarisedStream } from '../_lib/stream.js';

/** What a reader accepts: the whole text or bytes, or chunks of either (sync or async). */
export type TransmissionInput =
  | string
  | Uint8Array
  | Iterable<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>;

/** The file format. `auto` looks at the file name, then at the first character (`<` means XML). */
export type TransmissionFormat = 'xml' | 'csv';

/** Options of {@link readTransmission}. */
export interface ReadOptions {
  /** `auto` (default) guesses from `fileName` then from the content. */
  format?: TransmissionFormat | 'auto';
  /** Shown in messages and used to guess the format (`.xml`, `.csv`). */
  fileName?: string;
  /**
   * Encoding of byte input: `utf-8` (default), `latin1` (ISO-8859-1) or `windows-1252`. An XML file's own
   * declaration (`<?xml … encoding="ISO-8859-1"?>`) wins; a declared encoding olinpe does not read is a fatal
   * error naming it. Text input is taken as is.
   */
  encoding?: string;
  /** Forces the edition of every record instead of detecting it per record. */
  edition?: EditionId;
  /** Checks each record against the model (`parseRecord`) and attaches the issues (default true). */
  checkModel?: boolean;
  /**
   * Largest run of characters without markup (`<` or `>`) in XML, or largest field in CSV, before the
   * reader stops with a located error (default 65,536). Real values hold at most 40 characters.
   */
  maxTokenLength?: number;
  /** Most children a `<DONNEE>` (or columns a CSV row) may have (default 1,000). */
  maxFieldsPerRecord?: number;
  /** Deepest element nesting accepted before the reader stops (default 16; a real file needs 3). */
  maxDepth?: number;
  /**
   * XML: `fast` (default) reads the usual layout with a strict scanner and hands anything else to saxes,
   * with identical results; `saxes` reads the whole file with saxes.
   */
  parser?: 'fast' | 'saxes';
}

/** The file's header: from `<INTRO>` in XML, from the header row in CSV. */
export interface HeaderItem {
  type: 'header';
  format: TransmissionFormat;
  /** The edition the header suggests (VERSIONXSD 1.x → 2011, otherwise 2016; CSV: the columns). */
  edition: EditionId;
  versionXsd?: string;
  dateExport?: string;
  /** CSV only: the column names, in file order. */
  columns?: string[];
  line: number;
}

/** One event record (one `<DONNEE>` or one CSV row). */
export interface RecordItem {
  type: 'record';
  /** 0-based position among the records read. */
  index: number;
  /** 1-based line where the record starts. */
  line: number;
  /** The edition detected for this record (or forced by the options). */
  edition: EditionId;
  /**
   * The values exactly as written in the file (after XML unescaping). A missing variable is absent, an
   * empty element is `''`. Elements that are not variables of the edition are kept here too, and listed
   * in `unknown`.
   */
  values: Record<string, string>;
  /** Names present in `values` that are not variables of `edition`. */
  unknown: string[];
  /** Model issues (`parseRecord`), including one `unknown-variable` issue per unknown name. */
  issues: ModelIssue[];
  /** Whether the record had a structural problem (duplicate element, nested element…), reported as an error item. */
  structural: boolean;
}

/** What kind of problem an error item reports. */
export type ReadErrorKind =
  | 'xml-syntax'
  | 'encoding'
  | 'dtd'
  | 'wrong-root'
  | 'unexpected-element'
  | 'nested-element'
  | 'duplicate-element'
  | 'too-many-fields'
  | 'too-long'
  | 'too-deep'
  | 'truncated'
  | 'unknown-element'
  | 'version-mismatch'
  | 'csv-separator'
  | 'csv-ragged'
  | 'csv-quote'
  | 'csv-header'
  | 'empty';

/**
 * A problem found while reading. `fatal`: the reader stopped (the rest of the input is unreadable);
 * `error`: one fragment was unreadable or one record has a structural problem; `warning`: something to
 * know (an unknown element seen for the first time, VERSIONXSD not matching the variables).
 */
export interface ErrorItem {
  type: 'error';
  kind: ReadErrorKind;
  severity: 'fatal' | 'error' | 'warning';
  line: number;
  column?: number;
  /** The variable or element concerned, when there is one. */
  variable?: string;
  /** Index of the record concerned, when the error belongs to a record that was yielded. */
  recordIndex?: number;
  fileName?: string;
  /** French. */
  message: string;
  messageEn: string;
}

/**
 * What a reading says once it is over: the `summary` of a {@link TransmissionStream} (set when the stream has
 * been read to the end, even after a fatal error). The counts add up: `read = valid + withFindings`;
 * `unreadable` counts fragments that could not be turned into a record (a broken `<DONNEE>`, a ragged CSV row,
 * the rest of a file after a fatal error counts as one).
 */
export interface ReadSummary {
  format: TransmissionFormat;
  /** Records yielded. */
  read: number;
  /** Records without any model issue and without structural problem. */
  valid: number;
  /** Records with at least one model issue or structural problem. */
  withFindings: number;
  /** Fragments that could not be read as records. */
  unreadable: number;
  /** Records per detected edition. */
  editions: Record<EditionId, number>;
  /** Whether a fatal error stopped the reading. */
  fatal: boolean;
  errors: number;
  warnings: number;
}

export type TransmissionItem = HeaderItem | RecordItem | ErrorItem;

/**
 * What a reader returns: the items of the file as they come; once read to the end, its `summary` says what the
 * reading found (the library's one streaming convention, see ARCHITECTURE.md).
 */
export type TransmissionStream = SummarisedStream<TransmissionItem, ReadSummary>;
