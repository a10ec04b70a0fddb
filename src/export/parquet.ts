/**
 * Yearly files to Parquet through DuckDB: the events (one row per event, typed columns), the linkage the
 * analysis computes (young people, pseudonyms, measures, what could not be linked), the calendar of the files'
 * years and the nomenclature. Events stream into two staging CSV files (one megabyte of text held at a time),
 * loaded into staging tables by DuckDB's own CSV reader once every file is read (see CsvSink in ./chunks.ts);
 * the linkage runs in DuckDB and in batches of whole young people (./linkage.ts), so that memory stays bounded
 * whatever the number of files and events: DuckDB's by `memory_limit` (it spills to `temp_directory`),
 * JavaScript's by one batch. Each table is then written with `COPY … (FORMAT parquet)`.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { DANGER_VARIABLES, NO_DAY, SMALL_COLUMNS, dayNumber, dayOf, yearOfDay } from '../analysis/index.js';
import { variables, type EditionId } from '../nomenclature/index.js';
import { migrate2011, type ErrorItem, type TransmissionItem } from '../transmission/index.js';
import {
  PARTIAL_DATE_SUFFIX,
  completeDay,
  eventVariableColumns,
  type Edition2011Mode,
  type VariableColumn,
} from './columns.js';
import { closeDuckDB, loadDuckDB, openDuckDB, sqlName, sqlString, type DuckDBSettings } from './duckdb.js';
import { openCsvSink, type CsvSink, type RowSink, type StagingFs } from './chunks.js';
import { BATCH_LINES, QUALITY_QUERY, linkInDuckDB, linkStageDdl } from './linkage.js';

/** One yearly file to export: its label (kept in the `file` column) and the items its reader yields. */
export interface ExportSource {
  file: string;
  items: AsyncIterable<TransmissionItem> | Iterable<TransmissionItem>;
}

/** Where the export stands, for a progress line. */
export interface ExportProgress {
  phase: 'events' | 'linkage' | 'write';
  file?: string;
  /** Events read so far, all files together. */
  events: number;
  /** Table being written (phase `write`). */
  table?: string;
  /** Young people linked so far, of `total` (phase `linkage`). */
  people?: number;
  total?: number;
}

/** Options of {@link exportParquet}. */
export interface ExportOptions extends DuckDBSettings {
  /** Directory the Parquet files are written to (must exist). */
  outDir: string;
  /** 2011 records: migrated to 2016 (default) or kept with the 2011-only columns. */
  edition2011?: Edition2011Mode;
  /** Compute the linkage tables (default true). */
  linkage?: boolean;
  /** Lines linked together in JavaScript, whole young people (default 50,000): the bound on the linkage's memory. */
  linkageBatchLines?: number;
  /** Called every `progressEvery` events and at each phase. */
  onProgress?: (progress: ExportProgress) => void;
  progressEvery?: number;
  /** Called with every error item of the readers (a fatal one stops the reading of that file). */
  onError?: (file: string, error: ErrorItem) => void;
  /**
   * Where the events are staged as CSV before DuckDB reads them (a new directory is made inside, removed at the
   * end; about 400 bytes an event) and the file operations to do it: Node's `fs` (`import * as fs from 'node:fs'`).
   */
  staging: { fs: StagingFs; directory: string };
  /** Parquet compression (default `snappy`, which every Parquet reader knows; `zstd` is smaller). */
  compression?: 'zstd' | 'snappy' | 'gzip' | 'uncompressed';
}

/** What was written: the row count of each table and the files read. */
export interface ExportSummary {
  tables: Record<string, number>;
  files: { file: string; year: number; departement: string; lines: number }[];
  events: number;
  errors: number;
  fatal: number;
}

