/**
 * Two ways of filling a DuckDB table from JavaScript rows. {@link CsvSink}, for the wide staging tables of the
 * export (one row per event), writes CSV text that DuckDB loads itself; {@link ChunkAppender}, for the linkage's
 * outputs (appended between queries that read them), hands DuckDB data chunks.
 *
 * Rows appended a data chunk at a time: the values of up to 2,048 rows are kept column by column and handed to
 * DuckDB's appender as one data chunk. A null, a number or a date costs no call into DuckDB (only a non-empty
 * text does), where the appender's `appendNull`, `appendInteger`… cost one call each: with a hundred mostly
 * empty variables an event, this is what makes the export several times faster. Same method names as
 * `DuckDBAppender`, so the two are interchangeable.
 */
import type { DuckDBAppender, DuckDBDataChunk, DuckDBType } from '@duckdb/node-api';

type DuckModule = typeof import('@duckdb/node-api');

/** The appender methods the export uses. */
export interface RowSink {
  appendInteger(v: number): void;
  appendUInteger(v: number): void;
  appendBigInt(v: bigint): void;
  appendVarchar(v: string): void;
  appendBoolean(v: boolean): void;
  appendDate(v: { days: number }): void;
  appendNull(): void;
  endRow(): void;
  flushSync(): void;
  closeSync(): void;
}

const ROWS = 2048;
/** Chunks appended between two flushes of the appender (16,384 rows). */
const FLUSH_CHUNKS = 8;

/** A {@link RowSink} writing data chunks of `types` (the table's column types, in order) to an appender. */
export class ChunkAppender implements RowSink {
  private readonly cols: unknown[][];
  private n = 0;
  private c = 0;
  private full: DuckDBDataChunk | undefined;
  private chunks = 0;

  constructor(
    private readonly duck: DuckModule,
    private readonly appender: DuckDBAppender,
    private readonly types: readonly DuckDBType[],
  ) {
    this.cols = types.map(() => new Array<unknown>(ROWS).fill(null));
  }

  private put(v: unknown): void {
    this.cols[this.c++]![this.n] = v;
  }
  appendInteger(v: number): void {
    this.put(v);
  }
  appendUInteger(v: number): void {
    this.put(v);
  }
  appendBigInt(v: bigint): void {
    this.put(v);
  }
  appendVarchar(v: string): void {
    this.put(v);
  }
  appendBoolean(v: boolean): void {
    this.put(v);
  }
  appendDate(v: { days: number }): void {
    this.put(v);
  }
  appendNull(): void {
    this.put(null);
  }
  endRow(): void {
    if (this.c !== this.types.length)
      throw new Error(`${this.c} valeurs pour ${this.types.length} colonnes (row width mismatch)`);
    this.c = 0;
    if (++this.n === ROWS) this.flushChunk();
  }
  private flushChunk(): void {
    if (this.n === 0) return;
    // One chunk reused for every full batch of rows: a chunk's native memory is freed only when JavaScript's
    // garbage collector finalises it, which a small heap may put off for hundreds of megabytes.
    let chunk: DuckDBDataChunk;
    if (this.n === ROWS) {
      chunk = this.full ??= this.duck.DuckDBDataChunk.create([...this.types], ROWS);
      chunk.rowCount = ROWS;
    } else chunk = this.duck.DuckDBDataChunk.create([...this.types], this.n);
    this.cols.forEach((col, i) => {
      chunk.setColumnValues(i, (this.n === ROWS ? col : col.slice(0, this.n)) as never);
    });
    this.appender.appendDataChunk(chunk);
    chunk.reset();
    this.n = 0;
    // The appender keeps what it is given until it flushes (by itself only every couple of hundred thousand rows,
    // hundreds of megabytes for the wide events): flushed every few chunks, its cache stays small.
    if (++this.chunks % FLUSH_CHUNKS === 0) this.appender.flushSync();
  }
  flushSync(): void {
    this.flushChunk();
    this.appender.flushSync();
  }
  closeSync(): void {
    this.flushChunk();
    this.appender.closeSync();
  }
}

/** A {@link ChunkAppender} on a table of a connection (its column types read from the table). */
export async function openSink(
  duck: DuckModule,
  connection: import('@duckdb/node-api').DuckDBConnection,
  table: string,
): Promise<RowSink> {
  const types = (await connection.run(`SELECT * FROM ${table} LIMIT 0`)).columnTypes();
  return new ChunkAppender(duck, await connection.createAppender(table), types);
}

