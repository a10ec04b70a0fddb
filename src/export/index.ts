/**
 * `olinpe/export`: yearly files to Parquet through DuckDB (embedded), and the observatories' indicators as SQL
 * views over those files. Needs the optional dependency `@duckdb/node-api`, loaded only when a function of this
 * module runs.
 *
 * @module export
 */
export { exportParquet, EXPORT_TABLES } from './parquet.js';
export type { ExportSource, ExportOptions, ExportProgress, ExportSummary, ExportTable } from './parquet.js';
export { eventVariableColumns, completeDay, PARTIAL_DATE_SUFFIX } from './columns.js';
export type { VariableColumn, ColumnKind, Edition2011Mode } from './columns.js';
export type { DuckDBSettings } from './duckdb.js';
export type { StagingFs } from './chunks.js';
export {
  INDICATOR_VIEWS,
  SEQUENCES_VIEW_DUCKDB,
  SEQUENCES_VIEW_SPARK,
  INDICATOR_VIEW_NAMES,
  indicatorStatements,
} from './views.js';
export { parquetReport, reportFromViews, loadParquetViews, VIEW_INPUT_TABLES } from './report.js';
export type { ParquetReportOptions } from './report.js';
