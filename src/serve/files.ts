/**
 * A transmission file sent as a request body, checked as `olinpe validate` and `olinpe audit` check a file:
 * the body is read as a stream of byte chunks (never held whole), the header gives the edition and export date,
 * and the records flow through the rules. The answers are the commands' `--format json` documents.
 *
 * @module
 */
import type { EditionId } from '../nomenclature/index.js';
import { audit, ruleById, validateRecords, type AuditReport, type Finding, type RecordItem, type RunSummary } from '../rules/index.js';
import { readTransmission, type ErrorItem } from '../transmission/index.js';
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

/** Counts the bytes of a body while passing them on; past `limit`, stops with {@link TooLargeError}. */
export async function* limitBytes(body: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > limit) throw new TooLargeError(limit);
    yield chunk;
  }
}

interface Opened {
  edition: EditionId;
  exportDate: string | undefined;
  records: AsyncGenerator<RecordItem>;
  readErrors: ErrorItem[];
}

/** Peeks at the header (or first record) for the edition and export date, then streams the records. */
async function open(body: AsyncIterable<Uint8Array>, fileName: string | undefined): Promise<Opened> {
  const items = readTransmission(body, { ...(fileName ? { fileName } : {}), checkModel: false })[Symbol.asyncIterator]();
  const readErrors: ErrorItem[] = [];
  let edition: EditionId | undefined;
  let exportDate: string | undefined;
  const buffered: RecordItem[] = [];
  let done = false;
  for (;;) {
    const next = await items.next();
    if (next.done) {
      done = true;
      break;
    }
    const item = next.value;
    if (item.type === 'header') {
      edition = item.edition;
      exportDate = item.dateExport;
      break;
    }
    if (item.type === 'record') {
      edition = item.edition;
      buffered.push({ record: item.values, line: item.line, index: item.index });
      break;
    }
    if (item.type === 'error') {
      if (item.severity === 'fatal') throw new UnreadableFileError(item);
      readErrors.push(item);
    }
  }
  async function* records(): AsyncGenerator<RecordItem> {
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

/** How the body is named in answers, and read. */
export interface FileOptions {
  /** The name given by the caller (the `file` member of the answer); `<request>` otherwise. */
  name?: string | undefined;
  /** A name whose extension tells the format (`.csv`, `.xml`) when the content type does. */
  fileName?: string | undefined;
  year?: number | undefined;
  lang: Lang;
}

function readErrorJson(e: ErrorItem, lang: Lang): Record<string, unknown> {
  return { line: e.line, column: e.column, severity: e.severity, kind: e.kind, variable: e.variable, message: lang === 'en' ? e.messageEn : e.message };
}

/** Throws {@link UnreadableFileError} when the file could not be read at all. */
function refuseUnreadable(readErrors: readonly ErrorItem[], records: number): void {
  const fatal = readErrors.find((e) => e.severity === 'fatal');
  if (fatal && records === 0) throw new UnreadableFileError(fatal);
}

/**
 * Validates a streamed file with every rule: the document `olinpe validate --format json` writes.
 *
 * @example
 * const json = await validateFile(request.body, { lang: 'fr', year: 2024, fileName: 'x.xml' });
 */
export async function validateFile(body: AsyncIterable<Uint8Array>, options: FileOptions): Promise<Record<string, unknown>> {
  const input = await open(body, options.fileName);
  const run = validateRecords(input.records, {
    edition: input.edition,
    lang: options.lang,
    ...(options.year !== undefined ? { referenceYear: options.year } : {}),
    ...(input.exportDate ? { exportDate: input.exportDate } : {}),
  });
  const findings: Finding[] = [];
  let summary: RunSummary;
  for (;;) {
    const next = await run.next();
    if (next.done) {
      summary = next.value;
      break;
    }
    findings.push(next.value);
  }
  refuseUnreadable(input.readErrors, summary.records);
  const readErrors = input.readErrors.filter((e) => e.severity !== 'warning');
  return {
    file: options.name ?? '<request>',
    edition: summary.edition,
    referenceYear: options.year ?? null,
    records: summary.records,
    youngPeople: summary.youngPeople,
    errors: summary.errors + readErrors.length,
    warnings: summary.warnings,
    readErrors: input.readErrors.map((e) => readErrorJson(e, options.lang)),
    findings,
    statuses: summary.statuses.map((s) => ({ ...s, severity: ruleById(s.ruleId)?.severity })),
  };
}

/**
 * ONPE's technical audit of a streamed file: the document `olinpe audit --format json` writes, plus the read
 * errors (which the command writes on its error output).
 */
export async function auditFile(body: AsyncIterable<Uint8Array>, options: FileOptions & { year: number }): Promise<AuditReport & { readErrors: unknown[] }> {
  const input = await open(body, options.fileName);
  const report = await audit(input.records, {
    year: options.year,
    edition: input.edition,
    lang: options.lang,
    ...(input.exportDate ? { exportDate: input.exportDate } : {}),
  });
  refuseUnreadable(input.readErrors, report.records);
  return { ...report, readErrors: input.readErrors.map((e) => readErrorJson(e, options.lang)) };
}