/** The tables written, in order; `<name>.parquet` in the output directory. */
export const EXPORT_TABLES = [
  'events',
  'files',
  'years',
  'month_ends',
  'people',
  'pseudonyms',
  'measures',
  'quality',
  'variables',
  'codes',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

function appendText(a: RowSink, v: string | null | undefined): void {
  if (v === null || v === undefined || v === '') a.appendNull();
  else a.appendVarchar(v);
}
function appendInt(a: RowSink, v: number | null): void {
  if (v === null) a.appendNull();
  else a.appendInteger(v);
}

/** Distinct date texts whose year is remembered (a bound: the cache is emptied past it). */
const YEAR_CACHE_LIMIT = 100_000;
/** Distinct codes and dates whose first appearance is remembered (past the analysis' own limit, only TYPEV's). */
const SMALL_FIRST_LIMIT = 65_536;

/**
 * Exports yearly files to Parquet: `events`, `files`, `years`, `month_ends`, `people`, `pseudonyms`,
 * `measures`, `quality`, `variables`, `codes` (see docs/guides/parquet.md for every column).
 *
 * @example
 * await exportParquet([{ file: 'dep84-2019.xml', items: readTransmission(bytes, { checkModel: false }) }], { outDir: 'parquet', staging: { fs, directory: tmpdir() } });
 */
export async function exportParquet(sources: readonly ExportSource[], options: ExportOptions): Promise<ExportSummary> {
  const duck = await loadDuckDB();
  DateValue = duck.DuckDBDateValue;
  const mode = options.edition2011 ?? 'migrate';
  const withLinkage = options.linkage ?? true;
  const every = options.progressEvery ?? 50_000;
  const columns = eventVariableColumns(mode);
  const known = new Set(columns.map((c) => c.name));
  const db = await openDuckDB(options);
  const c = db.connection;
  let w: DuckDBConnection | undefined;
  let stage: string | undefined;
  const fs = options.staging.fs;
  try {
    const varDefs = columns.flatMap((col) =>
      col.kind === 'date'
        ? [`${sqlName(col.name)} DATE`, `${sqlName(col.name + PARTIAL_DATE_SUFFIX)} VARCHAR`]
        : [`${sqlName(col.name)} VARCHAR`],
    );
    // The staging table of the events gives their CSV file its column names and types (it stays empty: the
    // COPY to Parquet reads the CSV file itself).
    await c.run(
      `CREATE TABLE events_stage (row_id INTEGER, file_id INTEGER, line INTEGER, edition VARCHAR, ${varDefs.join(', ')}, autres VARCHAR)`,
    );
    if (withLinkage) await c.run(linkStageDdl());
    // File labels as the analysis numbers them (a label given twice is one file for the linkage).
    const linkFiles: string[] = [];
    const linkFileIndex = new Map<string, number>();
    const yearCounts: Map<number, number>[] = [];
    const linkLines: number[] = [];
    const files: { file: string; lines: number; deps: Map<string, number>; link: number }[] = [];
    // Year (times two) plus one when approximate, of a date text, as the analysis reads it (0: no date).
    const yearCache = new Map<string, number>();
    const dateInfo = (text: string | undefined): number => {
      if (!text) return 0;
      let y = yearCache.get(text);
      if (y === undefined) {
        const d = dayNumber(text);
        y = d.day === NO_DAY ? 0 : 2 * yearOfDay(d.day) + (d.approximate ? 1 : 0);
        if (yearCache.size >= YEAR_CACHE_LIMIT) yearCache.clear();
        yearCache.set(text, y);
      }
      return y;
    };
    // The analysis orders a young person's lines by the pool id of their TYPEV first (ids in the order values first
    // appear in any of its coded or dated columns): the linkage gives every batch the TYPEV values in that order.
    // Bounded by the distinct codes and dates (the analysis itself stops at 65,535 of them).
    const smallFirst = new Map<string, number>();
    const typevValues = new Set<string>();
    let events = 0;
    let errors = 0;
    let fatal = 0;
    // The two staging tables are written as CSV files and loaded by DuckDB once every file is read (see CsvSink).
    stage = fs.mkdtempSync(`${options.staging.directory.replace(/[\\/]+$/, '')}/olinpe-stage-`);
    const appender = await openCsvSink(fs, c, 'events_stage', `${stage}/events.csv`);
    const link = withLinkage ? await openCsvSink(fs, c, 'link_stage', `${stage}/link.csv`) : undefined;
    for (const source of sources) {
      const fileId = files.length;
      let lf = linkFileIndex.get(source.file);
      if (lf === undefined) {
        lf = linkFiles.push(source.file) - 1;
        linkFileIndex.set(source.file, lf);
        yearCounts.push(new Map());
        linkLines.push(0);
      }
      const counts = yearCounts[lf]!;
      const info = { file: source.file, lines: 0, deps: new Map<string, number>(), link: lf };
      files.push(info);
      options.onProgress?.({ phase: 'events', file: source.file, events });
      for await (const item of source.items) {
        if (item.type === 'error') {
          errors++;
          if (item.severity === 'fatal') fatal++;
          options.onError?.(source.file, item);
          continue;
        }
        if (item.type !== 'record') continue;
        const edition: EditionId = item.edition;
        let values: Readonly<Record<string, string | undefined>> = item.values;
        let linkValues = values;
        let lost: Record<string, string> | undefined;
        if (edition === '2011') {
          const migrated = migrate2011(values);
          linkValues = migrated.record;
          if (mode === 'migrate') {
            values = migrated.record;
            for (const loss of migrated.losses) if (loss.value !== '') (lost ??= {})[loss.variable] = loss.value;
          }
        }
        appender.appendInteger(events);
        appender.appendInteger(fileId);
        appender.appendInteger(item.line);
        appender.appendVarchar(edition);
        for (const col of columns) appendValue(appender, col, values[col.name]);
        for (const name in values) {
          const value = values[name];
          if (!known.has(name) && value !== undefined && value !== '') (lost ??= {})[name] = value;
        }
        appendText(appender, lost ? JSON.stringify(lost) : null);
        appender.endRow();

        // What the linkage reads, trimmed as the analysis' RecordTable trims it; the file's year counts.
        const d1 = dateInfo(linkValues.DATDECPE?.trim());
        const d2 = dateInfo(linkValues.DATDEB?.trim());
        const d3 = dateInfo(linkValues.DATFIN?.trim());
        if (link) {
          link.appendInteger(events);
          link.appendInteger(lf);
          link.appendInteger(item.line || events + 1);
          appendText(link, linkValues.NUMANONYM?.trim().toLowerCase());
          appendText(link, linkValues.NUMANONYMANT?.trim().toLowerCase());
          for (const col of SMALL_COLUMNS) {
            const v = linkValues[col]?.trim();
            appendText(link, v);
            if (v && !smallFirst.has(v) && (smallFirst.size < SMALL_FIRST_LIMIT || col === 'TYPEV'))
              smallFirst.set(v, smallFirst.size);
            if (col === 'TYPEV' && v) typevValues.add(v);
          }
          appendText(link, linkValues.AUTREDA?.trim());
          appendText(link, linkValues.AUTREDJ?.trim());
          let packed = 0;
          for (let k = 0; k < DANGER_VARIABLES.length; k++) {
            const v = linkValues[DANGER_VARIABLES[k]!];
            packed |= (v === '1' ? 1 : v === '2' ? 2 : v === '9' ? 3 : 0) << (2 * k);
          }
          link.appendUInteger(packed >>> 0);
          link.appendBoolean(((d1 | d2 | d3) & 1) === 1);
          link.endRow();
        }
        const y1 = d1 >> 1;
        const y2 = d2 >> 1;
        const y3 = d3 >> 1;
        if (y1 > 0) counts.set(y1, (counts.get(y1) ?? 0) + 1);
        if (y2 > 0 && y2 !== y1) counts.set(y2, (counts.get(y2) ?? 0) + 1);
        if (y3 > 0 && y3 !== y1 && y3 !== y2) counts.set(y3, (counts.get(y3) ?? 0) + 1);
        linkLines[lf]!++;
        info.lines++;
        const dep = values.NUMDEP?.trim();
        if (dep) info.deps.set(dep, (info.deps.get(dep) ?? 0) + 1);
        events++;
        if (events % every === 0) {
          options.onProgress?.({ phase: 'events', file: source.file, events });
          // Let the event loop breathe (progress output, a reader's pending I/O).
          await new Promise((ok) => setImmediate(ok));
        }
      }
    }
    // The events stay in their CSV file until the Parquet file is written (read once, by the COPY); the
    // linkage's few columns are loaded into their table, which the linkage queries read several times.
    appender.closeSync();
    await link?.load(c);

    // The reference year of each file: the year most of its lines have a date in (as the analysis infers it).
    const linkYear = yearCounts.map((m, lf) => {
      if (linkLines[lf] === 0) return 0;
      let best = 0;
      let bestN = -1;
      for (const [y, n] of m) if (n > bestN || (n === bestN && y > best)) [best, bestN] = [y, n];
      return best;
    });
    const years = linkYear.filter((y, lf) => y > 0 && linkLines[lf]! > 0);
    const window = {
      firstYear: years.length ? Math.min(...years) : 0,
      lastYear: years.length ? Math.max(...years) : 0,
    };
    const fileRows = files.map((f, id) => {
      let departement = '';
      let best = 0;
      for (const [d, n] of f.deps) if (n > best || (n === best && d < departement)) [departement, best] = [d, n];
      return { id, file: f.file, year: linkYear[f.link] ?? 0, departement, lines: f.lines };
    });
    await writeSmallTables(c, fileRows, withLinkage ? window : undefined);

    if (withLinkage) {
      options.onProgress?.({ phase: 'linkage', events });
      await c.run('CREATE TABLE link_files_t (link_file INTEGER, file VARCHAR)');
      const lfa = await c.createAppender('link_files_t');
      linkFiles.forEach((label, i) => {
        lfa.appendInteger(i);
        lfa.appendVarchar(label);
        lfa.endRow();
      });
      lfa.closeSync();
      w = await db.instance.connect();
      const typevOrder = [...typevValues].sort((a, b) => smallFirst.get(a)! - smallFirst.get(b)!);
      smallFirst.clear();
      await linkInDuckDB(
        duck,
        c,
        w,
        linkFiles,
        typevOrder,
        window,
        DateValue,
        options.linkageBatchLines ?? BATCH_LINES,
        (people, total) => options.onProgress?.({ phase: 'linkage', events, people, total }),
      );
      // The person and measure of every event, in the events' order, for a positional join (no sort of the events).
      await c.run(`CREATE TABLE links_in_order AS
        SELECT s.row_id, l.person_id, l.measure_id FROM link_stage s LEFT JOIN event_links_t l USING (row_id) ORDER BY s.row_id`);
    }

    const summary: ExportSummary = {
      tables: {},
      files: fileRows.map(({ file, year, departement, lines }) => ({ file, year, departement, lines })),
      events,
      errors,
      fatal,
    };
    const compression = options.compression ?? 'snappy';
    for (const name of EXPORT_TABLES) {
      if (!withLinkage && ['people', 'pseudonyms', 'measures', 'quality', 'years', 'month_ends'].includes(name))
        continue;
      options.onProgress?.({ phase: 'write', events, table: name });
      const query =
        name === 'events'
          ? eventsQuery(columns, fileRows, withLinkage, appender.select())
          : name === 'quality'
            ? QUALITY_QUERY
            : `SELECT * FROM ${name}_t`;
      const path = `${options.outDir.replace(/[\\/]+$/, '')}/${name}.parquet`;
      // Row groups of the wide events table kept small: the Parquet writer holds one per thread in memory.
      const rowGroup = name === 'events' ? ', ROW_GROUP_SIZE 16384' : '';
      const result = await c.run(
        `COPY (${query}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION ${compression}${rowGroup})`,
      );
      summary.tables[name] = Number(result.rowsChanged);
    }
    return summary;
  } finally {
    w?.closeSync();
    closeDuckDB(db);
    if (stage) fs.rmSync(stage, { recursive: true, force: true });
  }
}

/** Day numbers of complete dates by their text (dates repeat: a bound empties the cache past it). */
const completeDays = new Map<string, number | null>();

function appendValue(a: CsvSink, col: VariableColumn, raw: string | undefined): void {
  if (col.kind === 'text') {
    appendText(a, raw);
    return;
  }
  let day: number | null | undefined = null;
  if (raw) {
    day = completeDays.get(raw);
    if (day === undefined) {
      day = completeDay(raw);
      if (completeDays.size >= YEAR_CACHE_LIMIT) completeDays.clear();
      completeDays.set(raw, day);
    }
  }
  if (day === null) {
    a.appendNull();
    appendText(a, raw);
  } else {
    a.appendDay(day);
    a.appendNull();
  }
}

// Set once the module is loaded (see exportParquet); a tiny indirection so appendValue stays synchronous.
let DateValue: new (days: number) => import('@duckdb/node-api').DuckDBDateValue;

/**
 * The events in the order they were read, without a sort: the staging CSV file is scanned in order and
 * joined by position with the links (sorted by row); the file's label, year and département are looked up in
 * lists (a projection, which keeps the order).
 */
function eventsQuery(
  columns: VariableColumn[],
  fileRows: { file: string; year: number; departement: string }[],
  withLinkage: boolean,
  staged: string,
): string {
  const vars = columns.flatMap((col) =>
    col.kind === 'date' ? [sqlName(col.name), sqlName(col.name + PARTIAL_DATE_SUFFIX)] : [sqlName(col.name)],
  );
  const pick = (values: string[]): string => `list_extract(CAST([${values.join(', ')}] AS VARCHAR[]), s.file_id + 1)`;
  const file = pick(fileRows.map((f) => sqlString(f.file)));
  const year = `CAST(${pick(fileRows.map((f) => (f.year ? `'${f.year}'` : 'NULL')))} AS INTEGER)`;
  const departement = pick(fileRows.map((f) => (f.departement ? sqlString(f.departement) : 'NULL')));
  // Every row checks that its link is its own (a join by position must never shift).
  const link = withLinkage
    ? `CASE WHEN s.row_id = l.row_id THEN l.person_id ELSE error('rattachement : lignes dans le désordre (events and links out of step)') END AS person_id, l.measure_id`
    : 'CAST(NULL AS INTEGER) AS person_id, CAST(NULL AS INTEGER) AS measure_id';
  const join = withLinkage ? 'POSITIONAL JOIN links_in_order l' : '';
  return `SELECT s.row_id, ${file} AS file, ${year} AS year, ${departement} AS departement, s.line, s.edition, ${link}, ${vars.map((v) => `s.${v}`).join(', ')}, s.autres
    FROM (${staged}) s ${join}`;
}

async function appendRows(
  c: DuckDBConnection,
  name: string,
  ddl: string,
  fill: (a: DuckDBAppender) => void,
): Promise<void> {
  await c.run(`CREATE TABLE ${name} (${ddl})`);
  const a = await c.createAppender(name);
  fill(a);
  a.closeSync();
}

async function writeSmallTables(
  c: DuckDBConnection,
  fileRows: { id: number; file: string; year: number; departement: string; lines: number }[],
  window: { firstYear: number; lastYear: number } | undefined,
): Promise<void> {
  const date = (a: DuckDBAppender, day: number): void => {
    if (day === NO_DAY) a.appendNull();
    else a.appendDate(new DateValue(day));
  };

  await appendRows(
    c,
    'files_t',
    'file_id INTEGER, file VARCHAR, year INTEGER, departement VARCHAR, lines INTEGER',
    (a) => {
      for (const f of fileRows) {
        a.appendInteger(f.id);
        a.appendVarchar(f.file);
        appendInt(a, f.year || null);
        appendText(a, f.departement);
        a.appendInteger(f.lines);
        a.endRow();
      }
    },
  );

  // Nomenclature: variables and codes of both editions, labels in French and English.
  await appendRows(
    c,
    'variables_t',
    'edition VARCHAR, name VARCHAR, number INTEGER, block VARCHAR, type VARCHAR, unknown_code VARCHAR, label_fr VARCHAR, label_en VARCHAR',
    (a) => {
      for (const edition of ['2016', '2011'] as const) {
        for (const v of variables(edition)) {
          a.appendVarchar(edition);
          a.appendVarchar(v.name);
          appendInt(a, v.number ?? null);
          appendText(a, v.block);
          a.appendVarchar(v.type);
          appendText(a, v.unknownCode);
          a.appendVarchar(v.label.fr);
          appendText(a, v.label.en);
          a.endRow();
        }
      }
    },
  );
  await appendRows(
    c,
    'codes_t',
    'edition VARCHAR, variable VARCHAR, code VARCHAR, label_fr VARCHAR, label_en VARCHAR',
    (a) => {
      for (const edition of ['2016', '2011'] as const) {
        for (const v of variables(edition)) {
          for (const code of v.codes) {
            a.appendVarchar(edition);
            a.appendVarchar(v.name);
            a.appendVarchar(code.code);
            a.appendVarchar(code.label.fr);
            appendText(a, code.label.en);
            a.endRow();
          }
        }
      }
    },
  );
  if (!window) return;

  const start = window.firstYear ? dayOf(window.firstYear) : NO_DAY;
  const end = window.lastYear ? dayOf(window.lastYear, 12, 31) : NO_DAY;
  await appendRows(
    c,
    'years_t',
    'year INTEGER, first_day DATE, last_day DATE, first_day_n INTEGER, last_day_n INTEGER, window_first_year INTEGER, window_last_year INTEGER, window_start_n INTEGER, window_end_n INTEGER',
    (a) => {
      for (let y = window.firstYear; y && y <= window.lastYear; y++) {
        const first = dayOf(y);
        const last = dayOf(y, 12, 31);
        a.appendInteger(y);
        date(a, first);
        date(a, last);
        a.appendInteger(first);
        a.appendInteger(last);
        a.appendInteger(window.firstYear);
        a.appendInteger(window.lastYear);
        a.appendInteger(start);
        a.appendInteger(end);
        a.endRow();
      }
    },
  );
  await appendRows(c, 'month_ends_t', 'month VARCHAR, year INTEGER, day DATE, day_n INTEGER', (a) => {
    for (let y = window.firstYear; y && y <= window.lastYear; y++) {
      for (let mo = 1; mo <= 12; mo++) {
        const d = dayOf(y, mo + 1, 1) - 1;
        a.appendVarchar(`${y}-${String(mo).padStart(2, '0')}`);
        a.appendInteger(y);
        date(a, d);
        a.appendInteger(d);
        a.endRow();
      }
    }
  });
}
