// The CLI's whole-text CSV helpers now live in the library (olinpe/transmission), beside the identifier rewriter.
export { columnIndex, isBlank, parseCsv } from '../transmission/index.js';
export type { CsvField, CsvRecord } from '../transmission/index.js';
