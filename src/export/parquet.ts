/**
 * Yearly files to Parquet through DuckDB: the events (one row per event, typed columns), the linkage the
 * analysis computes (young people, pseudonyms, measures, what could not be linked), the calendar of the files'
 * years and the nomenclature. Events stream into a staging table through DuckDB's appender (one record held
 * at a time); DuckDB spills past its memory limit; each table is then written with `COPY … (FORMAT parquet)`.
 * The linkage keeps the analysis' compact table (about 60 bytes an event) in memory; `linkage: false`
 * leaves it out.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { DANGER_VARIABLES, KINDS, dayNumber, NATURE_GROUPS, NO_DAY, MeasureFlag, PersonFlag, RecordTable, linkTable, type Trajectories } from '../analysis/index.js';
import { variables, type EditionId } from '../nomenclature/index.js';
import { migrate2011, type ErrorItem, type TransmissionItem } from '../transmission/index.js';
import { PARTIAL_DATE_SUFFIX, completeDay, eventVariableColumns, type Edition2011Mode, type VariableColumn } from './columns.js';
import { closeDuckDB, loadDuckDB, openDuckDB, sqlName, sqlString, type DuckDBSettings } from './duckdb.js';

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
}

/** Options of {@link exportParquet}. */
export interface ExportOptions extends DuckDBSettings {
  /** Directory the Parquet files are written to (must exist). */
  outDir: string;
  /** 2011 records: migrated to 2016 (default) or kept with the 2011-only columns. */
  edition2011?: Edition2011Mode;
  /** Compute the linkage tables (default true). */
  linkage?: boolean;
  /** Called every `progressEvery` events and at each phase. */
  onProgress?: (progress: ExportProgress) => void;
  progressEvery?: number;
  /** Called with every error item of the readers (a fatal one stops the reading of that file). */
  onError?: (file: string, error: ErrorItem) => void;
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
export const EXPORT_TABLES = ['events', 'files', 'years', 'month_ends', 'people', 'pseudonyms', 'measures', 'quality', 'variables', 'codes'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

const DANGER_CODE = [null, '1', '2', '9'] as const;

function appendText(a: DuckDBAppender, v: string | null | undefined): void {
  if (v === null || v === undefined || v === '') a.appendNull();
  else a.appendVarchar(v);
}
function appendInt(a: DuckDBAppender, v: number | null): void {
  if (v === null) a.appendNull();
  else a.appendInteger(v);
}

/**
 * Exports yearly files to Parquet: `events`, `files`, `years`, `month_ends`, `people`, `pseudonyms`,
 * `measures`, `quality`, `variables`, `codes` (see docs/guides/parquet.md for every column).
 *
 * @example
 * await exportParquet([{ file: 'dep84-2019.xml', items: readTransmission(bytes, { checkModel: false }) }], { outDir: 'parquet' });
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
  try {
    const varDefs = columns.flatMap((col) =>
      col.kind === 'date' ? [`${sqlName(col.name)} DATE`, `${sqlName(col.name + PARTIAL_DATE_SUFFIX)} VARCHAR`] : [`${sqlName(col.name)} VARCHAR`],
    );
    await c.run(
      `CREATE TABLE events_stage (row_id INTEGER, file_id INTEGER, line INTEGER, edition VARCHAR, ${varDefs.join(', ')}, autres VARCHAR)`,
    );
    const table = new RecordTable();
    const files: { file: string; lines: number; deps: Map<string, number> }[] = [];
    let events = 0;
    let errors = 0;
    let fatal = 0;
    const appender = await c.createAppender('events_stage');
    for (const source of sources) {
      const fileId = files.length;
      const info = { file: source.file, lines: 0, deps: new Map<string, number>() };
      files.push(info);
      table.fileId(source.file);
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
        for (const [name, value] of Object.entries(values)) {
          if (!known.has(name) && value !== undefined && value !== '') (lost ??= {})[name] = value;
        }
        appendText(appender, lost ? JSON.stringify(lost) : null);
        appender.endRow();
        table.add(linkValues, source.file, item.line);
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
    appender.closeSync();

    options.onProgress?.({ phase: 'linkage', events });
    const t = withLinkage ? linkTable(table) : undefined;
    const yearOf = new Map((t?.files ?? []).map((f) => [f.file, f.year]));
    const fileRows = files.map((f, id) => {
      let departement = '';
      let best = 0;
      for (const [d, n] of f.deps) if (n > best || (n === best && d < departement)) [departement, best] = [d, n];
      return { id, file: f.file, year: yearOf.get(f.file) ?? 0, departement, lines: f.lines };
    });
    await writeSmallTables(c, fileRows, t);

    const summary: ExportSummary = {
      tables: {},
      files: fileRows.map(({ file, year, departement, lines }) => ({ file, year, departement, lines })),
      events,
      errors,
      fatal,
    };
    const compression = options.compression ?? 'snappy';
    for (const name of EXPORT_TABLES) {
      if (!withLinkage && ['people', 'pseudonyms', 'measures', 'quality', 'years', 'month_ends'].includes(name)) continue;
      options.onProgress?.({ phase: 'write', events, table: name });
      const query = name === 'events' ? eventsQuery(columns, withLinkage) : `SELECT * FROM ${name}_t`;
      const path = `${options.outDir.replace(/[\\/]+$/, '')}/${name}.parquet`;
      const result = await c.run(`COPY (${query}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION ${compression})`);
      summary.tables[name] = Number(result.rowsChanged);
    }
    return summary;
  } finally {
    closeDuckDB(db);
  }
}

function appendValue(a: DuckDBAppender, col: VariableColumn, raw: string | undefined): void {
  if (col.kind === 'text') {
    appendText(a, raw);
    return;
  }
  const day = completeDay(raw);
  if (day === null) {
    a.appendNull();
    appendText(a, raw);
  } else {
    a.appendDate(new DateValue(day));
    a.appendNull();
  }
}

// Set once the module is loaded (see exportParquet); a tiny indirection so appendValue stays synchronous.
let DateValue: new (days: number) => import('@duckdb/node-api').DuckDBDateValue;

function eventsQuery(columns: VariableColumn[], withLinkage: boolean): string {
  const vars = columns.flatMap((col) => (col.kind === 'date' ? [sqlName(col.name), sqlName(col.name + PARTIAL_DATE_SUFFIX)] : [sqlName(col.name)]));
  const link = withLinkage ? 'l.person_id, l.measure_id' : 'CAST(NULL AS INTEGER) AS person_id, CAST(NULL AS INTEGER) AS measure_id';
  const join = withLinkage ? 'LEFT JOIN event_links_t l ON l.row_id = s.row_id' : '';
  return `SELECT s.row_id, f.file, f.year, f.departement, s.line, s.edition, ${link}, ${vars.map((v) => `s.${v}`).join(', ')}, s.autres
    FROM events_stage s JOIN files_t f ON f.file_id = s.file_id ${join} ORDER BY s.row_id`;
}

async function appendRows(c: DuckDBConnection, name: string, ddl: string, fill: (a: DuckDBAppender) => void): Promise<void> {
  await c.run(`CREATE TABLE ${name} (${ddl})`);
  const a = await c.createAppender(name);
  fill(a);
  a.closeSync();
}

async function writeSmallTables(
  c: DuckDBConnection,
  fileRows: { id: number; file: string; year: number; departement: string; lines: number }[],
  t: Trajectories | undefined,
): Promise<void> {
  const date = (a: DuckDBAppender, day: number): void => {
    if (day === NO_DAY) a.appendNull();
    else a.appendDate(new DateValue(day));
  };
  const dayInt = (a: DuckDBAppender, day: number): void => appendInt(a, day === NO_DAY ? null : day);

  await appendRows(c, 'files_t', 'file_id INTEGER, file VARCHAR, year INTEGER, departement VARCHAR, lines INTEGER', (a) => {
    for (const f of fileRows) {
      a.appendInteger(f.id);
      a.appendVarchar(f.file);
      appendInt(a, f.year || null);
      appendText(a, f.departement);
      a.appendInteger(f.lines);
      a.endRow();
    }
  });

  // Nomenclature: variables and codes of both editions, labels in French and English.
  await appendRows(c, 'variables_t', 'edition VARCHAR, name VARCHAR, number INTEGER, block VARCHAR, type VARCHAR, unknown_code VARCHAR, label_fr VARCHAR, label_en VARCHAR', (a) => {
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
  });
  await appendRows(c, 'codes_t', 'edition VARCHAR, variable VARCHAR, code VARCHAR, label_fr VARCHAR, label_en VARCHAR', (a) => {
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
  });
  if (!t) return;

  const { window } = t;
  await appendRows(c, 'years_t', 'year INTEGER, first_day DATE, last_day DATE, first_day_n INTEGER, last_day_n INTEGER, window_first_year INTEGER, window_last_year INTEGER, window_start_n INTEGER, window_end_n INTEGER', (a) => {
    for (let y = window.firstYear; y && y <= window.lastYear; y++) {
      const first = Math.round(Date.UTC(y, 0, 1) / 86_400_000);
      const last = Math.round(Date.UTC(y, 11, 31) / 86_400_000);
      a.appendInteger(y);
      date(a, first);
      date(a, last);
      a.appendInteger(first);
      a.appendInteger(last);
      a.appendInteger(window.firstYear);
      a.appendInteger(window.lastYear);
      a.appendInteger(window.start);
      a.appendInteger(window.end);
      a.endRow();
    }
  });
  await appendRows(c, 'month_ends_t', 'month VARCHAR, year INTEGER, day DATE, day_n INTEGER', (a) => {
    for (let y = window.firstYear; y && y <= window.lastYear; y++) {
      for (let mo = 1; mo <= 12; mo++) {
        const d = Math.round(Date.UTC(y, mo, 1) / 86_400_000) - 1;
        a.appendVarchar(`${y}-${String(mo).padStart(2, '0')}`);
        a.appendInteger(y);
        date(a, d);
        a.appendInteger(d);
        a.endRow();
      }
    }
  });

  const P = t.people;
  const M = t.measures;
  const table = t.table;
  await appendRows(c, 'people_t', 'person_id INTEGER, sex VARCHAR, birth_year INTEGER, birth_month INTEGER, conflict_sex BOOLEAN, conflict_birth BOOLEAN, measures INTEGER, lines INTEGER, first_measure_id INTEGER', (a) => {
    for (let p = 0; p < P.length; p++) {
      a.appendInteger(p);
      a.appendVarchar(String(P.sex[p]!));
      appendInt(a, P.birthYear[p]! || null);
      appendInt(a, P.birthMonth[p]! || null);
      a.appendBoolean((P.flags[p]! & PersonFlag.CONFLICT_SEX) !== 0);
      a.appendBoolean((P.flags[p]! & PersonFlag.CONFLICT_BIRTH) !== 0);
      a.appendInteger(P.measureStart[p + 1]! - P.measureStart[p]!);
      a.appendInteger(P.lineStart[p + 1]! - P.lineStart[p]!);
      appendInt(a, P.measureStart[p + 1]! > P.measureStart[p]! ? P.measureStart[p]! : null);
      a.endRow();
    }
  });

  // Every pseudonym (NUMANONYM or NUMANONYMANT) and the young person it belongs to: the trajectory across years.
  const personOfId = new Int32Array(table.ids.size).fill(-1);
  for (let i = 0; i < table.length; i++) {
    const p = t.linePerson[i]!;
    if (p < 0) continue;
    personOfId[table.numanonym[i]!] = p;
    if (table.numanonymant[i]! > 0) personOfId[table.numanonymant[i]!] = p;
  }
  await appendRows(c, 'pseudonyms_t', 'numanonym VARCHAR, person_id INTEGER', (a) => {
    for (let id = 1; id < table.ids.size; id++) {
      if (personOfId[id]! < 0) continue;
      a.appendVarchar(table.ids.get(id));
      a.appendInteger(personOfId[id]!);
      a.endRow();
    }
  });

  const flag = (m: number, f: number): boolean => (M.flags[m]! & f) !== 0;
  const dangerCols = DANGER_VARIABLES.map((v) => `${sqlName(`danger_${v}`)} VARCHAR`).join(', ');
  await appendRows(
    c,
    'measures_t',
    `measure_id INTEGER, person_id INTEGER, rank INTEGER, kind VARCHAR, nature_group VARCHAR, nature_code VARCHAR,
     decision_date DATE, start_date DATE, end_date DATE, decision_day INTEGER, start_day INTEGER, end_day INTEGER,
     renewals INTEGER, lines INTEGER, opening_missing BOOLEAN, before_window BOOLEAN, approximate BOOLEAN, loose_end BOOLEAN,
     not_started BOOLEAN, implicit_period_end BOOLEAN, end_date_unknown BOOLEAN, end_reason VARCHAR, end_reason_ml VARCHAR,
     ${dangerCols}, first_file VARCHAR, first_line INTEGER, end_file VARCHAR, end_line INTEGER`,
    (a) => {
      for (let p = 0; p < P.length; p++) {
        for (let m = P.measureStart[p]!; m < P.measureStart[p + 1]!; m++) {
          a.appendInteger(m);
          a.appendInteger(p);
          a.appendInteger(m - P.measureStart[p]! + 1);
          a.appendVarchar(KINDS[M.kind[m]!]!);
          a.appendVarchar(NATURE_GROUPS[M.group[m]!]!.id);
          appendText(a, table.small.get(M.nature[m]!));
          date(a, M.decision[m]!);
          date(a, M.start[m]!);
          date(a, M.end[m]!);
          dayInt(a, M.decision[m]!);
          dayInt(a, M.start[m]!);
          dayInt(a, M.end[m]!);
          a.appendInteger(M.renewals[m]!);
          a.appendInteger(M.lineCount[m]!);
          a.appendBoolean(flag(m, MeasureFlag.OPENING_MISSING));
          a.appendBoolean(flag(m, MeasureFlag.BEFORE_WINDOW));
          a.appendBoolean(flag(m, MeasureFlag.APPROXIMATE));
          a.appendBoolean(flag(m, MeasureFlag.LOOSE_END));
          a.appendBoolean(flag(m, MeasureFlag.NOT_STARTED));
          a.appendBoolean(flag(m, MeasureFlag.IMPLICIT_PERIOD_END));
          a.appendBoolean(flag(m, MeasureFlag.END_DATE_UNKNOWN));
          appendText(a, M.endReason[m]! ? String(M.endReason[m]) : null);
          appendText(a, M.endReasonMl[m]! ? String(M.endReasonMl[m]) : null);
          for (let k = 0; k < DANGER_VARIABLES.length; k++) appendText(a, DANGER_CODE[(M.danger[m]! >>> (2 * k)) & 3]);
          const first = M.firstLine[m]!;
          a.appendVarchar(table.files[table.file[first]!] ?? '');
          a.appendInteger(table.line[first]!);
          const end = M.endLine[m]!;
          appendText(a, end >= 0 ? table.files[table.file[end]!] : null);
          appendInt(a, end >= 0 ? table.line[end]! : null);
          a.endRow();
        }
      }
    },
  );

  await appendRows(c, 'event_links_t', 'row_id INTEGER, person_id INTEGER, measure_id INTEGER', (a) => {
    for (let i = 0; i < table.length; i++) {
      a.appendInteger(i);
      appendInt(a, t.linePerson[i]! >= 0 ? t.linePerson[i]! : null);
      appendInt(a, t.lineMeasure[i]! >= 0 ? t.lineMeasure[i]! : null);
      a.endRow();
    }
  });

  // What could not be linked, one row per line (or measure, or person), located.
  const q = t.quality;
  await appendRows(c, 'quality_t', 'n INTEGER, category VARCHAR, file VARCHAR, line INTEGER, person_id INTEGER, measure_id INTEGER, reason VARCHAR', (a) => {
    let n = 0;
    const row = (category: string, r: number, measure: number | null, person: number | null, reason: string | null = null): void => {
      a.appendInteger(n++);
      a.appendVarchar(category);
      a.appendVarchar(table.files[table.file[r]!] ?? '');
      a.appendInteger(table.line[r]!);
      appendInt(a, person ?? (t.linePerson[r]! >= 0 ? t.linePerson[r]! : null));
      appendInt(a, measure ?? (t.lineMeasure[r]! >= 0 ? t.lineMeasure[r]! : null));
      appendText(a, reason);
      a.endRow();
    };
    const lines = ['endsWithoutOpening', 'endsBeforeWindow', 'renewalsWithoutOpening', 'renewalsBeforeWindow', 'conflictingEnds', 'looseEnds', 'repeatedLines', 'periodsWithoutEnd'] as const;
    for (const k of lines) for (const r of q[k]) row(k, r, null, null);
    for (const k of ['openNeverClosed', 'notStarted'] as const) for (const m of q[k]) row(k, M.firstLine[m]!, m, M.person[m]!);
    for (const p of q.conflictingIdentities) row('conflictingIdentities', P.lineOrder[P.lineStart[p]!]!, null, p);
    for (const u of q.unlinked) row('unlinked', u.row, null, null, u.reason);
    const { DATDECPE, DATDEB, DATFIN } = table.cols;
    const approx = new Uint8Array(table.small.size);
    for (let id = 1; id < table.small.size; id++) approx[id] = dayNumber(table.small.get(id)).approximate ? 1 : 0;
    for (let r = 0; r < table.length; r++) if (approx[DATDECPE[r]!] || approx[DATDEB[r]!] || approx[DATFIN[r]!]) row('approximateDates', r, null, null);
  });
}
