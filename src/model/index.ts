/**
 * `olinpe/model`: the zod schema of one event record per edition, its inferred type, and a parser
 * that returns located issues instead of throwing.
 *
 * @module model
 */
export { recordSchema2016, recordSchema2011, recordShape2016, recordShape2011 } from './generated/schemas.js';
export type { Record2016, Record2011 } from './generated/schemas.js';
export { parseRecord, expectedValues } from './parse.js';
export type { AnyRecord, ModelIssue, ModelIssueKind, ParseResult } from './parse.js';
export { valueStatus } from './status.js';
export { capValue, MAX_QUOTED, shortPseudonym } from './shown.js';
/** @internal For the messages of rules and transmission: kept out of the published types. */
export { sentenceStart, shownName } from './shown.js';
export type { ValueStatus } from './status.js';
export {
  FULL_DATE_PATTERN,
  YEAR_MONTH_PATTERN,
  YEAR_PATTERN,
  MONTH_PATTERN,
  IDENTIFIER_PATTERN,
  isCalendarDate,
} from './fields.js';
