/**
 * `olinpe/transmission`: the transmission file. Streaming readers of the XML (`<DECRET>`) and CSV forms
 * for both editions, with located errors and counts that add up.
 *
 * @module transmission
 */
export { readTransmission, readAll, guessFormat } from './read.js';
export { readXml } from './read-xml.js';
export { readCsv } from './read-csv.js';
export { textChunks } from './chunks.js';
export { detectEdition, editionOfVersion } from './edition.js';
export type {
  TransmissionInput,
  TransmissionFormat,
  ReadOptions,
  HeaderItem,
  RecordItem,
  ErrorItem,
  ReadErrorKind,
  SummaryItem,
  TransmissionItem,
} from './types.js';
