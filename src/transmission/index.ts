/**
 * `olinpe/transmission`: the transmission file. Streaming readers of the XML (`<DECRET>`) and CSV forms
 * for both editions, with located errors and counts that add up.
 *
 * @module transmission
 */
export { readTransmission, readAll, guessFormat } from './read.js';
export { readXml } from './read-xml.js';
export { readCsv } from './read-csv.js';
export { decodeText, createDecoder, encodeText, encodingOf, DecodeError } from './decode.js';
export type { TextEncodingName, StreamDecoder } from './decode.js';
export { declaredEncoding } from './read.js';
export { detectEdition, detectEditionOf, editionOfVersion } from './edition.js';
export { openTransmission, editionOfCounts, mixedEditions, EDITION_LOOKAHEAD } from './file-edition.js';
export type { FileEdition, EditionSource, OpenedTransmission } from './file-edition.js';
export { openRecordsForRules, incompleteMessage, readErrorJson, readingJson } from './reading.js';
export type { ReadingOutcome, RecordsForRules } from './reading.js';
export type {
  TransmissionInput,
  TransmissionFormat,
  ReadOptions,
  HeaderItem,
  RecordItem,
  ErrorItem,
  ReadErrorKind,
  ReadSummary,
  TransmissionItem,
  TransmissionStream,
} from './types.js';
export { writeTransmission, writeAll, toReadableStream } from './write.js';
/** @internal For `olinpe synth` (src/cli) and src/synth: kept out of the published types. */
export { escapeXml, csvField, donneeXml } from './write.js';
export type { WritableRecord, WriteOptions, WriteSummary, TransmissionWriter, Refusal, WriteLoss } from './write.js';
export { writeTransmissionBytes, writeAllBytes } from './write-bytes.js';
export type { TransmissionByteWriter } from './write-bytes.js';
export { elementOrder, toStrictXsd, fromStrictXsd, inOfficialSchema, PARTIAL_DATES_IN_SCHEMA } from './strict.js';
export type { StrictLoss } from './strict.js';
export { xsd, xsdConstraints, xsdPattern } from './xsd.js';
export type { ElementConstraint } from './xsd.js';
export { migrate2011, typevFromCodev, addToMigrationSummary, emptyMigrationSummary, RECODED_2011 } from './migrate.js';
export type { MigrationNote, MigrationNoteKind, MigrationResult, MigrationSummary } from './migrate.js';
export { fitsModel } from './fits.js';
export { parseCsv, csvPieces, isBlank, columnIndex } from '../_lib/csv-text.js';
export type { CsvField, CsvRecord, CsvPiece, CsvPiecesOptions } from '../_lib/csv-text.js';
export { rewriteIdentifiers, rewriteIdentifierStream, IDENTIFIER_VARIABLES } from './rewrite-identifiers.js';
export type {
  IdentifierVariable,
  IdentifierRewrite,
  IdentifierRewriteStream,
  IdentifierRewriteSummary,
  IdentifierRefusal,
  IdentifierReplacer,
  RefusalReason,
  RewriteIdentifiersOptions,
} from './rewrite-identifiers.js';
