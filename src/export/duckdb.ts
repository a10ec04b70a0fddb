/**
 * Loading DuckDB's Node API on demand: `@duckdb/node-api` is an optional dependency, imported only when an
 * export or an SQL report runs, so that no other part of olinpe ever loads it.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

type DuckModule = typeof import('@duckdb/node-api');

let loaded: Promise<DuckModule> | undefined;

/** The `@duckdb/node-api` module, or a clear error saying how to install it. */
export function loadDuckDB(): Promise<DuckModule> {
  loaded ??= import('@duckdb/node-api').catch((error: unknown) => {
    loaded = undefined;
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `DuckDB n'est pas installé (paquet optionnel @duckdb/node-api) : npm install @duckdb/node-api@1.5.6-r.1 — DuckDB is not installed (${why})`,
    );
  });
  return loaded;
}

/** Settings of the embedded database. */
export interface DuckDBSettings {
  /** Database file for the staging tables (default `:memory:`, which spills to `tempDirectory` past `memoryLimit`). */
  database?: string;
  /** DuckDB's memory limit, e.g. `'1GB'` (default `'1GB'`). */
  memoryLimit?: string;
  /** Worker threads (default: DuckDB's choice, the number of cores). */
  threads?: number;
  /** Where DuckDB spills what does not fit in memory. */
  tempDirectory?: string;
}

/** Opens an embedded database with the settings; close both with {@link closeDuckDB}. */
export async function openDuckDB(
  settings: DuckDBSettings = {},
): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const duck = await loadDuckDB();
  const options: Record<string, string> = { memory_limit: settings.memoryLimit ?? '1GB' };
  if (settings.threads !== undefined) options.threads = String(settings.threads);
  if (settings.tempDirectory !== undefined) options.temp_directory = settings.tempDirectory;
  const instance = await duck.DuckDBInstance.create(settings.database ?? ':memory:', options);
  const connection = await instance.connect();
  return { instance, connection };
}

/** Closes a connection and its instance. */
export function closeDuckDB(db: { instance: DuckDBInstance; connection: DuckDBConnection }): void {
  db.connection.closeSync();
  db.instance.closeSync();
}

/** A text as an SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A name as an SQL identifier. */
export function sqlName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