/**
 * A {@link RowSink} writing rows as CSV to a staging file, loaded into the table at the end by DuckDB's own CSV
 * reader (`INSERT … SELECT … FROM read_csv(…)`, parallel, in native code). Building a line of text costs
 * JavaScript far less than handing DuckDB a hundred values one by one (even through data chunks, each value
 * crosses into a vector from JavaScript): on the wide `events` table this is what brings the export close to the
 * reader's own speed. Texts are always quoted (a quoted empty text stays empty, an unquoted empty field is NULL);
 * dates are written as day numbers and turned back into DATE by the INSERT. JavaScript holds one buffer of text.
 */
export class CsvSink implements RowSink {
  /** The fields of the row being appended (joined by commas at its end). */
  private readonly fields: string[];
  private k = 0;
  private lines: string[] = [];
  private size = 0;
  private readonly fd: number;

  constructor(
    private readonly fs: StagingFs,
    private readonly path: string,
    private readonly table: string,
    private readonly types: readonly string[],
    /** The table's column names, as SQL identifiers. */
    private readonly names: readonly string[],
  ) {
    this.fields = new Array<string>(types.length).fill('');
    this.fd = fs.openSync(path, 'w');
  }

  private put(text: string): void {
    this.fields[this.k++] = text;
  }
  appendInteger(v: number): void {
    this.put(String(v));
  }
  appendUInteger(v: number): void {
    this.put(String(v));
  }
  appendBigInt(v: bigint): void {
    this.put(String(v));
  }
  appendVarchar(v: string): void {
    this.put(v.includes('"') ? `"${v.replace(/"/g, '""')}"` : `"${v}"`);
  }
  appendBoolean(v: boolean): void {
    this.put(v ? 'true' : 'false');
  }
  appendDate(v: { days: number }): void {
    this.put(String(v.days));
  }
  /** A date given by its day number (days since 1970-01-01), without a DuckDB value object. */
  appendDay(days: number): void {
    this.put(String(days));
  }
  appendNull(): void {
    this.put('');
  }
  endRow(): void {
    if (this.k !== this.types.length)
      throw new Error(`${this.k} valeurs pour ${this.types.length} colonnes (row width mismatch)`);
    this.k = 0;
    const line = this.fields.join(',');
    this.lines.push(line);
    this.size += line.length;
    if (this.size >= 1 << 20) this.flushSync();
  }
  /** Writes the buffered lines to the staging file (the table is loaded by {@link load}). */
  flushSync(): void {
    if (this.lines.length) this.fs.writeSync(this.fd, `${this.lines.join('\n')}\n`);
    this.lines = [];
    this.size = 0;
  }
  closeSync(): void {
    this.flushSync();
    this.fs.closeSync(this.fd);
  }
  /**
   * The staged rows as a query with the table's column names and types, in the order they were appended (DuckDB
   * keeps the insertion order of a scan); call after {@link closeSync}.
   */
  select(): string {
    const names = this.types.map((_, i) => `c${i}`);
    const columns = this.types.map((t, i) => `'${names[i]}': '${t === 'DATE' ? 'INTEGER' : t}'`).join(', ');
    const select = this.types
      .map((t, i) => `${t === 'DATE' ? `DATE '1970-01-01' + ${names[i]}` : names[i]} AS ${this.names[i]}`)
      .join(', ');
    const path = this.path.replace(/'/g, "''");
    return `SELECT ${select} FROM read_csv('${path}', columns = {${columns}},
      header = false, delim = ',', quote = '"', escape = '"', new_line = '\\n', auto_detect = false,
      allow_quoted_nulls = false, strict_mode = true)`;
  }
  /** Closes the staging file and loads it into the table (in order), then deletes it. */
  async load(connection: import('@duckdb/node-api').DuckDBConnection): Promise<void> {
    this.closeSync();
    await connection.run(`INSERT INTO ${this.table} ${this.select()}`);
    this.fs.rmSync(this.path, { force: true });
  }
}

/**
 * The file operations the staging needs, given by the caller (the CLI passes Node's `fs`): the export module
 * itself imports no Node built-in (test/architecture.test.ts).
 */
export interface StagingFs {
  mkdtempSync(prefix: string): string;
  openSync(path: string, flags: 'w'): number;
  writeSync(fd: number, text: string): number;
  closeSync(fd: number): void;
  rmSync(path: string, options: { recursive?: boolean; force?: boolean }): void;
}

/** A {@link CsvSink} on a table of a connection, staged in `path` (its column types read from the table). */
export async function openCsvSink(
  fs: StagingFs,
  connection: import('@duckdb/node-api').DuckDBConnection,
  table: string,
  path: string,
): Promise<CsvSink> {
  const empty = await connection.run(`SELECT * FROM ${table} LIMIT 0`);
  const types = empty.columnTypes().map((t) => t.toString());
  const names = empty.columnNames().map((n) => `"${n.replace(/"/g, '""')}"`);
  return new CsvSink(fs, path, table, types, names);
}
