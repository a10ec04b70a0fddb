/**
 * A transmission file sent as a request body, checked as `olinpe validate` and `olinpe audit` check a file:
 * the body is read as a stream of byte chunks (never held whole), the header gives the edition and export date,
 * and the records flow through the rules. The answers are the commands' `--format json` documents.
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { audit, DecisionYears, ruleById, validateAll, validationYear, type AuditReport } from '../rules/index.js';
import {
  openRecordsForRules,
  readErrorJson,
  readingJson,
  type ErrorItem,
  type ReadingOutcome,
  type RecordItem,
  type RecordsForRules,
} from '../transmission/index.js';
import type { Lang } from './lang.js';

/** The body is larger than the service accepts. */
export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
    this.name = 'TooLargeError';
  }
}

/** The file cannot be read at all (a fatal error before any record), located. */
export class UnreadableFileError extends Error {
  constructor(readonly item: ErrorItem) {
    super(item.messageEn);
    this.name = 'UnreadableFileError';
  }
}

/**
 * Counts the bytes of a body while passing them on; past `limit`, stops with {@link TooLargeError}. `state.ended`
 * tells afterwards whether the body was read to its end (a reader that stops at a fatal error leaves the rest).
 */
export async function* limitBytes(
  body: AsyncIterable<Uint8Array>,
  limit: number,
  state: { ended: boolean } = { ended: false },
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > limit) throw new TooLargeError(limit);
    yield chunk;
  }
  state.ended = true;
}

/** Decides the file's edition from its records (unless forced), then streams them, as the commands read a file. */
function open(
  body: AsyncIterable<Uint8Array>,
  fileName: string | undefined,
  forced: EditionId | undefined,
): Promise<RecordsForRules> {
  return openRecordsForRules(body, { ...(fileName ? { fileName } : {}), ...(forced ? { edition: forced } : {}) });
}

/** How the body is named in answers, and read. */
export interface FileOptions {
  /** The name given by the caller (the `file` member of the answer); `<request>` otherwise. */
  name?: string | undefined;
  /** A name whose extension tells the format (`.csv`, `.xml`) when the content type does. */
  fileName?: string | undefined;
  year?: number | undefined;
  /** Forces the edition instead of the records' (the CLI's `--edition`). */
  edition?: EditionId | undefined;
  lang: Lang;
}

/** Throws {@link UnreadableFileError} when nothing could be read (a fatal error before any record). */
function refuseUnreadable(outcome: ReadingOutcome): void {
  if (outcome.fatal && outcome.read === 0) throw new UnreadableFileError(outcome.fatal);
}

/**
 * Validates a streamed file with every rule: the document `olinpe validate --format json` writes. A file read in
 * part (a broken record, a fatal error after some records) is answered, its `reading` saying so first.
 *
 * @example
 * const json = await validateFile(request.body, { lang: 'fr', year: 2024, fileName: 'x.xml' });
 */
export async function validateFile(
  body: AsyncIterable<Uint8Array>,
  options: FileOptions,
): Promise<Record<string, unknown>> {
  const input = await open(body, options.fileName, options.edition);
  // The year the data point to, as ONPE infers it: the same `year` as `olinpe validate --format json`.
  const decisionYears = new DecisionYears();
  async function* tapped(): AsyncGenerator<RecordItem> {
    for await (const item of input.records) {
      decisionYears.add(item.values.DATDECPE);
      yield item;
    }
  }
  let { findings, summary } = await validateAll(tapped(), {
    edition: input.edition,
    lang: options.lang,
    ...(options.year !== undefined ? { referenceYear: options.year } : {}),
    ...(input.exportDate ? { exportDate: input.exportDate } : {}),
  });
  const outcome = input.records.summary!;
  refuseUnreadable(outcome);
  if (outcome.read === 0 && outcome.incomplete) findings = [];
  const errorsOfRules = findings.filter((f) => f.severity === 'error').length;
  const readErrors = input.readErrors.filter((e) => e.severity !== 'warning');
  return {
    reading: readingJson(input, outcome, options.lang),
    file: options.name ?? '<request>',
    edition: input.edition,
    referenceYear: options.year ?? null,
    year: validationYear(options.year, decisionYears.inferred(), summary.statuses, options.lang).json,
    records: summary.records,
    youngPeople: summary.youngPeople,
    errors: errorsOfRules + readErrors.length + (outcome.mixed ? 1 : 0),
    warnings:
      findings.filter((f) => f.severity === 'warning').length +
      input.readErrors.filter((e) => e.severity === 'warning').length,
    readErrors: input.readErrors.map((e) => readErrorJson(e, options.lang)),
    findings,
    statuses: summary.statuses.map((s) => ({ ...s, severity: ruleById(s.ruleId)?.severity })),
  };
}

/** ONPE's technical audit of a streamed file: the document `olinpe audit --format json` writes. */
export async function auditFile(
  body: AsyncIterable<Uint8Array>,
  options: FileOptions & { year: number },
): Promise<Record<string, unknown>> {
  const input = await open(body, options.fileName, options.edition);
  const report: AuditReport = await audit(input.records, {
    year: options.year,
    edition: input.edition,
    lang: options.lang,
    ...(input.exportDate ? { exportDate: input.exportDate } : {}),
  });
  const outcome = input.records.summary!;
  refuseUnreadable(outcome);
  return {
    reading: readingJson(input, outcome, options.lang),
    readErrors: input.readErrors.map((e) => readErrorJson(e, options.lang)),
    ...report,
  };
}
