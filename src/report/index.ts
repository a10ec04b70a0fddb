/**
 * `report`: renders a validation result and/or the observatory's audit as one self-contained HTML page
 * (no network, inline CSS, script and SVG), printable, French first with English labels. It is also the one
 * home of HTML rendering for every olinpe report (the analysis page of `olinpe report` uses the same kit):
 * escaping, French number formatting, bilingual labels, downloadable tables, SVG charts, the `.xlsx` writer.
 *
 * @module report
 */
export { renderReportHtml, fillRateSvg, groupByRule, countBySeverity } from './html.js';
export { createFillRateCounter, fillRates } from './fill-rates.js';
export type { ReportRecord } from './fill-rates.js';
export {
  bi,
  biText,
  formatCount,
  formatNumber,
  formatPercent,
  humanCsvCell,
  renderPage,
  renderTable,
  tableValues,
  DOCS_SITE_URL,
  docsUrl,
  codedHtml,
} from './kit.js';
/** @internal For the analysis report (src/analysis): kept out of the published types. */
export { escapeHtml } from './kit.js';
export type { Bilingual, Cell, CodedCell, Column, ColumnKind, DataTable, PageParts } from './kit.js';
export { flowSvg, legendHtml, lineChartSvg, niceTicks, pyramidSvg, stepCurvesSvg, PALETTE } from './charts.js';
export type { FlowChart, FlowNode, LineSeries, StepCurve } from './charts.js';
export { xlsxWorkbook, XLSX_MIME } from './xlsx.js';
/** @internal For the analysis page's downloadable workbook (src/analysis): kept out of the published types. */
export { base64 } from './xlsx.js';
export type { Sheet } from './xlsx.js';
export type {
  AuditResult,
  ReportAuditSection,
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
