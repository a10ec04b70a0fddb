// The CLI's whole-text CSV helpers now live in the library (olinpe/transmission), beside the identifier rewriter.
export { columnIndex, csvPieces, isBlank, parseCsv } from '../transmission/index.js';
export type { CsvPiece, CsvRecord } from '../transmission/index.js';
