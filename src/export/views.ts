/**
 * The indicator views. Their only source is sql/indicators.sql, sql/sequences.duckdb.sql and
 * sql/sequences.spark.sql; `npm run generate` turns them into the constants of ./generated/sql.ts. Run by
 * `olinpe report --engine duckdb`, written beside the Parquet files by `olinpe export`.
 */

import { INDICATOR_VIEWS, SEQUENCES_VIEW_DUCKDB, SEQUENCES_VIEW_SPARK } from './generated/sql.js';

export { INDICATOR_VIEWS, SEQUENCES_VIEW_DUCKDB, SEQUENCES_VIEW_SPARK };

/** The names of the views, in the order they are created. */
export const INDICATOR_VIEW_NAMES: readonly string[] = [
  ...(INDICATOR_VIEWS + SEQUENCES_VIEW_DUCKDB).matchAll(/CREATE OR REPLACE TEMPORARY VIEW (\w+)/g),
].map((m) => m[1]!);

/**
 * The statements of an SQL text one by one, comments left out (for clients that run one statement a call, such
 * as Spark's `spark.sql`).
 *
 * @example
 * indicatorStatements(INDICATOR_VIEWS)[0]!.startsWith('CREATE OR REPLACE TEMPORARY VIEW ind_measure_facts') // true
 */
export function indicatorStatements(sql: string = INDICATOR_VIEWS): string[] {
  return sql
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('--'))
    .join('\n')
    .split(/;[ \t]*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
