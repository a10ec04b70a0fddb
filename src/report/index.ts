/**
 * `report`: renders a validation result and/or the observatory's audit as one self-contained HTML page
 * (no network, inline CSS, script and SVG), printable, French first with English labels.
 *
 * @module report
 */
export { renderReportHtml, escapeHtml, fillRateSvg, groupByRule, countBySeverity } from './html.js';
export { createFillRateCounter, fillRates } from './fill-rates.js';
export type { ReportRecord } from './fill-rates.js';
export type {
  AuditResult,
  AuditSection,
  FillRate,
  ReportFinding,
  ReportFindingVariable,
  ReportInput,
  ReportLang,
  ReportOptions,
  ReportReading,
  ReportRuleInfo,
  ReportSeverity,
} from './types.js';
