/**
 * `olinpe/rules`: the consistency rules as typed data (generated from the nomenclature, plus hand-written
 * date, young-person and file rules), `validateRecord` for forms, streaming `validateRecords` for files, and
 * ONPE's technical audit.
 *
 * @module rules
 */
export type * from './types.js';
export { rules, ruleById, isRecordRule, isCrossRule } from './catalogue.js';
export { validateRecord } from './record.js';
export type { RecordValidation } from './record.js';
export { validateRecords, validateAll } from './run.js';
export type { PlacedRecord, NotARecord, RecordInput, RecordSource, RunSummary, ValidationStream } from './run.js';
export type { SummarisedStream } from '../_lib/stream.js';
export { ageAtEvent, completedYears, eventYearMonth } from './age.js';
export { compareDates } from './dates.js';
export { fingerprint, recordKey, renderMessage, RECORD_KEY_VARIABLES } from './messages.js';
export { ruleCatalogueMarkdown, FAMILIES } from './catalogue-docs.js';
export { audit, AUDIT_SECTIONS, renderAuditText, discrepancyLines } from './audit.js';
export { DecisionYears, validationYear } from './onpe-audit.js';
export type { ValidationYear } from './onpe-audit.js';
export type {
  AuditReport,
  AuditSection,
  AuditItem,
  AuditOptions,
  AuditSectionDef,
  AuditDiscrepancy,
  AuditYear,
  AuditUnit,
} from './audit.js';
export { ONPE_DISCREPANCIES, discrepanciesOf } from './onpe-discrepancies.js';
export type { OnpeDiscrepancy } from './onpe-discrepancies.js';
